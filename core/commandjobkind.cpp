#include "commandjobkind.h"

#include "commandjobparams.h"
#include "commandrunner.h"

QString CommandJobKind::name() const {
    return QStringLiteral("command");
}

QString CommandJobKind::displayName() const {
    return QStringLiteral("Run a command");
}

Expected<QVariantMap> CommandJobKind::validate(const QVariantMap &params) const {
    const Expected<CommandJobParams> parsed = CommandJobParams::fromMap(params);
    if (!parsed)
        return Expected<QVariantMap>::failure(parsed.error());
    if (const Status status = parsed->check(); !status)
        return Expected<QVariantMap>::failure(status.error());
    return parsed->toMap();
}

QString CommandJobKind::defaultTitle(const QVariantMap &params) const {
    const Expected<CommandJobParams> parsed = CommandJobParams::fromMap(params);
    if (!parsed)
        return displayName();
    const QString line = parsed->commandLine();
    if (line.size() <= maxTitleLength)
        return line;
    return line.left(maxTitleLength - 1).trimmed() + QChar(0x2026); // "…"
}

JobResult CommandJobKind::run(JobContext &context, const QVariantMap &params) const {
    const Expected<CommandJobParams> parsed = CommandJobParams::fromMap(params);
    if (!parsed)
        return JobResult::failure(parsed.error());
    CommandRunner runner(context, *parsed);
    return runner.run();
}
