#include "engine/admission/grouplimitpolicy.h"

#include "engine/jobrecord.h"

#include <QCoreApplication>

void GroupLimitPolicy::setLimit(const QString &group, int limit) {
    if (limit > 0)
        m_limits.insert(group, limit);
    else
        m_limits.remove(group);
}

std::optional<Refusal> GroupLimitPolicy::check(const JobRecord &job) const {
    const QString &group = job.spec.group;
    if (group.isEmpty())
        return std::nullopt;
    const int groupLimit = limit(group);
    if (groupLimit <= 0 || m_running.value(group, 0) < groupLimit)
        return std::nullopt;
    return Refusal{QCoreApplication::translate("JobQueue",
                                               "group '%1' already runs %n job(s), its limit",
                                               nullptr, groupLimit)
                       .arg(group),
                   false};
}

void GroupLimitPolicy::started(const JobRecord &job) {
    if (!job.spec.group.isEmpty())
        ++m_running[job.spec.group];
}

void GroupLimitPolicy::released(const JobRecord &job) {
    if (!job.spec.group.isEmpty() && --m_running[job.spec.group] <= 0)
        m_running.remove(job.spec.group);
}
