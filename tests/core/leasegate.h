#pragma once

// Holds a write lease on a file (fcntl F_SETLEASE), so that an open of it by
// anyone else waits until the lease is given up: the tests stop a job at a
// known file with it, without timing. A lease can only be taken while nobody
// else has the file open.
#include <QFile>
#include <QString>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

class LeaseGate {
public:
    explicit LeaseGate(const QString &path) {
        ::signal(SIGIO, SIG_IGN); // sent to the holder when an open waits
        m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (m_fd >= 0 && ::fcntl(m_fd, F_SETLEASE, F_WRLCK) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~LeaseGate() { release(); }
    LeaseGate(const LeaseGate &) = delete;
    LeaseGate &operator=(const LeaseGate &) = delete;

    // False when the file system refuses leases.
    bool isHeld() const { return m_fd >= 0; }
    // True once an open waits for the lease: it then reads as what it is
    // being broken to.
    bool isWaitedOn() const { return m_fd >= 0 && ::fcntl(m_fd, F_GETLEASE) != F_WRLCK; }
    // Lets the waiting open (and any later one) through.
    void release() {
        if (m_fd < 0)
            return;
        ::fcntl(m_fd, F_SETLEASE, F_UNLCK);
        ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
};
