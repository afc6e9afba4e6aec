#pragma once

#include "job/jobkind.h"

// A bench job that reports one item done and succeeds at once. Stateless; any thread.
class BenchInstantJobKind : public JobKind {
public:
    QString name() const override { return QStringLiteral("bench-instant"); }
    QString displayName() const override { return QStringLiteral("Bench instant job"); }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &) const override { return QStringLiteral("Instant"); }
    JobResult run(JobContext &context, const QVariantMap &params) const override;
};
