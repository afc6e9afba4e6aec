#pragma once

#include "engine/admission/concurrencypolicy.h"
#include "engine/admission/dependencypolicy.h"
#include "engine/admission/grouplimitpolicy.h"
#include "engine/admission/starttimepolicy.h"
#include "engine/durabilitygate.h"
#include "engine/joblogstore.h"
#include "engine/jobqueue.h"
#include "engine/jobrecord.h"
#include "engine/pendingjobs.h"
#include "engine/unknownjobkind.h"

#include <QElapsedTimer>
#include <QHash>
#include <QThreadPool>
#include <QTimer>

#include <array>
#include <set>
#include <unordered_map>
#include <vector>

class JobKindRegistry;
class StringPool;

// JobQueue's state and the machinery behind its public API: dispatch,
// starting and finishing runs, sampling progress. Queue thread only.
class JobQueuePrivate {
public:
    JobQueuePrivate(JobQueue *q, std::shared_ptr<const JobKindRegistry> kinds);
    ~JobQueuePrivate();

    JobRecord *find(JobId id) const;
    // A record of a job brought back (restore, reinstate) with the snapshot's
    // id, spec, kind (an UnknownJobKind when this build lacks it), progress,
    // result and timings; state, rank and position are the caller's to set.
    // With a pool, its strings are pooled (restore: a long history repeats them).
    std::unique_ptr<JobRecord> recordFrom(const JobSnapshot &saved, StringPool *pool = nullptr);
    JobSnapshot snapshot(const JobRecord &job) const;
    // The status line a snapshot shows: the kind's own line only while it
    // runs, and its last word once it succeeded; a paused run says it is
    // paused and whether it resumes or starts over; a failed, canceled or
    // interrupted job has none (its result says what happened).
    static QString statusNow(const JobRecord &job);

    // Every state change goes through here: it keeps the pending set and the
    // per-state counts right and emits jobStateChanged.
    void setState(JobRecord &job, JobState state, const QString &waitReason = {});
    // Re-decides between Queued and Waiting for a job that may run, from every
    // rule but the global limit; cancels it when a dependency failed.
    void reevaluate(JobRecord &job);
    void scheduleDispatch();
    void dispatch();
    // Shows the job Waiting for what `policy` refused, and parks it when that
    // is a dependency or a start time (reevaluate() brings it back; the start
    // time timer is set for it).
    void waitFor(JobRecord &job, const AdmissionPolicy *policy, const Refusal &refusal);

    // Takes a slot and shows the job Running; its work begins at once, or,
    // for a kind that is not Resumable under a gate, once confirmStarts() says
    // the start is on disk.
    void start(JobRecord &job);
    void launch(JobRecord &job);
    // Gives back the slot of a job whose work never began.
    void unlaunch(JobRecord &job);
    void onRunFinished(JobId id);
    // The one way into Succeeded, Failed or Canceled: the job leaves the
    // pending set at once, and settles (shows the state, releases or cancels
    // its dependents) once the gate confirmed it is durable; without a gate,
    // and for jobs being added or restored, at once.
    void end(JobRecord &job, JobState state, JobResult result);
    void settle(JobRecord &job);
    void sampleProgress();
    // Keeps the lines in the job's log tail, then emits jobLogged: a slot that
    // reads logTail() finds them there.
    void log(JobId id, const QStringList &lines);
    // Emits jobCheckpointed for what the run recorded since the last call, and
    // jobLeftoversChanged when its leftovers changed.
    void takeCheckpoints(JobId id, JobProgress &progress);
    // Ends as Canceled the jobs not yet started that wait for `job`; theirs
    // follow when they settle.
    void cancelDependents(const JobRecord &job, const QString &why);
    // Why a job that waited for `job` is canceled now that it ended in `state`.
    static QString dependencyEndedReason(const JobRecord &job, JobState state);
    // Drops jobs that hold no slot, settles the jobs that wait for them, and
    // emits jobsRemoved once.
    void erase(const QList<JobId> &ids);
    void forget(JobRecord &job);
    // Takes newOrder as the queue's order: positions and ranks follow it, and the
    // pending set is rebuilt. reorder() also says so (orderChanged) and dispatches.
    void reorder(std::vector<JobId> newOrder);
    void applyOrder(std::vector<JobId> newOrder);
    void updateIdle();
    // Why a Queued job has not started: stopping, draining or every slot
    // taken ("waiting for a free slot (2 of 2 running)"); empty when it is
    // about to start. Computed for snapshots, never stored on the job.
    QString queuedReason() const;
    // Queued jobs' reasons changed (draining began or ended): jobsProgressed.
    void announceQueuedReasons();

    // The pending set holds exactly the Queued and Waiting jobs, best first.
    using PendingKey = PendingJobs::Key;
    static PendingKey keyOf(const JobRecord &job) {
        return {int(job.spec.priority), job.rank, job.id};
    }
    static bool isPending(JobState state) {
        return state == JobState::Queued || state == JobState::Waiting;
    }

    JobQueue *q;
    std::shared_ptr<const JobKindRegistry> kinds;
    QThreadPool pool;
    std::unordered_map<JobId, std::unique_ptr<JobRecord>> jobs;
    std::vector<JobId> order;
    PendingJobs pending;
    std::vector<JobId> active;                      // jobs holding a slot
    std::vector<std::unique_ptr<JobRun>> abandoned; // runs a stop gave up on (abandonRunning)
    QHash<JobId, QList<JobId>> dependents;          // job -> jobs that wait for it
    std::array<int, 8> stateCounts{};
    JobLogStore logs;                    // a job's tail is freed with the job
    DurabilityGate *gate = nullptr;      // not owned
    JobOutputSink *outputSink = nullptr; // not owned
    QByteArray temporaryTagPrefix;       // empty: jobs' temporary files carry no tag
    int endingCount = 0;                 // jobs with an ending not yet settled
    // Kinds the store named that this build lacks (restore() keeps their jobs).
    std::vector<std::unique_ptr<UnknownJobKind>> unknownKinds;
    JobId nextId = 1;
    qint64 nextRank = 0;
    bool draining = false;
    bool stopping = false; // interruptRunning(): nothing starts again
    bool idle = true;
    bool dispatchScheduled = false;
    bool announcing = false; // new jobs take their first state silently

    ConcurrencyPolicy concurrency;
    GroupLimitPolicy groups;
    DependencyPolicy dependencies;
    StartTimePolicy startTimes;
    // Asked in this order; the global limit last, so the other rules get to
    // say why a job waits before the dispatcher stops looking.
    std::array<AdmissionPolicy *, 4> policies;

    QTimer sampleTimer;    // runs while any job holds a slot
    QTimer startTimeTimer; // fires at the earliest future start time
    QElapsedTimer clock;
    std::vector<JobId> finishedSinceSample;
};
