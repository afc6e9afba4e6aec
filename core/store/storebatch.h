#pragma once

#include "job/jobcheckpoint.h"
#include "job/jobsnapshot.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

// Everything that changed in the queue since the last batch, written by
// JobStore in one transaction. Built by QueuePersister on the queue's thread,
// then moved to the store thread. A plain value.
struct StoreBatch {
    quint64 sequence = 0;       // increases by one per batch
    QList<JobSnapshot> upserts; // whole rows, inserted or replaced
    QList<JobId> removed;       // rows and checkpoints deleted, log files set aside (for an undo)
    QList<JobId> reinstated;    // removals undone: their set-aside log files return
    std::optional<QList<JobId>> order;              // the whole queue order, when it changed
    QHash<JobId, QList<JobCheckpoint>> checkpoints; // appended
    QList<JobId> clearCheckpoints;      // a run started afresh or the job ended for good
    QHash<JobId, QStringList> logLines; // appended to the jobs' log files, in order
    QList<JobId> restartLogs;           // these jobs' log files start over (a retry)
    QSet<JobId> resumeOnStart;          // upserted jobs a clean stop interrupted
    // Upserted jobs written with their final state (JobSnapshot::settled()):
    // the queue shows it once this batch is committed.
    QList<JobId> endings;
    // Upserted jobs written Running whose work begins once this batch is committed.
    QList<JobId> starts;
    // Each job's whole list of leftovers (JobLeftover::encoded()), replacing the stored one.
    QHash<JobId, QStringList> leftovers;
    // The lowest id never given to a job (ids only grow); 0: unchanged.
    JobId nextId = 0;

    bool isEmpty() const {
        return upserts.isEmpty() && removed.isEmpty() && reinstated.isEmpty() && !order &&
               checkpoints.isEmpty() && clearCheckpoints.isEmpty() && logLines.isEmpty() &&
               restartLogs.isEmpty() && leftovers.isEmpty() && nextId == 0;
    }
};
