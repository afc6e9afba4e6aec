#include "kinds/command/commandjobkind.h"

#include <QtGlobal>

#include "kinds/command/commandjobparams.h"
#include "kinds/command/commandrunner.h"

QString CommandJobKind::name() const {
    return CommandJobParams::kindName();
}

QString CommandJobKind::displayName() const {
    return QStringLiteral("Run a command");
}

QList<JobField> CommandJobKind::fields() const {
    using Type = JobField::Type;
    // The parameters, then what result.details holds.
    return CommandJobParams::fields() +
           QList<JobField>{
               {QStringLiteral("exit_code"), QT_TRANSLATE_NOOP("JobField", "Exit code"),
                Type::Identifier},
               {QStringLiteral("signal"), QT_TRANSLATE_NOOP("JobField", "Signal"),
                Type::Identifier},
               {QStringLiteral("pid"), QT_TRANSLATE_NOOP("JobField", "Process ID"),
                Type::Identifier},
               {QStringLiteral("lines"), QT_TRANSLATE_NOOP("JobField", "Lines of output"),
                Type::Count},
               {QStringLiteral("log_truncated"), QT_TRANSLATE_NOOP("JobField", "Log cut short"),
                Type::Flag},
               {QStringLiteral("stderr_tail"),
                QT_TRANSLATE_NOOP("JobField", "Last lines of stderr"), Type::Text},
           };
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
