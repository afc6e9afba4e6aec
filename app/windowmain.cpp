// taskdeck-window: the Taskdeck window. Started by `taskdeck` (WindowProgram)
// with the arguments it was given: Qt's window options and --data-dir DIR.
#include "applicationidentity.h"
#include "instance/instancepaths.h"
#include "usage.h"
#include "windowinstance.h"

#include <QApplication>

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Taskdeck"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.taskdeck.Taskdeck"));
    QStringList arguments = app.arguments().mid(1); // Qt took its own options
    QString dataDir;
    if (arguments.size() == 2 && arguments.first() == QLatin1String("--data-dir"))
        dataDir = arguments.takeLast();
    else if (arguments.size() == 1 && arguments.first().startsWith(QLatin1String("--data-dir=")))
        dataDir = arguments.takeFirst().mid(11);
    else if (!arguments.isEmpty())
        return Usage::unknownCommand(arguments.first());
    return WindowInstance::exec(InstancePaths::dataDir(dataDir));
}
