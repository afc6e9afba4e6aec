#include "engine/jobqueue.h"

#include "base/stringpool.h"
#include "engine/jobqueue_p.h"
#include "engine/unknownjobkind.h"
#include "job/jobkindregistry.h"

#include <algorithm>

#ifdef __GLIBC__
#include <malloc.h>
#endif

// JobQueue's two ways of bringing jobs back: restore() from a store at start,
// and reinstate() of jobs removed in this run (an undo).

std::unique_ptr<JobRecord> JobQueuePrivate::recordFrom(const JobSnapshot &saved, StringPool *pool) {
    auto job = std::make_unique<JobRecord>();
    job->id = saved.id;
    job->spec = saved.spec;
    job->kind = kinds->find(saved.spec.kind);
    if (!job->kind) {
        unknownKinds.push_back(std::make_unique<UnknownJobKind>(saved.spec.kind));
        job->kind = unknownKinds.back().get();
    }
    job->done = saved.done;
    job->total = saved.total;
    job->unit = saved.unit;
    job->status = saved.status;
    job->result = saved.result;
    job->addedAt = saved.addedAt;
    job->startedAt = saved.startedAt;
    job->finishedAt = saved.finishedAt;
    if (pool) {
        job->spec.kind = pool->intern(job->spec.kind);
        job->spec.title = pool->intern(job->spec.title);
        job->spec.group = pool->intern(job->spec.group);
        job->spec.params = pool->intern(job->spec.params);
        job->status = pool->intern(job->status);
        job->result.error = pool->intern(job->result.error);
        job->result.summary = pool->intern(job->result.summary);
        job->result.details = pool->intern(job->result.details);
    }
    return job;
}

namespace {
void releaseFreedMemory() {
#ifdef __GLIBC__
    ::malloc_trim(0);
#endif
}
} // namespace

Status JobQueue::restore(const QList<StoredJob> &stored, RecoveryPolicy policy) {
    if (!d->jobs.empty())
        return Status::failure(tr("jobs can only be restored into an empty queue"));
    QList<JobId> ids;
    // A long history repeats most of its strings: each is kept once.
    StringPool pool;
    QHash<JobId, const StoredJob *> byId;
    for (const StoredJob &entry : stored)
        byId.insert(entry.job.id, &entry);
    for (const StoredJob &entry : stored) {
        const JobSnapshot &saved = entry.job;
        if (saved.id == 0 || d->jobs.count(saved.id))
            continue;
        std::unique_ptr<JobRecord> record = d->recordFrom(saved, &pool);
        JobRecord &job = *record;
        // A job it waited for was pruned: it had succeeded (failure would have
        // canceled this one), so the dependency is met.
        job.spec.after.removeIf([&byId](JobId id) { return !byId.contains(id); });
        job.rank = d->nextRank++;
        job.position = int(d->order.size());
        if (!entry.finished.isEmpty())
            job.resume = std::make_shared<const JobResumeState>(entry.finished);
        job.state = saved.state;
        // A resumable job may have run without its Running state reaching the
        // store: any job that had not ended may have left something behind.
        job.earlierRunCutShort = !isFinished(saved.state) || saved.state == JobState::Interrupted;
        ++d->stateCounts[size_t(job.state)];
        for (JobId dependency : job.spec.after)
            d->dependents[dependency].append(job.id);
        d->order.push_back(job.id);
        d->nextId = qMax(d->nextId, job.id + 1);
        ids.append(job.id);
        d->jobs.emplace(job.id, std::move(record));
    }

    d->announcing = true;
    for (JobId id : ids) {
        JobRecord &job = *d->find(id);
        const bool resumable = job.kind->capabilities() & Resumable;
        const StoredJob &saved = *byId.value(id);
        if (job.kind != d->kinds->find(job.spec.kind)) {
            if (!isFinished(job.state)) {
                job.result =
                    JobResult::failure(static_cast<const UnknownJobKind *>(job.kind)->error());
                d->setState(job, JobState::Failed);
            }
            continue;
        }
        const bool wasRunning = job.state == JobState::Running ||
                                (job.state == JobState::Interrupted && saved.resumeOnStart);
        if (job.state == JobState::Paused) {
            // Paused by the user: it stays paused. A command that had started
            // cannot continue its process, so it is interrupted instead.
            if (saved.job.started && !resumable) {
                job.result =
                    JobResult::failure(tr("interrupted: Taskdeck stopped while the job ran"));
                d->setState(job, JobState::Interrupted);
            }
            continue;
        }
        if (wasRunning) {
            if (resumable && policy == RecoveryPolicy::ResumeSafeKinds) {
                job.result = {};
                job.finishedAt = {};
                d->reevaluate(job);
            } else {
                job.result = JobResult::failure(tr(
                    "interrupted: Taskdeck stopped while the job ran; retry it to run it again"));
                d->setState(job, JobState::Interrupted);
            }
            continue;
        }
        if (JobQueuePrivate::isPending(job.state)) {
            // Re-enter the pending set through a neutral state, then decide anew.
            --d->stateCounts[size_t(job.state)];
            job.state = JobState::Paused;
            ++d->stateCounts[size_t(job.state)];
            d->reevaluate(job);
        }
    }
    d->announcing = false;
    if (!ids.isEmpty())
        Q_EMIT jobsAdded(ids);
    d->scheduleDispatch();
    d->updateIdle();
    // Loading left the heap full of freed rows (the store's copies, and the
    // values the pool replaced); glibc keeps such memory unless asked. Once the
    // caller has dropped the rows, on the next pass, it goes back to the system.
    QMetaObject::invokeMethod(
        this, [] { releaseFreedMemory(); }, Qt::QueuedConnection);
    return {};
}

bool JobQueue::canReinstate(const JobSnapshot &job) const {
    return job.id != 0 && job.id < d->nextId && !d->find(job.id) && !job.hasRunUnderWay();
}

Expected<QList<JobId>> JobQueue::reinstate(const QList<RemovedJob> &removed) {
    // Lowest old position first, so that each lands where it was among the others.
    QList<const RemovedJob *> jobs;
    for (const RemovedJob &entry : removed) {
        if (canReinstate(entry.job))
            jobs.append(&entry);
    }
    std::sort(jobs.begin(), jobs.end(), [](const RemovedJob *a, const RemovedJob *b) {
        return a->job.position < b->job.position;
    });
    jobs.erase(std::unique(
                   jobs.begin(), jobs.end(),
                   [](const RemovedJob *a, const RemovedJob *b) { return a->job.id == b->job.id; }),
               jobs.end());
    if (jobs.isEmpty())
        return Expected<QList<JobId>>::failure(
            tr("nothing to bring back: the jobs are in the queue already or had started"));

    std::vector<JobId> order = d->order;
    QList<JobId> ids;
    for (const RemovedJob *entry : std::as_const(jobs)) {
        const JobSnapshot &saved = entry->job;
        std::unique_ptr<JobRecord> record = d->recordFrom(saved);
        JobRecord &job = *record;
        // Waiting and queued jobs re-enter the pending set below, through a neutral state.
        job.state = JobQueuePrivate::isPending(saved.state) ? JobState::Paused : saved.state;
        ++d->stateCounts[size_t(job.state)];
        const auto at =
            order.begin() + std::clamp<qsizetype>(saved.position, 0, qsizetype(order.size()));
        order.insert(at, job.id);
        ids.append(job.id);
        d->jobs.emplace(job.id, std::move(record));
        if (!entry->logTail.isEmpty())
            d->logs.append(job.id, entry->logTail);
    }
    for (JobId id : std::as_const(ids)) {
        // Waiting for a job that is gone: it had ended, and its end was dealt with.
        JobRecord &job = *d->find(id);
        job.spec.after.removeIf([this](JobId dependency) { return !d->find(dependency); });
        for (JobId dependency : job.spec.after)
            d->dependents[dependency].append(id);
    }
    d->applyOrder(std::move(order));

    d->announcing = true;
    for (const RemovedJob *entry : std::as_const(jobs)) {
        if (JobQueuePrivate::isPending(entry->job.state))
            d->reevaluate(*d->find(entry->job.id));
    }
    d->announcing = false;
    Q_EMIT jobsAdded(ids);
    Q_EMIT orderChanged();
    Q_EMIT jobsReinstated(ids);
    d->scheduleDispatch();
    d->updateIdle();
    return ids;
}
