#include "instance/jobjson.h"

#include <QJsonDocument>
#include <QSet>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace {
// JSON numbers are doubles: integers above 2^53 cannot be told apart.
constexpr double maxExactInteger = 9007199254740992.0;

QString field(const char *name) {
    return QLatin1String(name);
}
} // namespace

namespace {
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void writeString(Writer &w, const QString &text) {
    const QByteArray utf8 = text.toUtf8();
    w.String(utf8.constData(), rapidjson::SizeType(utf8.size()), true);
}

void writeKey(Writer &w, const char *key) {
    w.Key(key);
}

// A double as QJsonValue would carry it: a number, or null when not finite.
void writeNumber(Writer &w, double number) {
    if (std::isfinite(number))
        w.Double(number);
    else
        w.Null();
}

void writeTime(Writer &w, const QDateTime &time) {
    if (time.isValid())
        writeString(w, time.toUTC().toString(Qt::ISODateWithMs));
    else
        w.Null();
}

// A parameter or result value as QJsonValue::fromVariant would give it.
void writeVariant(Writer &w, const QVariant &value) {
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        w.Null();
        return;
    case QMetaType::Bool:
        w.Bool(value.toBool());
        return;
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::Char:
        w.Int64(value.toLongLong());
        return;
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::UShort:
    case QMetaType::UChar:
        w.Uint64(value.toULongLong());
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        writeNumber(w, value.toDouble());
        return;
    case QMetaType::QStringList:
    case QMetaType::QVariantList:
        w.StartArray();
        for (const QVariant &element : value.toList())
            writeVariant(w, element);
        w.EndArray();
        return;
    case QMetaType::QVariantMap:
    case QMetaType::QVariantHash: {
        w.StartObject();
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            const QByteArray key = it.key().toUtf8();
            w.Key(key.constData(), rapidjson::SizeType(key.size()), true);
            writeVariant(w, it.value());
        }
        w.EndObject();
        return;
    }
    default:
        writeString(w, value.toString());
    }
}
} // namespace

QByteArray JobJson::encode(const JobSnapshot &job, Detail detail) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    const double fraction = job.fraction();
    w.StartObject();
    writeKey(w, "id");
    w.Int64(job.id);
    writeKey(w, "kind");
    writeString(w, job.spec.kind);
    writeKey(w, "title");
    writeString(w, job.spec.title);
    writeKey(w, "state");
    writeString(w, jobStateName(job.state));
    writeKey(w, "position");
    w.Int(job.position);
    writeKey(w, "priority");
    writeString(w, jobPriorityName(job.spec.priority));
    writeKey(w, "progress");
    writeNumber(w, fraction < 0 ? 0.0 : fraction);
    writeKey(w, "done");
    w.Int64(job.done);
    writeKey(w, "total");
    w.Int64(job.total);
    writeKey(w, "unit");
    writeString(w, progressUnitName(job.unit));
    writeKey(w, "status");
    writeString(w, job.status);
    writeKey(w, "speed");
    writeNumber(w, job.speed);
    writeKey(w, "eta");
    w.Int64(job.etaSeconds);
    writeKey(w, "wait_reason");
    writeString(w, job.waitReason);
    writeKey(w, "error");
    writeString(w, job.result.error);
    writeKey(w, "summary");
    writeString(w, job.result.summary);
    writeKey(w, "group");
    writeString(w, job.spec.group);
    writeKey(w, "after");
    w.StartArray();
    for (JobId id : job.spec.after)
        w.Int64(id);
    w.EndArray();
    writeKey(w, "not_before");
    writeTime(w, job.spec.notBefore);
    writeKey(w, "params");
    writeVariant(w, job.spec.params);
    writeKey(w, "added_at");
    writeTime(w, job.addedAt);
    writeKey(w, "started_at");
    writeTime(w, job.startedAt);
    writeKey(w, "finished_at");
    writeTime(w, job.finishedAt);
    if (detail == WithDetails) {
        writeKey(w, "details");
        writeVariant(w, job.result.details);
    }
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

QJsonObject JobJson::toJson(const JobSnapshot &job, Detail detail) {
    return QJsonDocument::fromJson(encode(job, detail)).object();
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
