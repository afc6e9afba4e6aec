#include "windowinstance.h"

#include "appsettings.h"
#include "instanceclient.h"
#include "instancelock.h"
#include "instancepaths.h"
#include "instanceprotocol.h"
#include "instanceserver.h"
#include "jobkindregistry.h"
#include "jobqueue.h"
#include "mainwindow.h"
#include "queuepersister.h"
#include "queuestopper.h"
#include "storesettings.h"

#include <QApplication>
#include <QJsonObject>
#include <QMessageBox>
#include <QSettings>

#include <cstdio>
#include <unistd.h>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("WindowInstance", text);
}

void printMessage(const QString &message) {
    std::fprintf(stderr, "taskdeck: %s\n", message.toLocal8Bit().constData());
}
} // namespace

int WindowInstance::activateOther(const QString &dataDir, qint64 ownerPid) {
    InstanceClient client(dataDir);
    if (!client.connect()) {
        printMessage(tr("another Taskdeck (pid %1) owns %2 but does not answer: %3")
                         .arg(ownerPid)
                         .arg(dataDir, client.error()));
        return AnotherInstance;
    }
    const auto reply = client.request(InstanceProtocol::Command::activate, {}, 10000);
    if (!reply) {
        printMessage(client.error());
        return AnotherInstance;
    }
    if (!reply->value(InstanceProtocol::Field::ok).toBool()) {
        printMessage(reply->value(InstanceProtocol::Field::error).toString());
        return AnotherInstance;
    }
    printMessage(
        tr("Taskdeck is already running for %1; its window was brought to the front").arg(dataDir));
    return Quit;
}

int WindowInstance::exec(const QString &dataDir) {
    InstanceLock lock(dataDir);
    if (!lock.tryAcquire()) {
        if (lock.ownerPid() != 0)
            return activateOther(dataDir, lock.ownerPid());
        printMessage(lock.error());
        QMessageBox::critical(nullptr, tr("Taskdeck"), lock.error());
        return Failed;
    }

    JobQueue queue(JobKindRegistry::withBuiltinKinds());
    QSettings store;
    AppSettings settings(&store);
    settings.applyTo(queue);
    QObject::connect(&settings, &AppSettings::changed, &queue,
                     [&settings, &queue] { settings.applyTo(queue); });

    // Declared after the queue: destroyed first, with a last write.
    QueuePersister persister(&queue, dataDir);
    // Start-up, before any window exists: loading is the one wait on the disk.
    const Expected<QString> opened =
        persister.open(StoreSettings::recoveryPolicy(store), StoreSettings::historyDays(store));
    if (!opened) {
        printMessage(opened.error());
        QMessageBox::critical(nullptr, tr("Taskdeck"),
                              tr("The queue cannot be opened: %1").arg(opened.error()));
        return Failed;
    }

    MainWindow window(&queue, &settings);
    window.setPersister(&persister);
    InstanceServer server(&queue, &persister);
    server.setDataDir(dataDir);
    if (const Status listening = server.listenFor(dataDir); !listening)
        window.showNotice(tr("The shell cannot reach this window: %1").arg(listening.error()));
    QObject::connect(&server, &InstanceServer::activationRequested, &window,
                     &MainWindow::bringToFront);

    // Closing the window may leave the queue running in the tray; quitting is the
    // window's decision once it has asked about unfinished jobs.
    QApplication::setQuitOnLastWindowClosed(false);
    QueueStopper stopper(&queue, &persister, nullptr, StoreSettings::stopSeconds(store) * 1000);
    QObject::connect(&window, &MainWindow::quitConfirmed, &stopper, &QueueStopper::stop,
                     Qt::QueuedConnection);
    QObject::connect(&stopper, &QueueStopper::stopped, qApp, [&stopper](int exitCode) {
        // Jobs that did not stop in time run on threads the queue cannot be
        // destroyed under; the queue is on disk: the process ends here.
        if (stopper.abandonedCount() > 0) {
            std::fflush(stderr);
            ::_exit(exitCode);
        }
        QCoreApplication::exit(exitCode);
    });
    window.show();
    if (!lock.notice().isEmpty())
        window.showNotice(lock.notice());
    if (!opened->isEmpty())
        window.showNotice(*opened);
    return QApplication::exec();
}
