#pragma once

#include <QString>

#include <memory>

class QLockFile;

// One running instance per data folder: holds DIR/taskdeck.lock (QLockFile)
// from a successful tryAcquire() until destruction. A lock left behind by a
// process that no longer runs (kill -9, a crash) is taken over; a lock held by
// a live process is never stolen, however old.
//
// Thread: any, but one object is used from one thread. Not copyable.
class InstanceLock {
public:
    explicit InstanceLock(QString dataDir);
    // Releases the lock (removes the lock file) if held.
    ~InstanceLock();
    InstanceLock(const InstanceLock &) = delete;
    InstanceLock &operator=(const InstanceLock &) = delete;

    // Creates the data folder when missing, private to its owner (0700), or
    // makes the one there private (PrivateFolder::prepare; notice() then says
    // so), then takes the lock without waiting. False when another instance
    // holds it (ownerPid() says which), or the folder is not the user's own or
    // cannot be written (error() says why).
    bool tryAcquire();
    // After tryAcquire: what was tightened in the data folder, or empty.
    QString notice() const;
    bool isHeld() const;

    // After a failed tryAcquire: the pid of the instance holding the lock, or
    // 0 when the failure was not about another instance.
    qint64 ownerPid() const;
    // After a failed tryAcquire: a sentence naming the folder and the reason,
    // e.g. "another Taskdeck instance (pid 42) already owns /home/a/data".
    QString error() const;

    QString dataDir() const;
    QString lockFilePath() const;

private:
    QString m_dataDir;
    std::unique_ptr<QLockFile> m_lock;
    qint64 m_ownerPid = 0;
    QString m_error;
    QString m_notice;
};
