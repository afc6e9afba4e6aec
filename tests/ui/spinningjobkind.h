#pragma once

#include "job/jobkind.h"

// A job that runs until canceled, reporting byte progress towards params "total"
// (default 100 MB; it stops just short of it and keeps going). Its name and
// capabilities are chosen by the test, e.g. a spinner that cannot pause.
// Stateless; any thread.
class SpinningJobKind : public JobKind {
public:
    explicit SpinningJobKind(QString name = QStringLiteral("spin"),
                             int capabilities = Cancelable | Pausable)
        : m_name(std::move(name))
        , m_capabilities(capabilities) {}
    QString name() const override { return m_name; }
    QString displayName() const override { return QStringLiteral("Spinning job"); }
    int capabilities() const override { return m_capabilities; }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &params) const override;
    JobResult run(JobContext &context, const QVariantMap &params) const override;

private:
    QString m_name;
    int m_capabilities;
};
