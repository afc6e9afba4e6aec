#pragma once

#include "job/jobkind.h"

// A bench job that reports progress in a tight loop (setDone on every pass,
// a new status text every few thousand passes) until it is canceled, calling
// JobContext::checkpoint() on every pass. With params "idle" true it lowers its
// worker thread to idle priority for the run, so the spinning loads the
// queue's sampling path without starving the GUI thread of CPU on a small
// machine. Stateless; any thread.
class BenchSpinnerJobKind : public JobKind {
public:
    QString name() const override { return QStringLiteral("bench-spinner"); }
    QString displayName() const override { return QStringLiteral("Bench spinner"); }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &params) const override;
    JobResult run(JobContext &context, const QVariantMap &params) const override;
};
