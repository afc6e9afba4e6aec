#include "clientprinter.h"

#include "job/humanformat.h"

#include <QJsonDocument>
#include <QStringList>

namespace {
// How long a wait reason or error may grow in the table before it is cut.
constexpr int noteLength = 60;

QString str(const QJsonObject &job, const char *key) {
    return job.value(QLatin1String(key)).toString();
}

qint64 integer(const QJsonObject &job, const char *key) {
    return qint64(job.value(QLatin1String(key)).toDouble());
}

ProgressUnit unitOf(const QJsonObject &job) {
    const QString unit = str(job, "unit");
    if (unit == QLatin1String("bytes"))
        return ProgressUnit::Bytes;
    if (unit == QLatin1String("files"))
        return ProgressUnit::Files;
    if (unit == QLatin1String("percent"))
        return ProgressUnit::Percent;
    if (unit == QLatin1String("media-ms"))
        return ProgressUnit::MediaTime;
    return ProgressUnit::Items;
}

// "42% (12 / 340 files)", or only "42%" when there is no count (a percentage).
QString withCount(const QString &progress, const QString &count) {
    return count.isEmpty() ? progress : QStringLiteral("%1 (%2)").arg(progress, count);
}

QString orDash(const QString &text) {
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QString compactJson(const QJsonValue &value) {
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isString())
        return value.toString();
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("-");
    return value.toVariant().toString();
}
} // namespace

QString ClientPrinter::shorten(const QString &text, int maxLength) {
    QString flat = text.simplified(); // one line, whatever the message held
    if (flat.size() <= maxLength)
        return flat;
    return flat.left(maxLength - 3) + QStringLiteral("...");
}

QString ClientPrinter::progress(const QJsonObject &job) {
    if (str(job, "state") == QLatin1String("succeeded"))
        return QStringLiteral("100%");
    if (integer(job, "total") < 0)
        return QStringLiteral("-");
    return HumanFormat::percent(job.value(QLatin1String("progress")).toDouble());
}

QString ClientPrinter::header() {
    return QStringLiteral("%1  %2  %3  %4  %5\n")
        .arg(QStringLiteral("ID"), 6)
        .arg(QStringLiteral("STATE"), -11)
        .arg(QStringLiteral("DONE"), 5)
        .arg(QStringLiteral("PRIO"), -6)
        .arg(QStringLiteral("TITLE"));
}

QString ClientPrinter::rows(const QJsonArray &jobs) {
    QString text;
    for (const QJsonValue &value : jobs) {
        const QJsonObject job = value.toObject();
        QString title = str(job, "title");
        const QString note =
            !str(job, "error").isEmpty() ? str(job, "error") : str(job, "wait_reason");
        if (!note.isEmpty())
            title += QStringLiteral(" (") + shorten(note, noteLength) + QLatin1Char(')');
        text += QStringLiteral("%1  %2  %3  %4  %5\n")
                    .arg(integer(job, "id"), 6)
                    .arg(str(job, "state"), -11)
                    .arg(progress(job), 5)
                    .arg(str(job, "priority"), -6)
                    .arg(title);
    }
    return text;
}

QString ClientPrinter::details(const QJsonObject &job) {
    const ProgressUnit unit = unitOf(job);
    QStringList after;
    for (const QJsonValue &id : job.value(QLatin1String("after")).toArray())
        after.append(QString::number(qint64(id.toDouble())));
    const qint64 eta = integer(job, "eta");
    QList<std::pair<QString, QString>> rows{
        {QStringLiteral("id"), QString::number(integer(job, "id"))},
        {QStringLiteral("kind"), str(job, "kind")},
        {QStringLiteral("title"), str(job, "title")},
        {QStringLiteral("state"), str(job, "state")},
        {QStringLiteral("position"), QString::number(integer(job, "position"))},
        {QStringLiteral("priority"), str(job, "priority")},
        {QStringLiteral("progress"),
         withCount(progress(job),
                   HumanFormat::doneOfTotal(integer(job, "done"), integer(job, "total"), unit))},
        {QStringLiteral("status"), orDash(str(job, "status"))},
        {QStringLiteral("speed"),
         str(job, "state") == QLatin1String("running")
             ? orDash(HumanFormat::speed(job.value(QLatin1String("speed")).toDouble(), unit))
             : QStringLiteral("-")},
        {QStringLiteral("eta"), eta < 0 ? QStringLiteral("-") : HumanFormat::duration(eta)},
        {QStringLiteral("waiting"), orDash(str(job, "wait_reason"))},
        {QStringLiteral("error"), orDash(str(job, "error"))},
        {QStringLiteral("summary"), orDash(str(job, "summary"))},
        {QStringLiteral("group"), orDash(str(job, "group"))},
        {QStringLiteral("after"), orDash(after.join(QStringLiteral(", ")))},
        {QStringLiteral("not before"), orDash(str(job, "not_before"))},
        {QStringLiteral("added"), orDash(str(job, "added_at"))},
        {QStringLiteral("started"), orDash(str(job, "started_at"))},
        {QStringLiteral("finished"), orDash(str(job, "finished_at"))},
    };
    const QJsonObject params = job.value(QLatin1String("params")).toObject();
    for (auto it = params.begin(); it != params.end(); ++it)
        rows.append({QStringLiteral("param ") + it.key(), compactJson(it.value())});
    const QJsonObject details = job.value(QLatin1String("details")).toObject();
    for (auto it = details.begin(); it != details.end(); ++it)
        rows.append({QStringLiteral("detail ") + it.key(), compactJson(it.value())});

    int width = 0;
    for (const auto &row : rows)
        width = std::max(width, int(row.first.size()));
    QString text;
    for (const auto &row : rows)
        text += (row.first + QLatin1Char(':')).leftJustified(width + 2) + row.second +
                QLatin1Char('\n');
    return text;
}

QString ClientPrinter::finalLine(const QJsonObject &job) {
    QString line = QStringLiteral("%1 %2  %3")
                       .arg(integer(job, "id"))
                       .arg(str(job, "state"), str(job, "title"));
    if (!str(job, "error").isEmpty())
        line += QStringLiteral(": ") + shorten(str(job, "error"), 200);
    return line;
}
