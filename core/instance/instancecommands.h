#pragma once

#include "instance/instancerequest.h"
#include "job/jobspec.h"
#include "job/jobtypes.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class InstanceConnection;
class JobQueue;
class QueuePersister;

// The commands of the instance protocol (InstanceProtocol, docs/protocol.md),
// run against the queue for one connection's request: each answers through
// the connection, at once or, for those that change the queue, once the
// change is on disk (QueuePersister::whenCommitted); streams ("log" with
// follow, "wait") are served by child objects of the connection
// (InstanceLogFollow, InstanceJobWait).
//
// Ownership: borrows the queue and the persister (may be null: changes count
// as committed at once and logs come from JobQueue::logTail); both must outlive
// it. Thread: the queue's; never blocks.
class InstanceCommands : public QObject {
    Q_OBJECT
public:
    InstanceCommands(JobQueue *queue, QueuePersister *persister, QObject *parent = nullptr);

    void setHeadless(bool headless);
    bool isHeadless() const;
    void setDataDir(const QString &dataDir);
    QString dataDir() const;

    // Runs the request's command; an unknown one is answered with an error.
    void handle(InstanceConnection *connection, const InstanceRequest &request);
    // The name of every command handle() runs (InstanceProtocol::Command), sorted.
    static QStringList commandNames();

Q_SIGNALS:
    // "activate" in a window instance: bring the window to the front.
    void activationRequested();
    // "shutdown" in a headless instance, from the event loop once its reply was
    // handed to the system (a handler may delete the server).
    void shutdownRequested();

private:
    using Handler = void (InstanceCommands::*)(InstanceConnection *, const InstanceRequest &);
    // The command table: each name and the member that runs it.
    static const QHash<QString, Handler> &handlers();

    void hello(InstanceConnection *c, const InstanceRequest &r);
    void add(InstanceConnection *c, const InstanceRequest &r);
    // "add" with "specs": staged while "more" is true, then queued all at once.
    void addMany(InstanceConnection *c, const InstanceRequest &r);
    void list(InstanceConnection *c, const InstanceRequest &r);
    void show(InstanceConnection *c, const InstanceRequest &r);
    void log(InstanceConnection *c, const InstanceRequest &r);
    void control(InstanceConnection *c, const InstanceRequest &r);
    void move(InstanceConnection *c, const InstanceRequest &r);
    void queueWide(InstanceConnection *c, const InstanceRequest &r);
    void wait(InstanceConnection *c, const InstanceRequest &r);
    void activate(InstanceConnection *c, const InstanceRequest &r);
    void shutdown(InstanceConnection *c, const InstanceRequest &r);

    // Calls done with the commit's error (empty when saved) once what the
    // queue did so far is on disk; not at all if the connection is gone first.
    void afterCommit(InstanceConnection *c, std::function<void(const QString &error)> done);
    // The request's "job" argument naming an existing job; else answers the
    // request with the error and returns nullopt.
    // The request's "jobs": each id once, bounded; nullopt after failing the request.
    std::optional<QList<JobId>> requestedJobs(InstanceConnection *c, const InstanceRequest &r);
    std::optional<JobId> existingJob(InstanceConnection *c, const InstanceRequest &r);

    JobQueue *m_queue;
    QueuePersister *m_persister;
    // Specs of an "add" that goes on ("more"), per connection, until its last
    // part; dropped when the connection closes.
    QHash<InstanceConnection *, QList<JobSpec>> m_staged;
    bool m_headless = false;
    QString m_dataDir;
};
