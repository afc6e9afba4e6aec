#include "store/jobrowcodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace {
// The columns in the order of upsertSql()'s placeholders and selectSql()'s results.
constexpr const char *columns =
    "id, position, kind, title, params, priority, grp, after, not_before, capabilities, state, "
    "wait_reason, started, done, total, unit, status, error, summary, details, added_at, "
    "started_at, finished_at, resume_on_start";
constexpr int columnCount = 24;

// A null QString binds as SQL NULL; the text columns hold '' instead.
QString text(const QString &value) {
    return value.isNull() ? QStringLiteral("") : value;
}

QString mapToJson(const QVariantMap &map) {
    return QString::fromUtf8(QJsonDocument::fromVariant(map).toJson(QJsonDocument::Compact));
}

QVariantMap mapFromJson(const QString &text) {
    return QJsonDocument::fromJson(text.toUtf8()).object().toVariantMap();
}

QString idsToJson(const QList<JobId> &ids) {
    QJsonArray array;
    for (JobId id : ids)
        array.append(qint64(id));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<JobId> idsFromJson(const QString &text) {
    QList<JobId> ids;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &value : array)
        ids.append(JobId(value.toInteger()));
    return ids;
}

QDateTime timeFrom(const QVariant &value) {
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

ProgressUnit unitFromName(const QString &name) {
    for (ProgressUnit unit : {ProgressUnit::Items, ProgressUnit::Bytes, ProgressUnit::Files,
                              ProgressUnit::Percent, ProgressUnit::MediaTime}) {
        if (progressUnitName(unit) == name)
            return unit;
    }
    return ProgressUnit::Items;
}
} // namespace

QVariant JobRowCodec::timeValue(const QDateTime &time) {
    if (!time.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString JobRowCodec::upsertSql() {
    QStringList marks;
    for (int i = 0; i < columnCount; ++i)
        marks.append(QStringLiteral("?"));
    return QStringLiteral("INSERT OR REPLACE INTO jobs (%1) VALUES (%2)")
        .arg(QLatin1String(columns), marks.join(QLatin1Char(',')));
}

void JobRowCodec::bind(QSqlQuery &query, const JobSnapshot &job, bool resumeOnStart) {
    query.addBindValue(qint64(job.id));
    query.addBindValue(job.position);
    query.addBindValue(text(job.spec.kind));
    query.addBindValue(text(job.spec.title));
    query.addBindValue(mapToJson(job.spec.params));
    query.addBindValue(jobPriorityName(job.spec.priority));
    query.addBindValue(text(job.spec.group));
    query.addBindValue(idsToJson(job.spec.after));
    query.addBindValue(timeValue(job.spec.notBefore));
    query.addBindValue(job.capabilities);
    query.addBindValue(jobStateName(job.state));
    query.addBindValue(text(job.waitReason));
    query.addBindValue(job.started ? 1 : 0);
    query.addBindValue(job.done);
    query.addBindValue(job.total);
    query.addBindValue(progressUnitName(job.unit));
    query.addBindValue(text(job.status));
    query.addBindValue(text(job.result.error));
    query.addBindValue(text(job.result.summary));
    query.addBindValue(mapToJson(job.result.details));
    query.addBindValue(timeValue(job.addedAt));
    query.addBindValue(timeValue(job.startedAt));
    query.addBindValue(timeValue(job.finishedAt));
    query.addBindValue(resumeOnStart ? 1 : 0);
}

QString JobRowCodec::selectSql() {
    return QStringLiteral("SELECT %1 FROM jobs ORDER BY position, id").arg(QLatin1String(columns));
}

StoredJob JobRowCodec::read(const QSqlQuery &query) {
    StoredJob stored;
    JobSnapshot &job = stored.job;
    int column = 0;
    const auto next = [&] { return query.value(column++); };
    job.id = JobId(next().toLongLong());
    job.position = next().toInt();
    job.spec.kind = next().toString();
    job.spec.title = next().toString();
    job.spec.params = mapFromJson(next().toString());
    job.spec.priority = jobPriorityFromName(next().toString()).value_or(JobPriority::Normal);
    job.spec.group = next().toString();
    job.spec.after = idsFromJson(next().toString());
    job.spec.notBefore = timeFrom(next());
    job.capabilities = next().toInt();
    const QString stateName = next().toString();
    job.waitReason = next().toString();
    job.started = next().toBool();
    job.done = next().toLongLong();
    job.total = next().toLongLong();
    job.unit = unitFromName(next().toString());
    job.status = next().toString();
    job.result.error = next().toString();
    job.result.summary = next().toString();
    job.result.details = mapFromJson(next().toString());
    job.addedAt = timeFrom(next());
    job.startedAt = timeFrom(next());
    job.finishedAt = timeFrom(next());
    stored.resumeOnStart = next().toBool();

    if (const auto state = jobStateFromName(stateName)) {
        job.state = *state;
    } else {
        job.state = JobState::Failed;
        job.started = false;
        job.result.error = QStringLiteral("the saved queue gave this job a state this version of "
                                          "Taskdeck does not know (\"%1\")")
                               .arg(stateName);
        stored.resumeOnStart = false;
    }
    return stored;
}
