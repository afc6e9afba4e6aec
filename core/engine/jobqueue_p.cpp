#include "engine/jobqueue_p.h"

#include "engine/unknownjobkind.h"

#include "base/tsanannotations.h"
#include "job/jobcontext.h"
#include "job/jobkind.h"
#include "job/jobkindregistry.h"

#include <QCoreApplication>
#include <QFile>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>

namespace {
// Progress reaches observers at most this often, however often jobs report.
constexpr int sampleIntervalMs = 33;
// Admission is the queue's job; the pool only needs a thread for every job
// that holds a slot plus the helper tasks jobs fan out.
constexpr int poolThreads = 512;

QString tr(const char *text) {
    return QCoreApplication::translate("JobQueue", text);
}
} // namespace

JobQueuePrivate::JobQueuePrivate(JobQueue *queue, std::shared_ptr<const JobKindRegistry> registry)
    : q(queue)
    , kinds(std::move(registry))
    , concurrency(qMax(1, QThread::idealThreadCount()))
    , dependencies([this](JobId id) { return find(id); })
    , policies{&startTimes, &dependencies, &groups, &concurrency} {
    pool.setMaxThreadCount(poolThreads);
    pool.setObjectName(QStringLiteral("JobQueue pool"));
    clock.start();

    sampleTimer.setInterval(sampleIntervalMs);
    QObject::connect(&sampleTimer, &QTimer::timeout, q, [this] { sampleProgress(); });

    startTimeTimer.setSingleShot(true);
    startTimeTimer.setTimerType(Qt::CoarseTimer);
    QObject::connect(&startTimeTimer, &QTimer::timeout, q, [this] {
        // Copied first: reevaluate() may cancel jobs, which changes the set.
        std::vector<JobId> timed;
        for (const PendingKey &key : pending.all()) {
            if (find(key.id)->spec.notBefore.isValid())
                timed.push_back(key.id);
        }
        for (JobId id : timed) {
            if (JobRecord *job = find(id); job && isPending(job->state))
                reevaluate(*job);
        }
        scheduleDispatch();
    });
}

JobQueuePrivate::~JobQueuePrivate() {
    for (JobId id : active)
        find(id)->run->future.cancel();
    // Jobs check for cancel every few milliseconds; wait so no worker outlives
    // the pool and the kinds it uses.
    pool.waitForDone();
}

JobRecord *JobQueuePrivate::find(JobId id) const {
    auto it = jobs.find(id);
    return it == jobs.end() ? nullptr : it->second.get();
}

QString JobQueuePrivate::statusNow(const JobRecord &job) {
    switch (job.state) {
    case JobState::Running:
    case JobState::Succeeded:
        return job.status;
    case JobState::Paused:
        if (!job.holdsSlot())
            return {};
        return (job.kind->capabilities() & Resumable)
                   ? tr("Paused; it resumes where it stopped, even after Taskdeck restarts")
                   : tr("Paused; it continues when resumed, but starts over if Taskdeck quits "
                        "first");
    case JobState::Queued:
    case JobState::Waiting:
    case JobState::Failed:
    case JobState::Canceled:
    case JobState::Interrupted:
        break;
    }
    return {};
}

JobSnapshot JobQueuePrivate::snapshot(const JobRecord &job) const {
    JobSnapshot s;
    s.id = job.id;
    s.spec = job.spec;
    s.capabilities = job.kind->capabilities();
    s.state = job.state;
    s.waitReason = job.state == JobState::Queued ? queuedReason() : job.waitReason;
    s.position = job.position;
    s.started = job.holdsSlot() || (job.ending && job.endingAfterRun);
    s.done = job.done;
    s.total = job.total;
    s.unit = job.unit;
    s.status = statusNow(job);
    s.speed = job.speed;
    s.etaSeconds = job.etaSeconds;
    s.result = job.result;
    s.addedAt = job.addedAt;
    s.startedAt = job.startedAt;
    s.finishedAt = job.finishedAt;
    s.ending = job.ending;
    return s;
}

void JobQueuePrivate::setState(JobRecord &job, JobState state, const QString &waitReason) {
    const bool wasPending = isPending(job.state);
    const bool changed = job.state != state || job.waitReason != waitReason;
    if (!changed)
        return;
    --stateCounts[size_t(job.state)];
    ++stateCounts[size_t(state)];
    const bool stateDiffers = job.state != state;
    job.state = state;
    job.waitReason = waitReason;
    if (wasPending && !isPending(state))
        pending.erase(keyOf(job));
    else if (!wasPending && isPending(state))
        pending.insert(keyOf(job));
    if (isFinished(state) && !job.finishedAt.isValid())
        job.finishedAt = QDateTime::currentDateTimeUtc();
    if (!announcing && (stateDiffers || state == JobState::Waiting))
        Q_EMIT q->jobStateChanged(job.id, state);
}

void JobQueuePrivate::reevaluate(JobRecord &job) {
    if (job.ending)
        return; // decided already; it settles when durable
    for (JobId dependency : job.spec.after) {
        const JobRecord *other = find(dependency);
        if (other && (other->state == JobState::Failed || other->state == JobState::Canceled)) {
            end(job, JobState::Canceled,
                JobResult::failure(tr("canceled: job %1 (%2) did not succeed")
                                       .arg(dependency)
                                       .arg(other->spec.title)));
            return;
        }
    }
    for (const AdmissionPolicy *policy : policies) {
        if (policy == &concurrency)
            break;
        if (auto refusal = policy->check(job)) {
            waitFor(job, policy, *refusal);
            return;
        }
    }
    setState(job, JobState::Queued);
    pending.unpark(keyOf(job));
}

// A parked job's start time is looked at again at least this often: the
// timer's clock stops while the computer sleeps, the wall clock does not.
constexpr qint64 maxStartTimeWaitMs = 60 * 1000;

void JobQueuePrivate::waitFor(JobRecord &job, const AdmissionPolicy *policy,
                              const Refusal &refusal) {
    setState(job, JobState::Waiting, refusal.reason);
    if (policy == &startTimes) {
        const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(job.spec.notBefore);
        if (!startTimeTimer.isActive() || startTimeTimer.remainingTime() > ms)
            startTimeTimer.start(int(qBound<qint64>(0, ms, maxStartTimeWaitMs)));
    }
    if (policy == &startTimes || policy == &dependencies)
        pending.park(keyOf(job));
    else
        pending.unpark(keyOf(job));
}

void JobQueuePrivate::scheduleDispatch() {
    // Many changes in one event-loop pass (a batch add, a burst of finishing
    // jobs) cost one scan of the queue.
    if (dispatchScheduled)
        return;
    dispatchScheduled = true;
    QMetaObject::invokeMethod(
        q, [this] { dispatch(); }, Qt::QueuedConnection);
}

void JobQueuePrivate::dispatch() {
    dispatchScheduled = false;
    if (!draining && !stopping) {
        // A group found full stays full for the rest of this pass (starting jobs
        // only takes slots), with the same reason: thousands of jobs waiting in a
        // full group then cost a lookup each, not a check and a translated message.
        QHash<QString, Refusal> fullGroups;
        const std::set<PendingKey> &candidates = pending.candidates();
        for (auto it = candidates.begin(); it != candidates.end();) {
            JobRecord &job = *find(it->id);
            ++it; // start() and setState() may erase the current key
            std::optional<Refusal> refusal;
            const AdmissionPolicy *refusedBy = nullptr;
            for (const AdmissionPolicy *policy : policies) {
                refusedBy = policy;
                if (policy == &groups && !job.spec.group.isEmpty()) {
                    if (auto full = fullGroups.constFind(job.spec.group);
                        full != fullGroups.cend()) {
                        refusal = *full;
                        break;
                    }
                    if ((refusal = policy->check(job))) {
                        fullGroups.insert(job.spec.group, *refusal);
                        break;
                    }
                    continue;
                }
                if ((refusal = policy->check(job)))
                    break;
            }
            if (refusal && refusal->blocksEveryone) {
                if (job.state == JobState::Waiting)
                    setState(job, JobState::Queued);
                break;
            }
            if (refusal)
                waitFor(job, refusedBy, *refusal);
            else
                start(job);
        }
    }
    updateIdle();
}

void JobQueuePrivate::start(JobRecord &job) {
    auto run = std::make_unique<JobRun>();
    run->shared = std::make_shared<JobRunShared>();
    run->shared->progress.setStatus(tr("Starting…"));
    run->speed.addSample(clock.elapsed(), 0);
    job.run = std::move(run);
    job.done = 0;
    job.total = -1;
    job.status.clear();
    job.result = {};
    job.startedAt = QDateTime::currentDateTimeUtc();
    job.finishedAt = {};
    for (AdmissionPolicy *policy : policies)
        policy->started(job);
    active.push_back(job.id);
    if (!sampleTimer.isActive())
        sampleTimer.start();
    setState(job, JobState::Running);
    // A run that cannot safely happen twice begins only once its start is on disk.
    if (gate && !(job.kind->capabilities() & Resumable))
        gate->startPending(job.id);
    else
        launch(job);
}

void JobQueuePrivate::launch(JobRecord &job) {
    JobRun &run = *job.run;
    run.launched = true;
    // The worker gets copies and shared ownership only: it never touches the
    // queue, so the queue may change or drop the record while it runs.
    const JobKind *kind = job.kind;
    QThreadPool *workerPool = &pool;
    auto work = [shared = run.shared, registry = kinds, kind, params = job.spec.params, workerPool,
                 resume = job.resume, sink = outputSink, id = job.id,
                 tag = temporaryTagPrefix.isEmpty()
                           ? QByteArray()
                           : temporaryTagPrefix + 'j' + QByteArray::number(job.id),
                 cutShort = job.earlierRunCutShort](QPromise<void> &promise) {
        TASKDECK_HANDOFF_ACQUIRE(shared.get());
        JobContext context(promise, shared->progress, workerPool, resume.get(), sink, id, tag,
                           cutShort);
        try {
            shared->result = kind->run(context, params);
        } catch (const std::exception &error) {
            shared->result = JobResult::failure(QString::fromLocal8Bit(error.what()));
        } catch (...) {
            shared->result = JobResult::failure(tr("the job stopped with an unknown error"));
        }
        // Whatever the run left of its temporary files (it stopped or failed
        // between creating one and renaming it) goes now, on this thread.
        for (const QString &path : shared->progress.temporaries()) {
            QFile::remove(path);
            shared->progress.releaseLeftover(JobLeftover::temporaryFile(path));
        }
        shared->resultReady.store(true, std::memory_order_release);
    };
    // The pool's hand-off orders everything above before the worker starts.
    TASKDECK_HANDOFF_RELEASE(run.shared.get());
    run.future = QtConcurrent::run(&pool, std::move(work));
    if (job.state == JobState::Paused)
        run.future.suspend(); // paused while its start was being saved
    run.watcher = new QFutureWatcher<void>(q);
    const JobId id = job.id;
    QObject::connect(run.watcher, &QFutureWatcher<void>::finished, q,
                     [this, id] { onRunFinished(id); });
    run.watcher->setFuture(run.future);
}

void JobQueuePrivate::unlaunch(JobRecord &job) {
    Q_ASSERT(job.run && !job.run->launched);
    active.erase(std::find(active.begin(), active.end(), job.id));
    for (AdmissionPolicy *policy : policies)
        policy->released(job);
    job.run.reset();
    job.status.clear();
    job.startedAt = {};
}

void JobQueuePrivate::onRunFinished(JobId id) {
    JobRecord &job = *find(id);
    std::unique_ptr<JobRun> run = std::move(job.run);
    run->watcher->deleteLater();
    active.erase(std::find(active.begin(), active.end(), id));
    for (AdmissionPolicy *policy : policies)
        policy->released(job);

    JobProgress &progress = run->shared->progress;
    job.done = progress.done();
    job.total = progress.total();
    job.unit = progress.unit();
    job.status = progress.status();
    job.speed = 0;
    job.etaSeconds = -1;
    // Every line and checkpoint a job recorded reaches observers before its final state does.
    log(id, progress.takeLog());
    takeCheckpoints(id, progress);

    JobResult result;
    if (run->shared->resultReady.load(std::memory_order_acquire))
        result = std::move(run->shared->result);
    JobState state = JobState::Succeeded;
    if (run->interruptRequested && !run->cancelRequested) {
        finishedSinceSample.push_back(id);
        if (job.removeWhenStopped) {
            erase({id});
            updateIdle();
            return;
        }
        if (job.state == JobState::Paused && (job.kind->capabilities() & Resumable)) {
            // Paused by the user: it stays paused, and resumes where it stopped
            // next time (its checkpoints are in the store).
            updateIdle();
            return;
        }
        job.result = JobResult::failure(tr("interrupted: Taskdeck stopped while the job ran"));
        setState(job, JobState::Interrupted);
        updateIdle();
        return;
    }
    if (run->cancelRequested || run->future.isCanceled()) {
        state = JobState::Canceled;
        if (result.error.isEmpty())
            result.error = tr("canceled");
    } else if (result.failed()) {
        state = JobState::Failed;
    }
    job.resume.reset(); // ended for good: a retry starts from scratch
    finishedSinceSample.push_back(id);
    job.endingAfterRun = true;
    end(job, state, std::move(result));
    // Its slot is free now, whether or not its end is durable yet.
    scheduleDispatch();
}

void JobQueuePrivate::end(JobRecord &job, JobState state, JobResult result) {
    Q_ASSERT(state == JobState::Succeeded || state == JobState::Failed ||
             state == JobState::Canceled);
    if (isPending(job.state))
        pending.erase(keyOf(job));
    job.ending = JobSnapshot::Ending{state, std::move(result), QDateTime::currentDateTimeUtc()};
    ++endingCount;
    // A job being added or restored is not known to anyone yet: nothing to hold back.
    if (!gate || announcing) {
        settle(job);
        return;
    }
    gate->endingPending(job.id);
}

void JobQueuePrivate::settle(JobRecord &job) {
    JobSnapshot::Ending ending = std::move(*job.ending);
    job.ending.reset();
    job.endingAfterRun = false;
    --endingCount;
    job.earlierRunCutShort = false;
    job.result = std::move(ending.result);
    job.finishedAt = ending.finishedAt;
    setState(job, ending.state);

    const JobId id = job.id;
    if (ending.state != JobState::Succeeded) {
        cancelDependents(job, dependencyEndedReason(job, ending.state));
    } else {
        for (JobId dependent : dependents.value(id)) {
            if (JobRecord *other = find(dependent); other && other->state == JobState::Waiting)
                reevaluate(*other);
        }
    }
    if (job.removeWhenStopped)
        erase({id});
    scheduleDispatch();
    updateIdle();
}

QString JobQueuePrivate::dependencyEndedReason(const JobRecord &job, JobState state) {
    return state == JobState::Failed
               ? tr("canceled: job %1 (%2) failed").arg(job.id).arg(job.spec.title)
               : tr("canceled: job %1 (%2) was canceled").arg(job.id).arg(job.spec.title);
}

void JobQueuePrivate::sampleProgress() {
    const qint64 now = clock.elapsed();
    QList<JobId> changed;
    for (JobId id : std::exchange(finishedSinceSample, {})) {
        if (find(id))
            changed.append(id);
    }
    for (JobId id : active) {
        JobRecord &job = *find(id);
        JobRun &run = *job.run;
        JobProgress &progress = run.shared->progress;
        const qint64 done = progress.done();
        const qint64 total = progress.total();
        const QString status = progress.status();
        if (job.state == JobState::Running)
            run.speed.addSample(now, done);
        else
            run.speed.reset();
        const double speed = job.state == JobState::Running ? run.speed.rate() : 0.0;
        const qint64 eta = job.state == JobState::Running ? run.speed.etaSeconds(done, total) : -1;
        if (done != job.done || total != job.total || status != job.status || speed != job.speed ||
            eta != job.etaSeconds || progress.unit() != job.unit) {
            job.done = done;
            job.total = total;
            job.unit = progress.unit();
            job.status = status;
            job.speed = speed;
            job.etaSeconds = eta;
            changed.append(id);
        }
        log(id, progress.takeLog());
        takeCheckpoints(id, progress);
    }
    if (!changed.isEmpty())
        Q_EMIT q->jobsProgressed(changed);
    if (active.empty() && finishedSinceSample.empty())
        sampleTimer.stop();
}

void JobQueuePrivate::log(JobId id, const QStringList &lines) {
    if (lines.isEmpty())
        return;
    logs.append(id, lines);
    Q_EMIT q->jobLogged(id, lines);
}

void JobQueuePrivate::takeCheckpoints(JobId id, JobProgress &progress) {
    QList<JobCheckpoint> items = progress.takeCheckpoints();
    if (!items.isEmpty())
        Q_EMIT q->jobCheckpointed(id, items);
    if (const std::optional<QStringList> leftovers = progress.takeLeftoversIfChanged())
        Q_EMIT q->jobLeftoversChanged(id, *leftovers);
}

void JobQueuePrivate::cancelDependents(const JobRecord &job, const QString &why) {
    for (JobId dependent : dependents.value(job.id)) {
        JobRecord *other = find(dependent);
        if (!other || other->holdsSlot() || other->ending || isFinished(other->state))
            continue;
        end(*other, JobState::Canceled, JobResult::failure(why));
    }
}

QString JobQueuePrivate::queuedReason() const {
    if (stopping)
        return tr("Taskdeck is stopping");
    if (draining)
        return tr("the queue is draining: nothing new starts until it is resumed");
    const int running = int(active.size());
    if (running >= concurrency.limit())
        return tr("waiting for a free slot (%1 of %2 running)")
            .arg(running)
            .arg(concurrency.limit());
    return {};
}

void JobQueuePrivate::announceQueuedReasons() {
    QList<JobId> queued;
    for (const PendingKey &key : pending.all()) {
        if (find(key.id)->state == JobState::Queued)
            queued.append(key.id);
    }
    if (!queued.isEmpty())
        Q_EMIT q->jobsProgressed(queued);
}

void JobQueuePrivate::updateIdle() {
    const bool nowIdle = active.empty() && endingCount == 0 &&
                         (draining || stopping || stateCounts[size_t(JobState::Queued)] == 0);
    if (nowIdle != idle) {
        idle = nowIdle;
        Q_EMIT q->idleChanged(idle);
    }
}
