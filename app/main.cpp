// taskdeck: with arguments a command-line tool on the same engine (links no
// widget code); without, the window (taskdeck-window, see WindowProgram).
#include "applicationidentity.h"
#include "clientcommand.h"
#include "headlessinstance.h"
#include "runcommand.h"
#include "usage.h"
#include "windowprogram.h"

#include <QCoreApplication>

#include <cstring>

namespace {

// Commands that never need a display are decided before any QApplication
// exists, so `taskdeck run ...` works over ssh and in CI. Anything but Qt's own
// window options (e.g. -platform offscreen) is a command, and an unknown one
// gets an error rather than a window.
bool isCommandLineUse(int argc, char **argv) {
    if (argc < 2)
        return false;
    // `taskdeck --data-dir DIR` alone is the window on another data folder.
    if ((argc == 3 && std::strcmp(argv[1], "--data-dir") == 0) ||
        (argc == 2 && std::strncmp(argv[1], "--data-dir=", 11) == 0))
        return false;
    static const char *const windowOptions[] = {"-platform",
                                                "-platformpluginpath",
                                                "-platformtheme",
                                                "-plugin",
                                                "-qwindowgeometry",
                                                "-qwindowtitle",
                                                "-qwindowicon",
                                                "-style",
                                                "-stylesheet",
                                                "-widgetcount",
                                                "-reverse",
                                                "-session",
                                                "-display",
                                                "-geometry",
                                                "-name",
                                                "-title",
                                                "-visual",
                                                "-nograb",
                                                "-dograb"};
    for (const char *option : windowOptions) {
        if (std::strcmp(argv[1], option) == 0 ||
            (argv[1][0] == '-' && argv[1][1] == '-' && std::strcmp(argv[1] + 1, option) == 0))
            return false;
    }
    return true;
}
} // namespace

int main(int argc, char **argv) {
    if (isCommandLineUse(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        const QStringList arguments = app.arguments().mid(1);
        const QString &command = arguments.first();
        if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
            command == QLatin1String("--help-all"))
            return Usage::printHelp();
        if (command == QLatin1String("--version") || command == QLatin1String("-v"))
            return Usage::printVersion();
        if (command == QLatin1String("run"))
            return RunCommand::exec(arguments.mid(1));
        if (HeadlessInstance::isRequested(arguments))
            return HeadlessInstance::run(arguments);
        if (ClientCommand::isClientCommand(arguments))
            return ClientCommand::exec(arguments);
        return Usage::unknownCommand(command);
    }

    // The window is its own program: the shell's commands never load widgets.
    return WindowProgram::exec(argv);
}
