// `taskdeck --headless` built from taskdeck_cli alone: the proof (see the link
// check beside it in CMakeLists.txt) that the headless instance, the client and
// `run` link no widget code. Runs like `taskdeck --headless ...`.
#include "headlessinstance.h"

#include <QCoreApplication>

int main(int argc, char **argv) {
    QCoreApplication::setOrganizationName(QStringLiteral("Taskdeck"));
    QCoreApplication::setApplicationName(QStringLiteral("taskdeck"));
    QCoreApplication app(argc, argv);
    return HeadlessInstance::run(app.arguments().mid(1));
}
