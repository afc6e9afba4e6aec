#pragma once

#include "job/jobkind.h"

// "log": logs params "lines" lines at once ("line 1", "line 2", ...), then, with
// params "tickMs" > 0, one more line ("tick 1", ...) every tickMs milliseconds
// until canceled; without it, it succeeds after the first lines, with a summary
// and result details {"skipped": params "skipped" (QStringList), "bytes": 1536}.
// Stateless; any thread.
class LoggingJobKind : public JobKind {
public:
    QString name() const override { return QStringLiteral("log"); }
    QString displayName() const override { return QStringLiteral("Logging job"); }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &) const override { return QStringLiteral("Chatty"); }
    JobResult run(JobContext &context, const QVariantMap &params) const override;
};
