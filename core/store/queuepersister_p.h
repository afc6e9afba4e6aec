#pragma once

#include "base/crossthreadcalls.h"
#include "engine/durabilitygate.h"
#include "store/queuepersister.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <optional>

class JobQueue;
class JobStore;

// QueuePersister's state: what changed since the last batch, the one batch in
// flight, and who waits for which batch. Queue thread only, except `store`
// and `storeCalls`, which live on `thread` and are only reached through
// storeCalls.
class QueuePersister::Private : public DurabilityGate {
public:
    struct CommitWaiter {
        quint64 sequence; // done once this batch is written
        QPointer<QObject> context;
        std::function<void(const QString &)> done;
    };
    struct LogRead {
        JobId id;
        int maxLines;
        QPointer<QObject> context;
        std::function<void(const QStringList &)> done;
    };

    Private(QueuePersister *q, JobQueue *queue, QString dataDir)
        : q(q)
        , queue(queue)
        , dataDir(std::move(dataDir)) {}

    // DurabilityGate: the job's final state goes in the next batch, now.
    void endingPending(JobId id) override;
    // DurabilityGate: the job's Running state goes in the next batch, now.
    void startPending(JobId id) override;
    void follow();
    void markChanged(JobId id);
    void scheduleBatch(int delayMs);
    bool hasChanges() const;
    // Sends the changes as one batch unless one is already being written.
    void sendBatch();
    StoreBatch takeBatch();
    // A failed batch's changes go back in front of what changed since.
    void restore(StoreBatch &&failed);
    void onWritten(quint64 sequence, const QString &error);
    // Reads the job's log file on the store thread, adds `unsent` (lines not yet
    // in any batch) and hands the last maxLines to read.done on this thread.
    void postLogRead(LogRead read, const QStringList &unsent);
    // Runs fn on the store thread and waits for it (start-up and shutdown only).
    void onStoreThread(const std::function<void()> &fn);

    QueuePersister *q;
    JobQueue *queue;
    QString dataDir;
    QThread thread;
    JobStore *store = nullptr; // owned; deleted on its thread
    // Calls to the store thread, and its answers back on this one. The store's
    // written() signal is not used: every hand-off goes through these queues.
    CrossThreadCalls *storeCalls = nullptr; // owned; lives on `thread`
    CrossThreadCalls replies;
    QTimer batchTimer;

    // Changes not yet sent.
    QSet<JobId> changed;    // rows to write whole
    QSet<JobId> progressed; // rows to write for progress only (less urgent)
    QList<JobId> removed;
    QSet<JobId> reinstated; // removals undone whose log files are set aside on disk
    bool orderChanged = false;
    QHash<JobId, QList<JobCheckpoint>> checkpoints;
    QSet<JobId> clearCheckpoints;
    QHash<JobId, QStringList> logLines;
    QHash<JobId, QStringList> leftovers; // each job's whole list, replacing the stored one
    QSet<JobId> resumeOnStart;           // jobs a clean stop interrupted (kept until they change)
    QSet<JobId> settling;                // endings being confirmed: their rows are on disk already
    QSet<JobId> starting;                // jobs whose work begins once their Running row is written

    std::optional<StoreBatch> inFlight;
    bool urgent = false; // a change asked to be written now since the last batch left
    quint64 nextSequence = 1;
    QList<CommitWaiter> waiters;
    QString lastError;
};
