#pragma once

#include "base/expected.h"
#include "base/filedescriptor.h"

#include <QObject>
#include <QString>

#include <sys/types.h>

class QLocalSocket;
class QSocketNotifier;
class QTimer;

// Listens on a Unix socket and never stops listening, whatever happens to
// the connections. QLocalServer closes its socket and deletes the file when
// accept() fails once (out of file descriptors, say), which left an instance
// unreachable while it still held the data folder's lock. Here:
//  - the socket file is made 0600 inside a folder the caller chose private;
//  - every peer's credentials are read (SO_PEERCRED) before it gets a byte of
//    service: a process of another user is answered with one error line and
//    closed;
//  - beyond maxConnections, or when the process is out of descriptors
//    (EMFILE: one descriptor is kept in reserve to accept and refuse with),
//    a client gets "busy" as one error line and is closed; listening goes on.
//
// Ownership: accepted sockets are handed over in newConnection() unparented;
// the receiver owns them. Thread: the one it lives on; never blocks.
class LocalSocketListener : public QObject {
    Q_OBJECT
public:
    explicit LocalSocketListener(QObject *parent = nullptr);
    // Closes; removes the socket file if it is still the one listen() made.
    ~LocalSocketListener() override;

    // Binds path (removing a socket left there by a dead instance: call it
    // only while holding the instance lock) and listens. The error names the
    // socket and the reason.
    Status listen(const QString &path);
    void close();
    bool isListening() const { return m_fd.isValid(); }
    QString path() const { return m_path; }

    // Connections open at once at most (each costs a descriptor and memory).
    void setMaxConnections(int count) { m_maxConnections = count; }
    int maxConnections() const { return m_maxConnections; }
    int openConnections() const { return m_open; }
    // Clients refused so far (another user, too many, out of descriptors).
    int refusedCount() const { return m_refused; }

    static constexpr int defaultMaxConnections = 256;

Q_SIGNALS:
    // A client of this user. The socket is connected and unparented.
    void newConnection(QLocalSocket *socket, pid_t peerPid);

private:
    void acceptPending();
    void refuse(int fd, const QByteArray &message);
    void serve(int fd, pid_t peerPid);

    FileDescriptor m_fd;
    FileDescriptor m_spare; // given up for a moment to accept and refuse on EMFILE
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_backOff; // re-arms the notifier after accept() could not take a client
    QString m_path;
    dev_t m_device = 0;
    ino_t m_inode = 0;
    int m_maxConnections = defaultMaxConnections;
    int m_open = 0;
    int m_refused = 0;
};
