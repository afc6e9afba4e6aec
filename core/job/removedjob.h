#pragma once

#include "job/jobsnapshot.h"

#include <QStringList>

// A job as it was when it was removed, kept so that an undo can bring it back
// (JobQueue::reinstate): its last snapshot (id, state, result, timings,
// position) and the newest lines of its log tail. A plain value.
struct RemovedJob {
    JobSnapshot job;
    QStringList logTail;
};
