#pragma once

#include "base/expected.h"

#include <QObject>

class ClientBacklog;
class InstanceCommands;
class JobQueue;
class LocalSocketListener;
class QLocalSocket;
class QueuePersister;

// The running instance's side of the instance protocol (InstanceProtocol):
// listens on a local socket only its user can open (LocalSocketListener:
// other users' processes are refused by their credentials, and running out
// of descriptors refuses clients instead of closing the socket), serves many
// clients at once (one InstanceConnection each) and runs their commands
// against the queue (InstanceCommands). Bad messages get error replies;
// nothing a client sends or does (leaving mid-stream, flooding, never reading)
// stops the server or makes it hold more than a bounded backlog.
//
// Ownership: borrows the queue and the persister, which must outlive it.
// Thread: lives on the queue's thread; call everything there. Never blocks:
// replies that wait for the disk or for jobs go out from the event loop.
class InstanceServer : public QObject {
    Q_OBJECT
public:
    // persister may be null: changes count as committed at once and logs come
    // from JobQueue::logTail.
    InstanceServer(JobQueue *queue, QueuePersister *persister, QObject *parent = nullptr);
    ~InstanceServer() override;

    // Removes a socket left by an instance that died (call it only while
    // holding the InstanceLock), then listens with owner-only access. Raises
    // the process's soft limit on open files to its hard limit first. The
    // error names the socket and the reason.
    Status listen(const QString &socketName);
    // listen() on the data folder's socket (InstancePaths::socketName), after
    // making its folder, when it is not the data folder, private.
    Status listenFor(const QString &dataDir);
    // The full path of the socket while listening.
    QString socketPath() const;

    // For "hello" and "activate": a headless instance has no window, and only
    // it stops on "shutdown".
    void setHeadless(bool headless);
    // For "hello" and messages.
    void setDataDir(const QString &dataDir);

    LocalSocketListener *listener() const { return m_listener; }
    // What the clients have been sent and have not read yet, all together.
    const ClientBacklog &backlog() const { return *m_backlog; }

Q_SIGNALS:
    // A client asked a window instance to come to the front ("activate").
    void activationRequested();
    // A client asked a headless instance to stop ("shutdown"); fires from the
    // event loop once the reply has been handed to the system, so a handler may
    // delete the server. Stop as on SIGTERM.
    void shutdownRequested();

private:
    void serve(QLocalSocket *socket, qint64 peerPid);

    LocalSocketListener *m_listener;
    InstanceCommands *m_commands;
    ClientBacklog *m_backlog; // owned; outlives the connections
};
