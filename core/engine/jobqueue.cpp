#include "engine/jobqueue.h"

#include <QSet>

#include "engine/jobqueue_p.h"
#include "job/jobkind.h"
#include "job/jobkindregistry.h"

#include <QCoreApplication>
#include <QFutureWatcher>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("JobQueue", text);
}

Status noSuchJob(JobId id) {
    return Status::failure(tr("no job with id %1").arg(id));
}

Status refuse(const char *text, const JobRecord &job) {
    return Status::failure(tr(text).arg(job.id).arg(jobStateName(job.state)));
}

// A job whose end is being made durable has stopped: there is nothing left to steer.
Status refuseEnding(const JobRecord &job) {
    return Status::failure(tr("job %1 has already ended (%2; being saved)")
                               .arg(job.id)
                               .arg(jobStateName(job.ending->state)));
}
} // namespace

static_assert(JobQueue::logTailLines == JobLogStore::maxLinesPerJob);

JobQueue::JobQueue(std::shared_ptr<const JobKindRegistry> kinds, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<JobQueuePrivate>(this, std::move(kinds))) {}

JobQueue::~JobQueue() = default;

const JobKindRegistry &JobQueue::kinds() const {
    return *d->kinds;
}

Expected<JobId> JobQueue::add(const JobSpec &spec) {
    auto ids = add(QList<JobSpec>{spec});
    if (!ids)
        return Expected<JobId>::failure(ids.error());
    return ids->first();
}

Expected<QList<JobId>> JobQueue::add(const QList<JobSpec> &specs) {
    // Validate everything first: a batch is queued whole or not at all.
    std::vector<std::unique_ptr<JobRecord>> records;
    records.reserve(specs.size());
    for (const JobSpec &spec : specs) {
        // In a batch, the message says which of its jobs was refused.
        const auto refused = [&](const QString &why) {
            return Expected<QList<JobId>>::failure(
                specs.size() == 1
                    ? why
                    : tr("job %1 of %2: %3").arg(records.size() + 1).arg(specs.size()).arg(why));
        };
        const JobKind *kind = d->kinds->find(spec.kind);
        if (!kind)
            return refused(tr("unknown job kind '%1': use one of %2")
                               .arg(spec.kind, d->kinds->names().join(QStringLiteral(", "))));
        auto params = kind->validate(spec.params);
        if (!params)
            return refused(params.error());
        for (JobId dependency : spec.after) {
            if (!d->find(dependency))
                return refused(tr("cannot wait for job %1: there is no such job").arg(dependency));
        }
        auto job = std::make_unique<JobRecord>();
        job->spec = spec;
        job->spec.params = *params;
        if (job->spec.title.isEmpty())
            job->spec.title = kind->defaultTitle(*params);
        job->kind = kind;
        records.push_back(std::move(job));
    }

    QList<JobId> ids;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto &record : records) {
        JobRecord &job = *record;
        job.id = d->nextId++;
        job.rank = d->nextRank++;
        job.position = int(d->order.size());
        job.addedAt = now;
        job.state = JobState::Paused; // not pending yet; reevaluate() places it
        ++d->stateCounts[size_t(job.state)];
        for (JobId dependency : job.spec.after)
            d->dependents[dependency].append(job.id);
        d->order.push_back(job.id);
        ids.append(job.id);
        d->jobs.emplace(job.id, std::move(record));
    }
    // Observers learn of the jobs once they have their first state.
    d->announcing = true;
    for (JobId id : ids)
        d->reevaluate(*d->find(id));
    d->announcing = false;
    Q_EMIT jobsAdded(ids);
    d->scheduleDispatch();
    return ids;
}

Status JobQueue::cancel(JobId id) {
    JobRecord *job = d->find(id);
    if (!job)
        return noSuchJob(id);
    if (isFinished(job->state))
        return refuse("job %1 has already ended (%2)", *job);
    if (job->ending)
        return refuseEnding(*job);
    if (job->holdsSlot() && !job->run->launched) {
        // Its work never began: it ends now, whether or not its start is saved yet.
        d->unlaunch(*job);
        d->end(*job, JobState::Canceled, JobResult::failure(tr("canceled")));
        d->scheduleDispatch();
        return {};
    }
    if (job->holdsSlot()) {
        if (!(job->kind->capabilities() & Cancelable))
            return Status::failure(tr("job %1 cannot be canceled while it runs").arg(id));
        // It becomes Canceled when its run stops, at its next check.
        job->run->cancelRequested = true;
        job->run->future.cancel();
        return {};
    }
    d->end(*job, JobState::Canceled, JobResult::failure(tr("canceled")));
    d->scheduleDispatch();
    return {};
}

Status JobQueue::pause(JobId id) {
    JobRecord *job = d->find(id);
    if (!job)
        return noSuchJob(id);
    if (job->ending)
        return refuseEnding(*job);
    if (job->state == JobState::Running) {
        if (!(job->kind->capabilities() & Pausable))
            return Status::failure(tr("job %1 cannot be paused while it runs").arg(id));
        job->run->future.suspend();
        d->setState(*job, JobState::Paused);
        return {};
    }
    if (JobQueuePrivate::isPending(job->state)) {
        d->setState(*job, JobState::Paused);
        d->updateIdle();
        return {};
    }
    return refuse("job %1 cannot be paused (state: %2): only a queued, waiting or running job can",
                  *job);
}

Status JobQueue::resume(JobId id) {
    JobRecord *job = d->find(id);
    if (!job)
        return noSuchJob(id);
    if (job->ending)
        return refuseEnding(*job);
    if (job->state != JobState::Paused)
        return refuse("job %1 cannot be resumed (state: %2): it is not paused", *job);
    if (job->holdsSlot()) {
        job->run->future.resume();
        d->setState(*job, JobState::Running);
    } else {
        d->reevaluate(*job);
        d->scheduleDispatch();
    }
    return {};
}

Status JobQueue::retry(JobId id) {
    JobRecord *job = d->find(id);
    if (!job)
        return noSuchJob(id);
    if (job->ending)
        return refuseEnding(*job);
    if (!isRetryable(job->state))
        return refuse(
            "job %1 cannot be retried (state: %2): only a failed, canceled or interrupted job can",
            *job);
    job->result = {};
    job->done = 0;
    job->total = -1;
    job->status.clear();
    job->finishedAt = {};
    job->removeWhenStopped = false;
    // The earlier runs' lines stay: they explain what the retry is for.
    if (d->logs.contains(id))
        d->log(id, {tr("[retried]")});
    d->reevaluate(*job);
    d->scheduleDispatch();
    return {};
}

Status JobQueue::remove(JobId id) {
    JobRecord *job = d->find(id);
    if (!job)
        return noSuchJob(id);
    if (job->holdsSlot() && !job->run->launched) {
        d->unlaunch(*job);
        d->erase({id});
        d->scheduleDispatch();
        d->updateIdle();
        return {};
    }
    if (job->holdsSlot()) {
        job->removeWhenStopped = true;
        job->run->cancelRequested = true;
        job->run->future.cancel();
        return {};
    }
    if (job->ending) {
        // Its end is being written; it goes once that is done.
        job->removeWhenStopped = true;
        return {};
    }
    d->erase({id});
    d->scheduleDispatch();
    return {};
}

Status JobQueue::move(JobId id, MoveTarget target) {
    JobRecord *job = d->find(id);
    if (!job)
        return noSuchJob(id);
    switch (target) {
    case MoveTarget::Top:
        return moveTo(id, 0);
    case MoveTarget::Up:
        return moveTo(id, qMax(0, job->position - 1));
    case MoveTarget::Down:
        return moveTo(id, job->position + 1);
    case MoveTarget::Bottom:
        return moveTo(id, int(d->order.size()) - 1);
    }
    return {};
}

Status JobQueue::moveTo(JobId id, int position) {
    JobRecord *job = d->find(id);
    if (!job)
        return noSuchJob(id);
    position = qBound(0, position, int(d->order.size()) - 1);
    if (position == job->position)
        return {};
    std::vector<JobId> newOrder = d->order;
    newOrder.erase(newOrder.begin() + job->position);
    newOrder.insert(newOrder.begin() + position, id);
    d->reorder(std::move(newOrder));
    return {};
}

Status JobQueue::moveBlock(const QList<JobId> &ids, JobId before) {
    QSet<JobId> moving;
    for (JobId id : ids) {
        if (!d->find(id))
            return noSuchJob(id);
        moving.insert(id);
    }
    if (before != 0 && !d->find(before))
        return noSuchJob(before);

    std::vector<JobId> block;
    std::vector<JobId> rest;
    bool afterBefore = false; // `before` is moving: land before the next job that is not
    JobId anchor = moving.contains(before) ? JobId(0) : before;
    for (JobId id : d->order) {
        if (id == before && moving.contains(id))
            afterBefore = true;
        if (moving.contains(id)) {
            block.push_back(id);
            continue;
        }
        if (afterBefore && anchor == 0)
            anchor = id;
        rest.push_back(id);
    }
    const auto at = anchor == 0 ? rest.end() : std::find(rest.begin(), rest.end(), anchor);
    rest.insert(at, block.begin(), block.end());
    if (rest == d->order)
        return {};
    d->reorder(std::move(rest));
    return {};
}

Status JobQueue::setPriority(JobId id, JobPriority priority) {
    JobRecord *job = d->find(id);
    if (!job)
        return noSuchJob(id);
    if (job->spec.priority == priority)
        return {};
    const bool pending = JobQueuePrivate::isPending(job->state);
    if (pending)
        d->pending.erase(JobQueuePrivate::keyOf(*job));
    job->spec.priority = priority;
    if (pending)
        d->pending.insert(JobQueuePrivate::keyOf(*job));
    Q_EMIT prioritiesChanged({id});
    Q_EMIT orderChanged();
    d->scheduleDispatch();
    return {};
}

void JobQueue::pauseAll() {
    for (JobId id : d->order) {
        const JobState state = d->find(id)->state;
        if (JobQueuePrivate::isPending(state) || state == JobState::Running)
            pause(id);
    }
}

void JobQueue::resumeAll() {
    stopDraining();
    for (JobId id : d->order) {
        if (d->find(id)->state == JobState::Paused)
            resume(id);
    }
    d->scheduleDispatch();
}

void JobQueue::drain() {
    if (d->draining)
        return;
    d->draining = true;
    d->updateIdle();
    Q_EMIT drainingChanged(true);
    d->announceQueuedReasons();
}

void JobQueue::stopDraining() {
    if (!d->draining)
        return;
    d->draining = false;
    Q_EMIT drainingChanged(false);
    d->announceQueuedReasons();
    d->scheduleDispatch();
}

bool JobQueue::isDraining() const {
    return d->draining;
}

void JobQueue::clearFinished() {
    QList<JobId> finished;
    for (JobId id : d->order) {
        const JobState state = d->find(id)->state;
        if (state == JobState::Succeeded || state == JobState::Canceled)
            finished.append(id);
    }
    d->erase(finished);
}

int JobQueue::maxRunning() const {
    return d->concurrency.limit();
}

void JobQueue::setMaxRunning(int limit) {
    d->concurrency.setLimit(qMax(1, limit));
    d->scheduleDispatch();
    d->announceQueuedReasons(); // "N of M running" names the new limit
}

int JobQueue::groupLimit(const QString &group) const {
    return d->groups.limit(group);
}

void JobQueue::setGroupLimit(const QString &group, int limit) {
    d->groups.setLimit(group, limit);
    // Jobs that waited on the old limit may run now.
    for (JobId id : d->order) {
        JobRecord *job = d->find(id);
        if (job->state == JobState::Waiting && job->spec.group == group)
            d->reevaluate(*job);
    }
    d->scheduleDispatch();
}

std::optional<JobSnapshot> JobQueue::job(JobId id) const {
    const JobRecord *job = d->find(id);
    if (!job)
        return std::nullopt;
    return d->snapshot(*job);
}

QStringList JobQueue::logTail(JobId id, int maxLines) const {
    return d->logs.tail(id, qMin(maxLines, logTailLines));
}

QList<JobId> JobQueue::order() const {
    return QList<JobId>(d->order.begin(), d->order.end());
}

JobId JobQueue::nextId() const {
    return d->nextId;
}

void JobQueue::reserveIdsBelow(JobId id) {
    d->nextId = qMax(d->nextId, id);
}

int JobQueue::count() const {
    return int(d->order.size());
}

int JobQueue::countIn(JobState state) const {
    return d->stateCounts[size_t(state)];
}

bool JobQueue::isIdle() const {
    return d->idle;
}

QThreadPool *JobQueue::pool() const {
    return &d->pool;
}

void JobQueue::setDurabilityGate(DurabilityGate *gate) {
    d->gate = gate;
    if (gate)
        return;
    // Nobody will confirm what is pending any more.
    QList<JobId> ending;
    QList<JobId> starting;
    for (JobId id : d->order) {
        const JobRecord *job = d->find(id);
        if (job->ending)
            ending.append(id);
        else if (job->run && !job->run->launched)
            starting.append(id);
    }
    confirmEndings(ending);
    if (!d->stopping)
        confirmStarts(starting);
}

void JobQueue::confirmEndings(const QList<JobId> &ids) {
    for (JobId id : ids) {
        if (JobRecord *job = d->find(id); job && job->ending)
            d->settle(*job);
    }
}

void JobQueue::interruptRunning() {
    d->stopping = true;
    const std::vector<JobId> active = d->active;
    for (JobId id : active) {
        JobRecord &job = *d->find(id);
        if (!job.run->launched) {
            // Never began: it is simply queued again, and starts next time.
            d->unlaunch(job);
            d->setState(job,
                        JobState::Paused); // neutral, so reevaluate() re-enters the pending set
            d->reevaluate(job);
            continue;
        }
        job.run->interruptRequested = true;
        job.run->future.cancel();
    }
    d->updateIdle();
}

void JobQueue::setOutputSink(JobOutputSink *sink) {
    d->outputSink = sink;
}

void JobQueue::setTemporaryTagPrefix(const QByteArray &prefix) {
    d->temporaryTagPrefix = prefix;
}

int JobQueue::abandonRunning() {
    d->stopping = true;
    const std::vector<JobId> active = d->active;
    for (JobId id : active) {
        JobRecord &job = *d->find(id);
        std::unique_ptr<JobRun> run = std::move(job.run);
        if (run->watcher)
            run->watcher->disconnect(this);
        d->active.erase(std::find(d->active.begin(), d->active.end(), id));
        for (AdmissionPolicy *policy : d->policies)
            policy->released(job);
        d->abandoned.push_back(std::move(run));
        job.earlierRunCutShort = true;
        job.result = JobResult::failure(tr(
            "interrupted: the job did not stop when Taskdeck stopped; retry it to run it again"));
        d->setState(job, JobState::Interrupted);
    }
    d->updateIdle();
    return int(active.size());
}

void JobQueue::confirmStarts(const QList<JobId> &ids) {
    for (JobId id : ids) {
        JobRecord *job = d->find(id);
        if (job && job->run && !job->run->launched)
            d->launch(*job);
    }
}
