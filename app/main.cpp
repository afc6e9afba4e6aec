// taskdeck: the window, or with arguments a command-line tool on the same engine.
#include "appsettings.h"
#include "clientcommand.h"
#include "headlessinstance.h"
#include "jobkindregistry.h"
#include "jobqueue.h"
#include "mainwindow.h"
#include "runcommand.h"
#include "usage.h"

#include <QApplication>
#include <QCoreApplication>
#include <QSettings>

#include <cstring>

namespace {
void describeApplication() {
    QCoreApplication::setOrganizationName(QStringLiteral("Taskdeck"));
    QCoreApplication::setApplicationName(QStringLiteral("taskdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TASKDECK_VERSION));
}

// Commands that never need a display are decided before any QApplication
// exists, so `taskdeck run ...` works over ssh and in CI. Anything but Qt's own
// window options (e.g. -platform offscreen) is a command, and an unknown one
// gets an error rather than a window.
bool isCommandLineUse(int argc, char **argv) {
    if (argc < 2)
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

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Taskdeck"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.taskdeck.Taskdeck"));
    if (app.arguments().size() > 1)
        return Usage::unknownCommand(app.arguments().at(1));

    JobQueue queue(JobKindRegistry::withBuiltinKinds());
    QSettings store;
    AppSettings settings(&store);
    settings.applyTo(queue);
    QObject::connect(&settings, &AppSettings::changed, &queue,
                     [&settings, &queue] { settings.applyTo(queue); });
    MainWindow window(&queue, &settings);
    // Closing the window may leave the queue running in the tray; quitting is the
    // window's decision once it has asked about unfinished jobs.
    QApplication::setQuitOnLastWindowClosed(false);
    QObject::connect(&window, &MainWindow::quitConfirmed, &app, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    window.show();
    return QApplication::exec();
}
