#pragma once

#include "base/expected.h"
#include "job/jobsnapshot.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

// The JSON forms of jobs in the instance protocol (InstanceProtocol) and the
// client's --json output: the job object built from a snapshot, and the "spec"
// object of an "add" request.
//
// Thread: any; pure functions.
class JobJson {
public:
    enum Detail { WithoutDetails, WithDetails };

    // {"id", "kind", "title", "state", "position", "priority", "progress" (0..1,
    // 0 when the total is unknown), "done", "total" (-1 unknown), "unit", "status",
    // "speed", "eta" (-1 unknown), "wait_reason", "error", "summary", "group",
    // "after", "not_before", "params", "added_at", "started_at", "finished_at"}
    // (times ISO 8601 in UTC, null when unset), plus "details" WithDetails.
    static QJsonObject toJson(const JobSnapshot &job, Detail detail = WithoutDetails);
    // The same object as compact UTF-8 JSON, written directly: what a stream
    // of many jobs ("list") sends, several times faster than building it.
    static QByteArray encode(const JobSnapshot &job, Detail detail = WithoutDetails);

    // {"kind", "params", "title"?, "priority"?, "after"?, "group"?, "not_before"?}
    // as the client sends it; optional fields are left out when unset.
    static QJsonObject specToJson(const JobSpec &spec);
    // Reads a "spec" object. Refuses, naming the field, a missing kind, params
    // that are not an object, an unknown priority, an "after" that is not a list
    // of job ids, a not_before that is not ISO 8601, or an unknown field. The
    // kind's own parameters are not checked here (JobQueue::add asks the kind).
    static Expected<JobSpec> specFromJson(const QJsonObject &spec);

    // A positive integer JSON number that is exactly a job id, else nullopt.
    static std::optional<JobId> jobId(const QJsonValue &value);
    // Every element a job id (see jobId), else nullopt; each id once, in the
    // order it first appears.
    static std::optional<QList<JobId>> jobIds(const QJsonValue &value);
    static QJsonArray toJson(const QList<JobId> &ids);
};
