#include "instance/jobjson.h"

#include <QSet>

#include <cmath>

namespace {
// JSON numbers are doubles: integers above 2^53 cannot be told apart.
constexpr double maxExactInteger = 9007199254740992.0;

QJsonValue timeToJson(const QDateTime &time) {
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString field(const char *name) {
    return QLatin1String(name);
}
} // namespace

QJsonObject JobJson::toJson(const JobSnapshot &job, Detail detail) {
    const double fraction = job.fraction();
    QJsonObject object{
        {field("id"), qint64(job.id)},
        {field("kind"), job.spec.kind},
        {field("title"), job.spec.title},
        {field("state"), jobStateName(job.state)},
        {field("position"), job.position},
        {field("priority"), jobPriorityName(job.spec.priority)},
        {field("progress"), fraction < 0 ? 0.0 : fraction},
        {field("done"), job.done},
        {field("total"), job.total},
        {field("unit"), progressUnitName(job.unit)},
        {field("status"), job.status},
        {field("speed"), job.speed},
        {field("eta"), job.etaSeconds},
        {field("wait_reason"), job.waitReason},
        {field("error"), job.result.error},
        {field("summary"), job.result.summary},
        {field("group"), job.spec.group},
        {field("after"), toJson(job.spec.after)},
        {field("not_before"), timeToJson(job.spec.notBefore)},
        {field("params"), QJsonObject::fromVariantMap(job.spec.params)},
        {field("added_at"), timeToJson(job.addedAt)},
        {field("started_at"), timeToJson(job.startedAt)},
        {field("finished_at"), timeToJson(job.finishedAt)},
    };
    if (detail == WithDetails)
        object.insert(field("details"), QJsonObject::fromVariantMap(job.result.details));
    return object;
}

QJsonObject JobJson::specToJson(const JobSpec &spec) {
    QJsonObject object{{field("kind"), spec.kind},
                       {field("params"), QJsonObject::fromVariantMap(spec.params)}};
    if (!spec.title.isEmpty())
        object.insert(field("title"), spec.title);
    if (spec.priority != JobPriority::Normal)
        object.insert(field("priority"), jobPriorityName(spec.priority));
    if (!spec.after.isEmpty())
        object.insert(field("after"), toJson(spec.after));
    if (!spec.group.isEmpty())
        object.insert(field("group"), spec.group);
    if (spec.notBefore.isValid())
        object.insert(field("not_before"), spec.notBefore.toString(Qt::ISODateWithMs));
    return object;
}

Expected<JobSpec> JobJson::specFromJson(const QJsonObject &object) {
    using Result = Expected<JobSpec>;
    static const QSet<QString> known{field("kind"),      field("params"), field("title"),
                                     field("priority"),  field("after"),  field("group"),
                                     field("not_before")};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return Result::failure(
                QStringLiteral("unknown field '%1' in the job spec").arg(it.key().left(64)));
    }
    // An explicit null is the same as leaving an optional field out.
    auto present = [&](const char *name) {
        return !object.value(field(name)).isNull() && !object.value(field(name)).isUndefined();
    };

    JobSpec spec;
    const QJsonValue kind = object.value(field("kind"));
    if (!kind.isString() || kind.toString().isEmpty())
        return Result::failure(QStringLiteral("'kind' must be the name of a job kind"));
    spec.kind = kind.toString();

    if (present("params")) {
        if (!object.value(field("params")).isObject())
            return Result::failure(QStringLiteral("'params' must be an object"));
        spec.params = object.value(field("params")).toObject().toVariantMap();
    }
    if (present("title")) {
        if (!object.value(field("title")).isString())
            return Result::failure(QStringLiteral("'title' must be a string"));
        spec.title = object.value(field("title")).toString();
    }
    if (present("priority")) {
        const QJsonValue value = object.value(field("priority"));
        const auto priority = jobPriorityFromName(value.toString());
        if (!value.isString() || !priority)
            return Result::failure(QStringLiteral("unknown priority '%1': use low, normal or high")
                                       .arg(value.isString() ? value.toString().left(64)
                                                             : QStringLiteral("(not a string)")));
        spec.priority = *priority;
    }
    if (present("after")) {
        const auto after = jobIds(object.value(field("after")));
        if (!after)
            return Result::failure(QStringLiteral("'after' must be an array of job ids"));
        spec.after = *after;
    }
    if (present("group")) {
        if (!object.value(field("group")).isString())
            return Result::failure(QStringLiteral("'group' must be a string"));
        spec.group = object.value(field("group")).toString();
    }
    if (present("not_before")) {
        const QJsonValue value = object.value(field("not_before"));
        const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!value.isString() || !time.isValid())
            return Result::failure(
                QStringLiteral("'not_before' must be a date and time in ISO 8601, such as "
                               "2025-01-31T22:00:00, not '%1'")
                    .arg(value.isString() ? value.toString().left(64)
                                          : QStringLiteral("(not a string)")));
        spec.notBefore = time;
    }
    return spec;
}

std::optional<JobId> JobJson::jobId(const QJsonValue &value) {
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!(number >= 1 && number <= maxExactInteger) || std::floor(number) != number)
        return std::nullopt;
    return JobId(number);
}

std::optional<QList<JobId>> JobJson::jobIds(const QJsonValue &value) {
    if (!value.isArray())
        return std::nullopt;
    QList<JobId> ids;
    QSet<JobId> seen;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &element : array) {
        const auto id = jobId(element);
        if (!id)
            return std::nullopt;
        // A list naming one job 340,000 times costs what naming it once does.
        if (!seen.contains(*id)) {
            seen.insert(*id);
            ids.append(*id);
        }
    }
    return ids;
}

QJsonArray JobJson::toJson(const QList<JobId> &ids) {
    QJsonArray array;
    for (JobId id : ids)
        array.append(qint64(id));
    return array;
}
