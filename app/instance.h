#pragma once

#include "base/expected.h"
#include "instance/instancelock.h"
#include "instance/queuesettings.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class InstanceServer;
class JobKindRegistry;
class JobQueue;
class QSettings;
class QueuePersister;
class QueueStopper;

// One instance of Taskdeck on a data folder, wired once for both faces (the
// window and `taskdeck --headless`): the folder's InstanceLock, the JobQueue
// with the kinds app/ hands it, the queue's settings (QueueSettings), the
// QueuePersister that restores and keeps it on disk, the InstanceServer that
// serves the shell, and the QueueStopper that ends it cleanly.
//
// Use: open(); if Opened, listen(); connect the faces' signals; quitWhenStopped().
// Destruction order is the wiring's: stopper, server, persister (a last write),
// queue, lock. Ownership: owns all five; does not own the QSettings, which must
// outlive it. Thread: the main thread, which runs the event loop.
class Instance : public QObject {
    Q_OBJECT
public:
    enum class Opening { Opened, HeldByOther, Failed };

    Instance(QString dataDir, std::shared_ptr<const JobKindRegistry> kinds, QSettings *settings);
    ~Instance() override;

    // Takes the folder's lock; then, as the start-up's one wait on the disk,
    // restores the queue from the store and applies the queue settings.
    // HeldByOther: another live instance holds the folder (ownerPid());
    // Failed: error() says why. The queue and the rest exist only once Opened.
    Opening open();
    QString error() const { return m_error; }
    qint64 ownerPid() const { return m_lock.ownerPid(); }
    // What the person should hear about the opening (a stale lock taken over,
    // jobs that were running when the last instance died), in order; may be empty.
    QStringList notices() const { return m_notices; }

    // Serves the shell on the folder's socket. headless: a "shutdown" request
    // is honored (the window ignores it). After open() returned Opened.
    Status listen(bool headless);
    // Reads the queue settings again and applies them (the window calls it
    // when its settings change).
    void applySettings();

    // When the stopper has stopped: report runs (for the face's last words),
    // then the process ends with the stopper's exit code. Jobs that did not stop
    // in time run on threads the queue cannot be destroyed under; the queue is
    // on disk, so then the process ends at once (and those jobs, their
    // processes included, with it).
    void quitWhenStopped(std::function<void(const QueueStopper &)> report = {});

    QString dataDir() const { return m_dataDir; }
    JobQueue &queue() const { return *m_queue; }
    QueuePersister &persister() const { return *m_persister; }
    InstanceServer &server() const { return *m_server; }
    QueueStopper &stopper() const { return *m_stopper; }

private:
    QString m_dataDir;
    std::shared_ptr<const JobKindRegistry> m_kinds;
    QSettings *m_settings;
    QueueSettings m_queueSettings;
    QString m_error;
    QStringList m_notices;
    // Members in wiring order: destroyed in reverse.
    InstanceLock m_lock;
    std::unique_ptr<JobQueue> m_queue;
    std::unique_ptr<QueuePersister> m_persister;
    std::unique_ptr<InstanceServer> m_server;
    std::unique_ptr<QueueStopper> m_stopper;
};
