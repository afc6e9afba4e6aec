// taskdeck: the window, or with arguments a command-line tool on the same engine.
#include "jobkindregistry.h"
#include "jobqueue.h"
#include "mainwindow.h"
#include "runcommand.h"
#include "usage.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstring>

namespace {
void describeApplication() {
    QCoreApplication::setOrganizationName(QStringLiteral("Taskdeck"));
    QCoreApplication::setApplicationName(QStringLiteral("taskdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TASKDECK_VERSION));
}

// Commands that never need a display are decided before any QApplication
// exists, so `taskdeck run ...` works over ssh and in CI.
bool isCommandLineUse(int argc, char **argv) {
    if (argc < 2)
        return false;
    const char *first = argv[1];
    return first[0] != '-' || std::strcmp(first, "--help") == 0 || std::strcmp(first, "-h") == 0 ||
           std::strcmp(first, "--version") == 0 || std::strcmp(first, "-v") == 0;
}
} // namespace

int main(int argc, char **argv) {
    if (isCommandLineUse(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        const QStringList arguments = app.arguments().mid(1);
        const QString &command = arguments.first();
        if (command == QLatin1String("--help") || command == QLatin1String("-h"))
            return Usage::printHelp();
        if (command == QLatin1String("--version") || command == QLatin1String("-v"))
            return Usage::printVersion();
        if (command == QLatin1String("run"))
            return RunCommand::exec(arguments.mid(1));
        return Usage::unknownCommand(command);
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Taskdeck"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.taskdeck.Taskdeck"));
    if (app.arguments().size() > 1)
        return Usage::unknownCommand(app.arguments().at(1));

    JobQueue queue(JobKindRegistry::withBuiltinKinds());
    MainWindow window(&queue);
    window.show();
    return QApplication::exec();
}
