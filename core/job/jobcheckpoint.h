#pragma once

#include <QHash>
#include <QList>
#include <QString>

// One piece of a resumable job's work that is finished and durable (a file
// hashed, copied and verified, converted): the item (the kind's own key, e.g. a
// source path relative to the job's root) and what the kind needs to skip it
// next time (e.g. the file's digest; may be empty). Recorded by the job through
// JobContext::recordFinished, carried to the store by JobQueue::jobCheckpointed,
// and handed back to the job's next run after a restart. A plain value.
struct JobCheckpoint {
    QString item;
    QString value;
};

// Everything earlier runs of a job recorded as finished: item -> value.
using JobResumeState = QHash<QString, QString>;
