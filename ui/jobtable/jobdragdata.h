#pragma once

#include "job/jobtypes.h"

#include <QList>

class JobQueue;
class QMimeData;

// The payload of a drag of job rows (MIME type JobTableModel::jobIdsMimeType()):
// the ids in queue order, tagged with the process and queue they came from so a
// drop from another Taskdeck window or process is refused rather than moving
// unrelated jobs that happen to share ids. And the move a drop makes.
// Plain functions; GUI thread (the queue's).
class JobDragData {
public:
    // A new QMimeData (the caller owns it) carrying ids of `queue`.
    static QMimeData *encode(const JobQueue &queue, const QList<JobId> &ids);
    // The ids, when data came from `queue` in this process; else empty.
    static QList<JobId> decode(const JobQueue &queue, const QMimeData *data);

    // Moves `ids` to stand together, in their current queue order, just before
    // `before` (0: at the end of the queue). When `before` is one of them, the
    // block lands before the first job after it that is not. Jobs the queue no
    // longer has are skipped. Returns whether the queue order changed; the queue
    // emits orderChanged once for the block (JobQueue::moveBlock).
    static bool moveBlock(JobQueue &queue, const QList<JobId> &ids, JobId before);
};
