#pragma once

#include "job/jobkind.h"

// "log": logs params "lines" lines at once ("line 1", "line 2", ...), then, with
// params "tickMs" > 0, one more line ("tick 1", ...) every tickMs milliseconds
// until canceled; without it, it succeeds after the first lines, with a summary
// and result details {"skipped": params "skipped" (QStringList), "bytes": 1536}.
// Its fields() describe the keys the details pane's tests give it (paths and a
// base folder, an output, an environment, a conflict policy) and "bytes".
// Stateless; any thread.
class LoggingJobKind : public JobKind {
public:
    QString name() const override { return QStringLiteral("log"); }
    QString displayName() const override { return QStringLiteral("Logging job"); }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &) const override { return QStringLiteral("Chatty"); }
    JobResult run(JobContext &context, const QVariantMap &params) const override;
    QList<JobField> fields() const override {
        using Type = JobField::Type;
        return {{QStringLiteral("paths"), "Paths", Type::Path},
                {QStringLiteral("base_dir"), "Base folder", Type::Path},
                {QStringLiteral("output"), "Output", Type::Path},
                {QStringLiteral("env"), "Environment"},
                {QStringLiteral("on_conflict"),
                 "When a file exists",
                 Type::Choice,
                 {{QStringLiteral("skip"), "Keep it, skip the copy"}}},
                {QStringLiteral("bytes"), "Size", Type::Bytes}};
    }
};
