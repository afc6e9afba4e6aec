#include "engine/admission/dependencypolicy.h"

#include "engine/jobrecord.h"

#include <QCoreApplication>

std::optional<Refusal> DependencyPolicy::check(const JobRecord &job) const {
    for (JobId dependency : job.spec.after) {
        const JobRecord *other = m_lookup(dependency);
        // A dependency that no longer exists was removed after it succeeded
        // (the queue cancels dependents of one removed unfinished).
        if (!other || other->state == JobState::Succeeded)
            continue;
        return Refusal{QCoreApplication::translate("JobQueue", "after job %1 (%2)")
                           .arg(dependency)
                           .arg(other->spec.title),
                       false};
    }
    return std::nullopt;
}
