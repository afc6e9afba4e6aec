#pragma once

#include "engine/speedmeter.h"
#include "job/jobcheckpoint.h"
#include "job/jobprogress.h"
#include "job/jobresult.h"
#include "job/jobsnapshot.h"
#include "job/jobspec.h"

#include <QDateTime>
#include <QFuture>

#include <atomic>
#include <memory>

class JobKind;
template <typename T> class QFutureWatcher;

// What a worker thread and the queue share for one run: the live progress, and
// the result the worker leaves before its future finishes. `resultReady` is
// stored (release) after the result is written and loaded (acquire) before it
// is read: the future's completion already orders the two, but through Qt's
// futex-based mutex, which ThreadSanitizer cannot see; this makes it explicit.
// It stays false when the run was canceled before it began.
struct JobRunShared {
    JobProgress progress;
    JobResult result;
    std::atomic<bool> resultReady{false};
};

// A started run of a job (Running, or Paused after it started). Queue thread only.
struct JobRun {
    std::shared_ptr<JobRunShared> shared;
    QFuture<void> future;
    QFutureWatcher<void> *watcher = nullptr; // owned by the queue, deleted when the run ends
    SpeedMeter speed;
    bool launched = false; // the work was handed to the pool (future is valid)
    bool cancelRequested = false;
    bool interruptRequested = false; // a clean stop: the run ends Interrupted, not Canceled
};

// Everything the queue keeps about one job. Internal to core: the queue, its
// policies and the snapshot builder use it on the queue's thread only.
struct JobRecord {
    JobId id = 0;
    JobSpec spec;
    const JobKind *kind = nullptr;
    JobState state = JobState::Queued;
    QString waitReason;
    qint64 rank = 0; // orders jobs of equal priority; changes only when jobs move
    int position = 0;
    bool removeWhenStopped = false;
    std::unique_ptr<JobRun> run; // non-null exactly while the job holds a slot
    // What earlier, interrupted runs finished (restored from the store); the next
    // run skips it. Dropped when the job ends for good. Shared with that run.
    std::shared_ptr<const JobResumeState> resume;
    // A run of this job was cut short by the instance's death (it was running,
    // paused after starting, or interrupted when the store was loaded): the
    // next run sweeps what it may have left. Cleared when the job ends for good.
    bool earlierRunCutShort = false;

    // Progress as last sampled (kept after the run ends).
    qint64 done = 0;
    qint64 total = -1;
    ProgressUnit unit = ProgressUnit::Items;
    QString status;
    double speed = 0;
    qint64 etaSeconds = -1;

    JobResult result;
    // The final state the job reaches once it is durable (DurabilityGate). An
    // ending job is in no pending set and holds no slot; its public state is
    // the one it had.
    std::optional<JobSnapshot::Ending> ending;
    bool endingAfterRun = false; // it ended a run (shown as started until settled)
    QDateTime addedAt;
    QDateTime startedAt;
    QDateTime finishedAt;

    bool holdsSlot() const { return run != nullptr; }
};
