#pragma once

#include "job/jobtypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariantMap>

// What a person asked for: the kind of job, its parameters and how to schedule it.
// A plain value; copy freely between threads.
struct JobSpec {
    QString kind;       // a name registered in JobKindRegistry, e.g. "hash"
    QVariantMap params; // validated and normalized by the kind before queueing
    QString title;      // empty: the kind derives one from params
    JobPriority priority = JobPriority::Normal;
    QString group;       // empty: no group; else subject to that group's limit
    QList<JobId> after;  // start only after all of these succeeded
    QDateTime notBefore; // invalid: no start time
};
