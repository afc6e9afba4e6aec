#pragma once

#include "job/jobresult.h"
#include "job/jobspec.h"

#include <QDateTime>

#include <optional>

// A copy of everything known about one job at one moment, for observers
// (the window, the CLI). Built on demand by JobQueue::job(); a plain value.
struct JobSnapshot {
    JobId id = 0;
    JobSpec spec;         // spec.title is always filled in
    int capabilities = 0; // JobCapability flags of the job's kind
    JobState state = JobState::Queued;
    // Why a Waiting or Queued job has not started, e.g. "after job 3 (Hash
    // photos)", "waiting for a free slot (2 of 2 running)"; empty otherwise.
    QString waitReason;
    int position = 0;     // 0-based place in the queue order
    bool started = false; // a Paused job that has started holds its slot

    qint64 done = 0;
    qint64 total = -1; // -1: not known yet
    ProgressUnit unit = ProgressUnit::Items;
    QString status;         // the job's current status text
    double speed = 0;       // units per second, smoothed; 0 when not running
    qint64 etaSeconds = -1; // -1: unknown

    JobResult result; // result.error set for Failed/Canceled/Interrupted jobs
    QDateTime addedAt;
    QDateTime startedAt; // of the latest run
    QDateTime finishedAt;

    // Set while the job's end waits to be made durable (DurabilityGate): the
    // state, result and time it shows once that is done. Until then the
    // fields above still show the job as it was.
    struct Ending {
        JobState state = JobState::Succeeded;
        JobResult result;
        QDateTime finishedAt;
    };
    std::optional<Ending> ending;

    // 0..1, or -1 when the total is unknown.
    double fraction() const;
    // A run of it is under way: Running, or Paused after it started (its run
    // holds a slot). Removing or canceling it stops that run.
    bool hasRunUnderWay() const {
        return state == JobState::Running || (state == JobState::Paused && started);
    }
    // This job as it will be once its ending is durable (itself when there is
    // none): what the store writes.
    JobSnapshot settled() const;
};
