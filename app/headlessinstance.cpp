#include "headlessinstance.h"

#include "appsettings.h"
#include "instancelock.h"
#include "instancepaths.h"
#include "instanceserver.h"
#include "jobkindregistry.h"
#include "jobqueue.h"
#include "queuepersister.h"
#include "queuestopper.h"
#include "storesettings.h"
#include "unixsignalwatcher.h"

#include <QCoreApplication>
#include <QSettings>

#include <cstdio>
#include <unistd.h>

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
    InstanceLock lock(dataDir);
    if (!lock.tryAcquire()) {
        printMessage(lock.error());
        return lock.ownerPid() != 0 ? AlreadyRunning : Failed;
    }
    if (!lock.notice().isEmpty())
        printMessage(lock.notice());

    JobQueue queue(JobKindRegistry::withBuiltinKinds());
    // The window's queue settings (parallel jobs, group limits) apply here too.
    QSettings settings;
    AppSettings(&settings).applyTo(queue);

    QueuePersister persister(&queue, dataDir);
    const Expected<QString> opened = persister.open(StoreSettings::recoveryPolicy(settings),
                                                    StoreSettings::historyDays(settings));
    if (!opened) {
        printMessage(opened.error());
        return Failed;
    }
    if (!opened->isEmpty())
        printMessage(*opened);

    InstanceServer server(&queue, &persister);
    server.setHeadless(true);
    server.setDataDir(dataDir);
    if (const Status listening = server.listenFor(dataDir); !listening) {
        printMessage(listening.error());
        return Failed;
    }

    // SIGTERM/SIGINT or a "shutdown" request: running jobs are recorded as
    // interrupted, what is pending is written, then the loop ends.
    QueueStopper stopper(&queue, &persister, nullptr, StoreSettings::stopSeconds(settings) * 1000);
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::interrupted, &stopper,
                     &QueueStopper::stop);
    QObject::connect(&server, &InstanceServer::shutdownRequested, &stopper, &QueueStopper::stop);
    QObject::connect(&stopper, &QueueStopper::stopped, &stopper, [&stopper](int exitCode) {
        if (!stopper.error().isEmpty())
            printMessage(tr("the queue could not be saved: %1").arg(stopper.error()));
        if (stopper.abandonedCount() > 0)
            printMessage(tr("%1 jobs did not stop within %2 s; they were recorded as interrupted")
                             .arg(stopper.abandonedCount())
                             .arg(stopper.giveUpAfterMs() / 1000));
        printMessage(
            tr("stopped; %1 running jobs recorded as interrupted").arg(stopper.interruptedCount()));
        // What did not stop still runs on worker threads the queue cannot be
        // destroyed under: the queue is on disk, so the process ends here (and
        // with it those jobs, their processes included: their death signal).
        if (stopper.abandonedCount() > 0)
            ::_exit(exitCode);
        QCoreApplication::exit(exitCode);
    });
    printMessage(tr("headless instance (pid %1) serving %2")
                     .arg(QCoreApplication::applicationPid())
                     .arg(dataDir));
    return QCoreApplication::exec();
}
