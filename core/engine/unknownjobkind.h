#pragma once

#include "job/jobkind.h"

// Stands in for a kind the store names but this build does not have (a
// database written by a newer Taskdeck): the job is kept and shown, and fails
// with a message if run. Stateless.
class UnknownJobKind : public JobKind {
public:
    explicit UnknownJobKind(QString name)
        : m_name(std::move(name)) {}

    QString name() const override { return m_name; }
    QString displayName() const override { return m_name; }
    int capabilities() const override { return Cancelable; }
    Expected<QVariantMap> validate(const QVariantMap &params) const override;
    QString defaultTitle(const QVariantMap &params) const override;
    JobResult run(JobContext &context, const QVariantMap &params) const override;

    QString error() const;

private:
    QString m_name;
};
