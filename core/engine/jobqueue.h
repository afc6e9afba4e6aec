#pragma once

#include "base/expected.h"
#include "job/jobsnapshot.h"
#include "job/removedjob.h"
#include "job/storedjob.h"

#include <QObject>

#include <memory>

class DurabilityGate;
class JobOutputSink;
class JobKindRegistry;
class JobQueuePrivate;
class QThreadPool;

enum class MoveTarget { Top, Up, Down, Bottom };

// The task engine: holds every job, decides which may start (priority, then
// position, subject to the admission policies: a global limit on running jobs,
// group limits, dependencies and start times), runs them on its own QThreadPool
// through QtConcurrent with a QPromise, and tells observers what changed.
//
// Thread: lives on the thread that created it (normally the GUI thread); call
// every method there. Nothing here blocks on a job. Signals are emitted on that
// thread. Progress and log lines are sampled and emitted in coalesced batches
// at most ~30 times a second, however often jobs report.
class JobQueue : public QObject {
    Q_OBJECT
public:
    explicit JobQueue(std::shared_ptr<const JobKindRegistry> kinds, QObject *parent = nullptr);
    // Cancels every running job and waits for them to stop (they check often).
    ~JobQueue() override;

    const JobKindRegistry &kinds() const;

    // Validates (through the kind) and queues. All or nothing for a batch.
    Expected<JobId> add(const JobSpec &spec);
    Expected<QList<JobId>> add(const QList<JobSpec> &specs);

    // Control. Each refuses with a message when it does not apply to the job's
    // state, and for a job whose end is being saved (JobSnapshot::ending),
    // which remove() takes away once that is done.
    Status cancel(JobId id); // queued/waiting/paused: at once; running: at its next check
    Status pause(JobId id);  // running: suspends at its next check; queued: held back
    Status resume(JobId id);
    Status retry(JobId id);  // failed, canceled or interrupted: back to the queue
    Status remove(JobId id); // a running job is canceled first and removed when it stops
    Status move(JobId id, MoveTarget target);
    Status moveTo(JobId id, int position);
    // Moves these jobs, in their queue order, into one block just before `before`
    // (0: at the end; one of the jobs themselves: the first job after it that is not
    // moved). One orderChanged for the whole block, however many jobs (a person
    // moving 100 selected jobs to the top must not cost 100 reorders).
    Status moveBlock(const QList<JobId> &ids, JobId before);
    Status setPriority(JobId id, JobPriority priority);
    // New settings for a job that has not started (Queued, Waiting, or Paused
    // before it started) and has no earlier run to resume: its parameters
    // (validated by its kind, which cannot change), title (empty: the kind's
    // default), priority, group, dependencies and start time. It keeps its id,
    // its place and its log. Refuses, changing nothing, a dependency that does
    // not exist, has failed or was canceled, is the job itself, or waits for it.
    // Emits jobsEdited, then prioritiesChanged and orderChanged when the
    // priority changed, and jobStateChanged when it now waits for something else.
    Status edit(JobId id, const JobSpec &spec);

    void pauseAll();     // every queued, waiting and running job
    void resumeAll();    // every paused job; also ends draining
    void drain();        // running jobs finish; nothing new starts until resumeAll()
    void stopDraining(); // jobs start again (paused ones stay paused)
    bool isDraining() const;
    void clearFinished(); // removes succeeded and canceled jobs

    int maxRunning() const;
    void setMaxRunning(int limit);              // >= 1; takes effect at once
    int groupLimit(const QString &group) const; // 0: no limit
    void setGroupLimit(const QString &group, int limit);

    std::optional<JobSnapshot> job(JobId id) const;

    // Brings back the jobs a store kept, in their order, into an empty queue
    // (refused otherwise), with their ids (new ids continue after the highest).
    // Queued and waiting jobs come back as they were. Jobs that were running,
    // or that a clean stop interrupted (resumeOnStart), become Interrupted; with
    // ResumeSafeKinds those of a Resumable kind are queued again and their next
    // run skips what they had finished. A job paused after it started comes back
    // paused (not holding a slot) if its kind is Resumable, else Interrupted.
    // Emits jobsAdded once.
    Status restore(const QList<StoredJob> &jobs, RecoveryPolicy policy);
    // Brings back jobs removed earlier in this run (an undo), with their ids,
    // states, results, timings and log tails, each at its old position (or the
    // end): queued and waiting jobs are queued again and decided anew, paused
    // ones stay paused, finished ones keep their result. Skipped: a job that
    // had started (Running, or Paused after it started: its run is gone), an
    // id the queue holds or never gave. Dependencies on jobs no longer here
    // are dropped (they had ended). Emits jobsAdded, orderChanged and
    // jobsReinstated once each; refuses, changing nothing, when none can come
    // back. Returns the ids brought back, in queue order.
    Expected<QList<JobId>> reinstate(const QList<RemovedJob> &jobs);
    // Whether reinstate() would bring this job back now.
    bool canReinstate(const JobSnapshot &job) const;
    // For a clean stop: running jobs are canceled and end Interrupted (not
    // Canceled), and nothing new starts. Returns at once; isIdle() turns true
    // (idleChanged) when no job runs any more.
    void interruptRunning();
    // For a clean stop that has waited long enough: every job still running
    // (it did not stop when interruptRunning() asked) is recorded Interrupted
    // now and gives its slot back; its run goes on unobserved until the
    // process exits (which ends a command's processes: see SupervisedProcess).
    // Returns how many. Nothing new starts afterwards; the queue must not be
    // destroyed before those runs end (the process exits instead).
    int abandonRunning();

    // Makes every final state, and the start of every job that is not
    // Resumable, wait until the gate has it on disk (see DurabilityGate); null
    // (the default) does both at once. Not owned; must outlive the queue or be
    // reset first. Resetting it settles and launches the jobs still waiting.
    void setDurabilityGate(DurabilityGate *gate);
    // The gate has these jobs' endings on disk: they show their final states
    // now (jobStateChanged), and their dependents go on. Unknown ids and jobs
    // without an ending are skipped.
    void confirmEndings(const QList<JobId> &ids);
    // The gate has these jobs' Running state on disk: their work begins now.
    // Jobs that were canceled, removed or stopped meanwhile are skipped.
    void confirmStarts(const QList<JobId> &ids);

    // Where jobs started from now on write their own output
    // (JobContext::writeOutput); null (the default): nowhere. Not owned; must
    // outlive every run that uses it.
    void setOutputSink(JobOutputSink *sink);

    // Names every temporary file a job writes after this prefix and its id
    // (".NAME.taskdeck-PREFIXjID-XXXXXX"), so that a later run of that job can
    // find and delete what a run cut short left behind. A queue kept on disk
    // sets a prefix unique to its data folder; without one (the default) the
    // names carry no tag and nothing is swept.
    void setTemporaryTagPrefix(const QByteArray &prefix);

    // The queue keeps the newest lines each job logged (its log tail), so a
    // view opened late can show what came before: at most logTailLines lines a
    // job, each cut to a couple of thousand characters, and about 32 MiB for all
    // jobs together (past that, the jobs that logged least recently lose their
    // oldest lines first). A job that never logged costs nothing; the tail is
    // freed when the job is removed. Retry keeps it: the new run's lines follow
    // the earlier ones after a "[retried]" line (also sent through jobLogged).
    static constexpr int logTailLines = 1000;
    // The job's newest kept log lines, at most maxLines, oldest first; empty when
    // it never logged or does not exist. Lines are in the tail before jobLogged
    // carries them, so logTail() then following jobLogged misses and repeats nothing.
    QStringList logTail(JobId id, int maxLines = logTailLines) const;

    QList<JobId> order() const; // every job, in queue order
    // The id the next added job gets. Ids only grow: none is ever given twice.
    JobId nextId() const;
    // No job added from now on gets an id below id (the store's record of
    // the ids given before, whatever was removed since).
    void reserveIdsBelow(JobId id);
    int count() const;
    int countIn(JobState state) const;
    // True when nothing runs and nothing can start (all finished, paused or blocked).
    bool isIdle() const;

    QThreadPool *pool() const;

Q_SIGNALS:
    // The jobs are in their first state (Queued, Waiting or Canceled; for
    // reinstate(), the state they come back in) when this fires;
    // jobStateChanged is not emitted for that first state.
    void jobsAdded(const QList<JobId> &ids);
    void jobsRemoved(const QList<JobId> &ids);
    // These jobs came back through reinstate(), after jobsAdded and
    // orderChanged for them: a store brings back what it set aside when they
    // were removed (their log files).
    void jobsReinstated(const QList<JobId> &ids);
    // Fires once for every state change, right after it happened. With a
    // DurabilityGate, a final state fires once it is durable.
    void jobStateChanged(JobId id, JobState state);
    // Progress, status, speed or ETA of these jobs changed. Coalesced, <= ~30/s.
    void jobsProgressed(const QList<JobId> &ids);
    // New log lines of a job, oldest first. Coalesced with progress. Every line
    // of a run arrives before the job's final state. Lines are uncut (see logTail).
    void jobLogged(JobId id, const QStringList &lines);
    // A resumable job finished these items (JobContext::recordFinished), in the
    // order it recorded them. Coalesced with progress; all before the final state.
    void jobCheckpointed(JobId id, const QList<JobCheckpoint> &items);
    // What a run would leave behind if the instance died now changed
    // (JobContext::trackTemporary, trackProcess): the whole list, as
    // JobLeftover::encoded() texts; empty once the run is done with them.
    // Coalesced with progress; the last one before the final state.
    void jobLeftoversChanged(JobId id, const QStringList &leftovers);
    // Positions or priorities changed.
    void orderChanged();
    // These jobs' priorities changed (orderChanged follows).
    void prioritiesChanged(const QList<JobId> &ids);
    // edit() gave these jobs new settings (JobSnapshot::spec).
    void jobsEdited(const QList<JobId> &ids);
    void idleChanged(bool idle);
    // drain() began, or stopDraining() or resumeAll() ended, draining. The
    // queued jobs' reasons (JobSnapshot::waitReason) changed with it:
    // jobsProgressed follows for them.
    void drainingChanged(bool draining);

private:
    friend class JobQueuePrivate;
    std::unique_ptr<JobQueuePrivate> d;
};
