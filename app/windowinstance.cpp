#include "windowinstance.h"

#include "appsettings.h"
#include "instance.h"
#include "instance/instanceprotocol.h"
#include "instance/instanceserver.h"
#include "instanceclient.h"
#include "kinds/builtinkinds.h"
#include "mainwindow.h"
#include "store/queuestopper.h"

#include <QApplication>
#include <QJsonObject>
#include <QMessageBox>
#include <QSettings>

#include <cstdio>

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
    QSettings store;
    Instance instance(dataDir, BuiltinKinds::registry(), &store);
    // Start-up, before any window exists: restoring is the one wait on the disk.
    if (const Instance::Opening opening = instance.open(); opening != Instance::Opening::Opened) {
        if (opening == Instance::Opening::HeldByOther)
            return activateOther(dataDir, instance.ownerPid());
        printMessage(instance.error());
        QMessageBox::critical(nullptr, tr("Taskdeck"),
                              tr("The queue cannot be opened: %1").arg(instance.error()));
        return Failed;
    }
    AppSettings settings(&store);
    QObject::connect(&settings, &AppSettings::changed, &instance, &Instance::applySettings);

    MainWindow window(&instance.queue(), &settings);
    window.setPersister(&instance.persister());
    if (const Status listening = instance.listen(false); !listening)
        window.showNotice(tr("The shell cannot reach this window: %1").arg(listening.error()));
    QObject::connect(&instance.server(), &InstanceServer::activationRequested, &window,
                     &MainWindow::bringToFront);

    // Closing the window may leave the queue running in the tray; quitting is the
    // window's decision once it has asked about unfinished jobs.
    QApplication::setQuitOnLastWindowClosed(false);
    QObject::connect(&window, &MainWindow::quitConfirmed, &instance.stopper(), &QueueStopper::stop,
                     Qt::QueuedConnection);
    instance.quitWhenStopped();
    window.show();
    for (const QString &notice : instance.notices())
        window.showNotice(notice);
    return QApplication::exec();
}
