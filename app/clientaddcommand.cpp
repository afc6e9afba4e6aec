#include "clientaddcommand.h"

#include "job/jobkind.h"
#include "job/jobtypes.h"
#include "kindcommandline.h"
#include "kinds/builtinkinds.h"
#include "runcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <memory>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("ClientAddCommand", text);
}
} // namespace

void ClientAddCommand::addOptions(QCommandLineParser &parser) {
    parser.addOption({QStringLiteral("each"),
                      tr("One job per line of FILE (-: standard input), all or none: {} is the "
                         "line, {.} without its extension, {/} its base name, {/.} both, {//} "
                         "its folder; with none of them the line is the last argument."),
                      tr("FILE")});
    parser.addOption(
        {QStringLiteral("title"), tr("The job's title (default: from its kind)."), tr("TITLE")});
    parser.addOption(
        {QStringLiteral("priority"), tr("high, normal (default) or low."), tr("PRIORITY")});
    parser.addOption(
        {QStringLiteral("after"), tr("Start only after job ID succeeded (repeatable)."), tr("ID")});
    parser.addOption({QStringLiteral("group"),
                      tr("Put the job in group NAME (subject to the group's limit)."), tr("NAME")});
    parser.addOption({QStringLiteral("not-before"),
                      tr("Start no earlier than TIME: ISO 8601 (2026-11-26T22:30, local "
                         "time unless a zone is given) or HH:MM (the next such time)."),
                      tr("TIME")});
}

QDateTime ClientAddCommand::parseStartTime(const QString &text, const QDateTime &now) {
    static const QRegularExpression clock(QStringLiteral("^(\\d{1,2}):(\\d{2})$"));
    if (const QRegularExpressionMatch match = clock.match(text.trimmed()); match.hasMatch()) {
        const QTime time(match.captured(1).toInt(), match.captured(2).toInt());
        if (!time.isValid())
            return {};
        QDateTime at(now.date(), time, now.timeSpec());
        if (at <= now)
            at = QDateTime(now.date().addDays(1), time, now.timeSpec());
        return at;
    }
    return QDateTime::fromString(text.trimmed(), Qt::ISODate);
}

Expected<QJsonObject> ClientAddCommand::spec(const QString &kind, const QCommandLineParser &parser,
                                             const QString &workingDir) {
    const KindCommandLine *commandLine = nullptr;
    for (const auto &candidate : RunCommand::kindCommandLines()) {
        if (candidate->kind() == kind)
            commandLine = candidate.get();
    }
    if (!commandLine)
        return Expected<QJsonObject>::failure(tr("unknown job kind '%1'").arg(kind));
    const Expected<QVariantMap> params = commandLine->params(parser, workingDir);
    if (!params)
        return Expected<QJsonObject>::failure(params.error());
    // The checks `taskdeck run` makes (the folder exists, the output is not an
    // input, ...), here in the shell's own context: a bad job is bad usage
    // (exit 2) with the same message, before anything is sent. The instance
    // checks again when it queues the job.
    // The registry owns the kind: it must outlive the call.
    const std::shared_ptr<const JobKindRegistry> kinds = BuiltinKinds::registry();
    if (const JobKind *jobKind = kinds->find(kind)) {
        if (const Expected<QVariantMap> valid = jobKind->validate(*params); !valid)
            return Expected<QJsonObject>::failure(valid.error());
    }

    QJsonObject spec{{QStringLiteral("kind"), kind},
                     {QStringLiteral("params"), QJsonObject::fromVariantMap(*params)}};
    if (parser.isSet(QStringLiteral("title")))
        spec.insert(QStringLiteral("title"), parser.value(QStringLiteral("title")));
    if (parser.isSet(QStringLiteral("priority"))) {
        const QString priority = parser.value(QStringLiteral("priority"));
        if (!jobPriorityFromName(priority))
            return Expected<QJsonObject>::failure(
                tr("--priority must be high, normal or low, not '%1'").arg(priority));
        spec.insert(QStringLiteral("priority"), priority);
    }
    if (parser.isSet(QStringLiteral("after"))) {
        QJsonArray after;
        for (const QString &word : parser.values(QStringLiteral("after"))) {
            bool ok = false;
            const qulonglong id = word.toULongLong(&ok);
            if (!ok || id == 0)
                return Expected<QJsonObject>::failure(
                    tr("--after needs a job id (a number above 0), not '%1'").arg(word));
            after.append(qint64(id));
        }
        spec.insert(QStringLiteral("after"), after);
    }
    if (parser.isSet(QStringLiteral("group")))
        spec.insert(QStringLiteral("group"), parser.value(QStringLiteral("group")));
    if (parser.isSet(QStringLiteral("not-before"))) {
        const QString text = parser.value(QStringLiteral("not-before"));
        const QDateTime at = parseStartTime(text, QDateTime::currentDateTime());
        if (!at.isValid())
            return Expected<QJsonObject>::failure(
                tr("--not-before: '%1' is not a time; use ISO 8601 (2026-11-26T22:30) or HH:MM")
                    .arg(text));
        spec.insert(QStringLiteral("not_before"), at.toUTC().toString(Qt::ISODate));
    }
    return spec;
}
