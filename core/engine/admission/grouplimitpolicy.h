#pragma once

#include "engine/admission/admissionpolicy.h"

#include <QHash>
#include <QString>

// Named groups with their own limit on running jobs, e.g. "usb-disk" = 1 so two
// copies never fight over one disk. A job without a group, or in a group
// without a limit, is not restricted here.
class GroupLimitPolicy : public AdmissionPolicy {
public:
    int limit(const QString &group) const { return m_limits.value(group, 0); }
    void setLimit(const QString &group, int limit); // 0 or less: no limit

    std::optional<Refusal> check(const JobRecord &job) const override;
    void started(const JobRecord &job) override;
    void released(const JobRecord &job) override;

private:
    QHash<QString, int> m_limits;
    QHash<QString, int> m_running;
};
