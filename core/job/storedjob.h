#pragma once

#include "job/jobcheckpoint.h"
#include "job/jobsnapshot.h"

// A job as the store keeps it and gives it back at start-up: its last known
// snapshot (state, progress, result, timings; spec with id, title, priority,
// group, dependencies and start time; position), what it had finished (for
// resumable kinds) and whether a clean stop interrupted it (then it resumes
// like a job that was running when the application died). A plain value.
struct StoredJob {
    JobSnapshot job;
    JobResumeState finished;
    bool resumeOnStart = false;
    QStringList leftovers; // JobLeftover::encoded(): what its last run left behind
};

// What becomes of jobs that were running (or paused after starting) when the
// application stopped. A setting; ResumeSafeKinds by default.
enum class RecoveryPolicy {
    ResumeSafeKinds, // kinds with the Resumable capability are re-queued and skip
                     // what they had finished; others (commands) stay Interrupted
    ResumeNothing,   // every such job stays Interrupted until the user retries it
};
