#include "store/queuepersister.h"

#include "base/crossthreadcalls.h"
#include "engine/jobqueue.h"
#include "store/jobstore.h"
#include "store/leftovercleaner.h"
#include "store/queuepersister_p.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>

namespace {
// Progress alone is worth little after a crash (a resumed job recounts it), so
// it waits longer than a state change before it is written.
constexpr int progressIntervalMs = 1000;
// After a failed write (disk full...), how long before trying again.
constexpr int retryIntervalMs = 2000;

template <typename T> void prependTo(QList<T> &list, const QList<T> &earlier) {
    list = earlier + list;
}
} // namespace

QueuePersister::QueuePersister(JobQueue *queue, QString dataDir, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, queue, std::move(dataDir))) {
    d->batchTimer.setSingleShot(true);
    connect(&d->batchTimer, &QTimer::timeout, this, [this] { d->sendBatch(); });
}

QueuePersister::~QueuePersister() {
    if (!d->store)
        return;
    flush();
    d->queue->setDurabilityGate(nullptr);
    // The connection belongs to the store thread: close it there.
    d->onStoreThread([store = d->store] { delete store; });
    d->store = nullptr;
    d->thread.quit();
    d->thread.wait();
    delete d->storeCalls; // its thread has ended: nothing of it runs any more
}

QString QueuePersister::dataDir() const {
    return d->dataDir;
}

QString QueuePersister::databasePath() const {
    return d->dataDir + QStringLiteral("/taskdeck.db");
}

QString QueuePersister::lastError() const {
    return d->lastError;
}

Status QueuePersister::limitPagesForTesting(int pages) {
    if (!d->store)
        return Status::failure(tr("the store is not open"));
    Status status;
    JobStore *store = d->store;
    d->onStoreThread([&status, store, pages] { status = store->limitPagesForTesting(pages); });
    return status;
}

Expected<QString> QueuePersister::open(RecoveryPolicy policy, int historyDays) {
    if (d->store)
        return Expected<QString>::failure(tr("the store is already open"));
    d->store = new JobStore(d->dataDir);
    d->store->moveToThread(&d->thread);
    d->storeCalls = new CrossThreadCalls;
    d->storeCalls->moveToThread(&d->thread);
    d->thread.setObjectName(QStringLiteral("taskdeck-store"));
    d->thread.start();

    std::optional<Expected<JobStore::Loaded>> loaded;
    JobStore *store = d->store;
    d->onStoreThread([&loaded, store, historyDays] {
        loaded = store->open(historyDays);
        if (!loaded->ok())
            return;
        // What runs cut short by the instance's death left behind goes before
        // any job can run again: a process still running, a temporary file.
        for (const StoredJob &job : loaded->value().jobs) {
            if (!job.leftovers.isEmpty())
                store->appendLog(job.job.id, LeftoverCleaner::clean(job.leftovers));
        }
    });
    if (!loaded->ok())
        return Expected<QString>::failure(loaded->error());
    const QList<StoredJob> &jobs = loaded->value().jobs;
    d->queue->reserveIdsBelow(loaded->value().nextId);
    // The data folder's own mark in its jobs' temporary names (ids are unique
    // only within one data folder).
    d->queue->setTemporaryTagPrefix(
        QCryptographicHash::hash(QFile::encodeName(d->dataDir), QCryptographicHash::Sha1)
            .toHex()
            .left(6));
    if (Status restored = d->queue->restore(jobs, policy); !restored)
        return Expected<QString>::failure(restored.error());
    for (const StoredJob &stored : jobs) {
        if (!stored.leftovers.isEmpty())
            d->leftovers.insert(stored.job.id, {}); // dealt with above
    }
    // Restoring decided anew for running and interrupted jobs; write what it changed.
    for (const StoredJob &stored : jobs) {
        const auto now = d->queue->job(stored.job.id);
        if (now && (now->state != stored.job.state || now->started != stored.job.started ||
                    now->spec.after != stored.job.spec.after || stored.resumeOnStart))
            d->changed.insert(stored.job.id);
    }
    d->follow();
    if (d->hasChanges())
        d->scheduleBatch(0);
    return loaded->value().notice;
}

void QueuePersister::whenCommitted(QObject *context, std::function<void(const QString &)> done) {
    if (!d->store || (!d->inFlight && !d->hasChanges())) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done)] { done(QString()); }, Qt::QueuedConnection);
        return;
    }
    quint64 sequence = d->inFlight ? d->inFlight->sequence : 0;
    if (d->hasChanges()) {
        // Those changes go in the next batch: now, or right after the one in flight.
        sequence = d->nextSequence;
        if (d->inFlight)
            d->scheduleBatch(0);
        else
            d->sendBatch();
    }
    d->waiters.append({sequence, context, std::move(done)});
}

void QueuePersister::readLog(JobId id, int maxLines, QObject *context,
                             std::function<void(const QStringList &)> done) {
    if (!d->store) {
        const QStringList tail =
            d->queue->logTail(id, maxLines > 0 ? maxLines : JobQueue::logTailLines);
        QMetaObject::invokeMethod(
            context, [done = std::move(done), tail] { done(tail); }, Qt::QueuedConnection);
        return;
    }
    // The file has every line of the batches sent so far once the read runs
    // (the store thread takes them in order); the lines not sent yet are added
    // here. Lines logged after this call are in neither.
    d->postLogRead({id, maxLines, context, std::move(done)}, d->logLines.value(id));
}

Status QueuePersister::flush() {
    if (!d->store)
        return {};
    d->batchTimer.stop();
    // The batch in flight, the changes since, and what committing them set
    // off (dependents of jobs whose end was confirmed), each once; bounded so
    // that a store that keeps failing cannot hold the stop.
    for (int round = 0; round < 16; ++round) {
        if (d->inFlight) {
            d->onStoreThread([] {});
            // Take the store's answer now: this thread is not in its event loop.
            d->replies.runPending();
            continue;
        }
        if (!d->hasChanges())
            break;
        d->sendBatch();
    }
    d->batchTimer.stop();
    if (!d->lastError.isEmpty())
        return Status::failure(d->lastError);
    return {};
}

void QueuePersister::Private::endingPending(JobId id) {
    changed.insert(id);
    // Ended for good: a retry starts from scratch. Cleared in the same
    // transaction that writes the final state.
    checkpoints.remove(id);
    clearCheckpoints.insert(id);
    scheduleBatch(0);
}

void QueuePersister::Private::startPending(JobId id) {
    changed.insert(id);
    starting.insert(id);
    scheduleBatch(0);
}

void QueuePersister::Private::follow() {
    queue->setDurabilityGate(this);
    auto later = [this] { scheduleBatch(batchIntervalMs); };
    connect(queue, &JobQueue::jobsAdded, q, [this](const QList<JobId> &ids) {
        for (JobId id : ids)
            changed.insert(id);
        // A job the user added is durable within a fraction of a second.
        scheduleBatch(0);
    });
    connect(queue, &JobQueue::jobsRemoved, q, [this, later](const QList<JobId> &ids) {
        for (JobId id : ids) {
            removed.append(id);
            changed.remove(id);
            starting.remove(id);
            progressed.remove(id);
            checkpoints.remove(id);
            clearCheckpoints.remove(id);
            logLines.remove(id);
            leftovers.remove(id);
            resumeOnStart.remove(id);
        }
        // Stored positions keep relative order only if rewritten after a removal:
        // a job added later would otherwise land among stale, higher positions.
        orderChanged = true;
        later();
    });
    connect(queue, &JobQueue::jobsReinstated, q, [this](const QList<JobId> &ids) {
        for (JobId id : ids) {
            // Still to be deleted: then nothing of it left the disk.
            if (removed.removeAll(id) == 0)
                reinstated.insert(id);
        }
        scheduleBatch(0);
    });
    connect(queue, &JobQueue::jobStateChanged, q, [this, later](JobId id, JobState state) {
        if (settling.contains(id))
            return; // written as it is now by the batch that confirmed it
        changed.insert(id);
        if (state == JobState::Interrupted)
            resumeOnStart.insert(id);
        else
            resumeOnStart.remove(id);
        if (state == JobState::Succeeded || state == JobState::Failed ||
            state == JobState::Canceled) {
            // Ended for good: a retry starts from scratch.
            checkpoints.remove(id);
            clearCheckpoints.insert(id);
        }
        later();
    });
    connect(queue, &JobQueue::jobsProgressed, q, [this](const QList<JobId> &ids) {
        for (JobId id : ids)
            progressed.insert(id);
        scheduleBatch(progressIntervalMs);
    });
    connect(queue, &JobQueue::jobLogged, q, [this, later](JobId id, const QStringList &lines) {
        logLines[id].append(lines);
        later();
    });
    connect(queue, &JobQueue::jobCheckpointed, q,
            [this, later](JobId id, const QList<JobCheckpoint> &items) {
                checkpoints[id].append(items);
                later();
            });
    connect(queue, &JobQueue::jobLeftoversChanged, q, [this](JobId id, const QStringList &list) {
        leftovers.insert(id, list);
        // A temporary file is worth recording before it grows large.
        scheduleBatch(list.isEmpty() ? batchIntervalMs : 0);
    });
    connect(queue, &JobQueue::orderChanged, q, [this, later] {
        orderChanged = true;
        later();
    });
    connect(queue, &JobQueue::prioritiesChanged, q, [this, later](const QList<JobId> &ids) {
        for (JobId id : ids)
            changed.insert(id);
        later();
    });
    connect(queue, &JobQueue::jobsEdited, q, [this](const QList<JobId> &ids) {
        for (JobId id : ids)
            changed.insert(id);
        // What a person saved in a dialog is durable as soon as an add is.
        scheduleBatch(0);
    });
}

void QueuePersister::Private::scheduleBatch(int delayMs) {
    // Asked for now while a batch is being written: the next one goes as soon
    // as that one is done, not a batch interval later.
    if (delayMs == 0)
        urgent = true;
    if (!batchTimer.isActive() || batchTimer.remainingTime() > delayMs)
        batchTimer.start(delayMs);
}

bool QueuePersister::Private::hasChanges() const {
    return !changed.isEmpty() || !progressed.isEmpty() || !removed.isEmpty() ||
           !reinstated.isEmpty() || orderChanged || !checkpoints.isEmpty() ||
           !clearCheckpoints.isEmpty() || !logLines.isEmpty() || !leftovers.isEmpty();
}

void QueuePersister::Private::sendBatch() {
    if (inFlight || !store)
        return; // onWritten() sends the rest
    if (hasChanges()) {
        urgent = false;
        inFlight = takeBatch();
        JobStore *target = store;
        CrossThreadCalls *answer = &replies;
        // The persister (and so `replies`) outlives the store thread.
        storeCalls->post([this, target, answer, batch = *inFlight] {
            const QString error = target->write(batch);
            answer->post([this, sequence = batch.sequence, error] { onWritten(sequence, error); });
        });
    }
}

StoreBatch QueuePersister::Private::takeBatch() {
    StoreBatch batch;
    batch.sequence = nextSequence++;
    // A removal undone before it was written (or whose batch failed) is no removal.
    removed.removeIf([this](JobId id) { return queue->job(id).has_value(); });
    const QSet<JobId> gone(removed.cbegin(), removed.cend());
    QSet<JobId> rows = std::exchange(changed, {});
    rows.unite(std::exchange(progressed, {}));
    for (JobId id : std::as_const(rows)) {
        if (auto snapshot = queue->job(id)) {
            if (snapshot->ending)
                batch.endings.append(id);
            if (starting.remove(id))
                batch.starts.append(id);
            batch.upserts.append(snapshot->settled());
            if (resumeOnStart.contains(id))
                batch.resumeOnStart.insert(id);
        }
    }
    batch.removed = std::exchange(removed, {});
    batch.reinstated = std::exchange(reinstated, {}).values();
    if (std::exchange(orderChanged, false))
        batch.order = queue->order();
    for (auto it = checkpoints.cbegin(); it != checkpoints.cend(); ++it) {
        if (!gone.contains(it.key()))
            batch.checkpoints.insert(it.key(), it.value());
    }
    checkpoints.clear();
    for (JobId id : std::exchange(clearCheckpoints, {})) {
        if (!gone.contains(id))
            batch.clearCheckpoints.append(id);
    }
    for (auto it = logLines.cbegin(); it != logLines.cend(); ++it) {
        if (!gone.contains(it.key()))
            batch.logLines.insert(it.key(), it.value());
    }
    logLines.clear();
    for (auto it = leftovers.cbegin(); it != leftovers.cend(); ++it) {
        if (!gone.contains(it.key()))
            batch.leftovers.insert(it.key(), it.value());
    }
    leftovers.clear();
    // Ids only grow: the next one is kept even when the highest job is removed.
    if (!batch.upserts.isEmpty() || !batch.removed.isEmpty())
        batch.nextId = queue->nextId();
    return batch;
}

void QueuePersister::Private::restore(StoreBatch &&failed) {
    for (const JobSnapshot &row : std::as_const(failed.upserts))
        changed.insert(row.id);
    for (JobId id : std::as_const(failed.starts))
        starting.insert(id);
    prependTo(removed, failed.removed);
    for (JobId id : std::as_const(failed.reinstated))
        reinstated.insert(id);
    if (failed.order)
        orderChanged = true;
    for (auto it = failed.checkpoints.cbegin(); it != failed.checkpoints.cend(); ++it) {
        if (!clearCheckpoints.contains(it.key()))
            prependTo(checkpoints[it.key()], it.value());
    }
    for (JobId id : std::as_const(failed.clearCheckpoints))
        clearCheckpoints.insert(id);
    for (auto it = failed.logLines.cbegin(); it != failed.logLines.cend(); ++it)
        prependTo(logLines[it.key()], it.value());
    for (auto it = failed.leftovers.cbegin(); it != failed.leftovers.cend(); ++it) {
        if (!leftovers.contains(it.key())) // a newer list replaces it anyway
            leftovers.insert(it.key(), it.value());
    }
}

void QueuePersister::Private::onWritten(quint64 sequence, const QString &error) {
    if (!inFlight || inFlight->sequence != sequence)
        return;
    StoreBatch batch = std::move(*inFlight);
    inFlight.reset();
    if (error.isEmpty()) {
        if (!lastError.isEmpty()) {
            lastError.clear();
            Q_EMIT q->storeRecovered();
        }
        // Final states on disk may now be shown (and acted on), before any
        // waiter for this batch is answered.
        settling = QSet<JobId>(batch.endings.cbegin(), batch.endings.cend());
        queue->confirmEndings(batch.endings);
        settling.clear();
        queue->confirmStarts(batch.starts);
    } else {
        const bool firstFailure = lastError.isEmpty();
        lastError = error;
        restore(std::move(batch));
        if (firstFailure)
            Q_EMIT q->storeFailed(error);
    }
    // Waiters for this batch (or an earlier one) learn how it went. Those for a
    // failed batch are told so: their changes are retried, but not promised.
    QList<CommitWaiter> due;
    for (auto it = waiters.begin(); it != waiters.end();) {
        if (it->sequence <= sequence) {
            due.append(std::move(*it));
            it = waiters.erase(it);
        } else {
            ++it;
        }
    }
    if (!waiters.isEmpty() || (urgent && error.isEmpty()))
        scheduleBatch(0);
    else if (hasChanges())
        scheduleBatch(error.isEmpty() ? batchIntervalMs : retryIntervalMs);
    for (const CommitWaiter &waiter : std::as_const(due)) {
        if (waiter.context)
            waiter.done(error);
    }
}

void QueuePersister::Private::postLogRead(LogRead read, const QStringList &unsent) {
    JobStore *target = store;
    CrossThreadCalls *answer = &replies;
    storeCalls->post([target, answer, read = std::move(read), unsent] {
        QStringList lines = target->readLog(read.id, read.maxLines);
        lines.append(unsent);
        if (read.maxLines > 0 && lines.size() > read.maxLines)
            lines.remove(0, lines.size() - read.maxLines);
        answer->post([read, lines] {
            if (read.context)
                read.done(lines);
        });
    });
}

void QueuePersister::Private::onStoreThread(const std::function<void()> &fn) {
    storeCalls->call(fn);
}
