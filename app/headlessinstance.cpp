#include "headlessinstance.h"

#include "instance.h"
#include "instance/instancepaths.h"
#include "instance/instanceserver.h"
#include "kinds/builtinkinds.h"
#include "store/queuestopper.h"
#include "unixsignalwatcher.h"

#include <QCoreApplication>
#include <QSettings>

#include <cstdio>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("HeadlessInstance", text);
}

void printMessage(const QString &message) {
    std::fprintf(stderr, "taskdeck: %s\n", message.toLocal8Bit().constData());
    std::fflush(stderr);
}

const QString headlessOption = QStringLiteral("--headless");
const QString dataDirOption = QStringLiteral("--data-dir");
const QString dataDirPrefix = QStringLiteral("--data-dir=");

} // namespace

bool HeadlessInstance::isRequested(const QStringList &arguments) {
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &word = arguments.at(i);
        if (word == headlessOption)
            return true;
        if (word == dataDirOption)
            ++i; // its value
        else if (!word.startsWith(dataDirPrefix))
            return false; // a command or another option comes first
    }
    return false;
}

int HeadlessInstance::run(const QStringList &arguments) {
    QString dataDir;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &word = arguments.at(i);
        if (word == headlessOption)
            continue;
        if (word == dataDirOption && i + 1 < arguments.size()) {
            dataDir = arguments.at(++i);
        } else if (word.startsWith(dataDirPrefix)) {
            dataDir = word.mid(dataDirPrefix.size());
        } else {
            printMessage(tr("--headless takes only --data-dir DIR, not '%1'\n"
                            "Try 'taskdeck --help'.")
                             .arg(word));
            return BadUsage;
        }
    }
    return exec(InstancePaths::dataDir(dataDir));
}

int HeadlessInstance::exec(const QString &dataDir) {
    QSettings settings;
    Instance instance(dataDir, BuiltinKinds::registry(), &settings);
    if (const Instance::Opening opening = instance.open(); opening != Instance::Opening::Opened) {
        printMessage(instance.error());
        return opening == Instance::Opening::HeldByOther ? AlreadyRunning : Failed;
    }
    for (const QString &notice : instance.notices())
        printMessage(notice);
    if (const Status listening = instance.listen(true); !listening) {
        printMessage(listening.error());
        return Failed;
    }

    // SIGTERM/SIGINT or a "shutdown" request: running jobs are recorded as
    // interrupted, what is pending is written, then the loop ends.
    QueueStopper &stopper = instance.stopper();
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::interrupted, &stopper,
                     &QueueStopper::stop);
    QObject::connect(&instance.server(), &InstanceServer::shutdownRequested, &stopper,
                     &QueueStopper::stop);
    instance.quitWhenStopped([](const QueueStopper &stopped) {
        if (!stopped.error().isEmpty())
            printMessage(tr("the queue could not be saved: %1").arg(stopped.error()));
        if (stopped.abandonedCount() > 0)
            printMessage(tr("%1 jobs did not stop within %2 s; they were recorded as interrupted")
                             .arg(stopped.abandonedCount())
                             .arg(stopped.giveUpAfterMs() / 1000));
        printMessage(
            tr("stopped; %1 running jobs recorded as interrupted").arg(stopped.interruptedCount()));
    });
    printMessage(tr("headless instance (pid %1) serving %2")
                     .arg(QCoreApplication::applicationPid())
                     .arg(dataDir));
    return QCoreApplication::exec();
}
