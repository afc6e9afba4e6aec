#include "kinds/command/commandjobkind.h"

#include "kinds/command/commandjobparams.h"
#include "kinds/command/commandrunner.h"

QString CommandJobKind::name() const {
    return QStringLiteral("command");
}

QString CommandJobKind::displayName() const {
    return QStringLiteral("Run a command");
}

QString CommandJobKind::title(const CommandJobParams &params) const {
    const QString line = params.commandLine();
    if (line.size() <= maxTitleLength)
        return line;
    return line.left(maxTitleLength - 1).trimmed() + QChar(0x2026); // "…"
}

JobResult CommandJobKind::runWith(JobContext &context, const CommandJobParams &params) const {
    CommandRunner runner(context, params);
    return runner.run();
}
