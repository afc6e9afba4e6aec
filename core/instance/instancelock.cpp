#include "instance/instancelock.h"

#include "base/privatefolder.h"
#include "instance/instancepaths.h"

#include <QFile>
#include <QLockFile>

InstanceLock::InstanceLock(QString dataDir)
    : m_dataDir(std::move(dataDir))
    , m_lock(std::make_unique<QLockFile>(InstancePaths::lockFilePath(m_dataDir))) {
    // No age-based staleness: an instance may hold its lock for weeks. QLockFile
    // still takes over a lock whose pid no longer runs (or runs another program).
    m_lock->setStaleLockTime(0);
}

InstanceLock::~InstanceLock() = default; // QLockFile unlocks when destroyed

bool InstanceLock::tryAcquire() {
    if (m_lock->isLocked())
        return true;
    m_ownerPid = 0;
    m_error.clear();
    m_notice.clear();
    const Expected<QString> prepared = PrivateFolder::prepare(m_dataDir);
    if (!prepared) {
        m_error = prepared.error();
        return false;
    }
    m_notice = *prepared;
    if (m_lock->tryLock(0)) {
        // QLockFile creates it 0666 & ~umask; it says which process owns the folder.
        QFile::setPermissions(lockFilePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return true;
    }
    switch (m_lock->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString hostname, application;
        if (m_lock->getLockInfo(&pid, &hostname, &application))
            m_ownerPid = pid;
        m_error = m_ownerPid > 0
                      ? QStringLiteral("another Taskdeck instance (pid %1) already owns %2")
                            .arg(m_ownerPid)
                            .arg(m_dataDir)
                      : QStringLiteral("another Taskdeck instance already owns %1").arg(m_dataDir);
        break;
    }
    case QLockFile::PermissionError:
        m_error =
            QStringLiteral("cannot write the lock file %1: permission denied").arg(lockFilePath());
        break;
    default:
        m_error = QStringLiteral("cannot lock %1").arg(lockFilePath());
        break;
    }
    return false;
}

bool InstanceLock::isHeld() const {
    return m_lock->isLocked();
}

qint64 InstanceLock::ownerPid() const {
    return m_ownerPid;
}

QString InstanceLock::notice() const {
    return m_notice;
}

QString InstanceLock::error() const {
    return m_error;
}

QString InstanceLock::dataDir() const {
    return m_dataDir;
}

QString InstanceLock::lockFilePath() const {
    return InstancePaths::lockFilePath(m_dataDir);
}
