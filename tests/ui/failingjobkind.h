#pragma once

#include "job/jobkind.h"

// "fail": fails at once with params "message" (default: a read error a person
// could act on). Stateless; any thread.
class FailingJobKind : public JobKind {
public:
    static QString defaultMessage() {
        return QStringLiteral("cannot read /nowhere/data.bin: no such file");
    }

    QString name() const override { return QStringLiteral("fail"); }
    QString displayName() const override { return QStringLiteral("Failing job"); }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &) const override { return QStringLiteral("Doomed"); }
    JobResult run(JobContext &context, const QVariantMap &params) const override;
};
