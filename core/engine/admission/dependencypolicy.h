#pragma once

#include "engine/admission/admissionpolicy.h"
#include "job/jobtypes.h"

#include <functional>

// "Start after jobs X and Y succeeded." Only decides whether a job may start;
// the queue itself cancels dependents when a job they wait for fails or is canceled.
class DependencyPolicy : public AdmissionPolicy {
public:
    using Lookup = std::function<const JobRecord *(JobId)>;
    explicit DependencyPolicy(Lookup lookup)
        : m_lookup(std::move(lookup)) {}

    std::optional<Refusal> check(const JobRecord &job) const override;

private:
    Lookup m_lookup;
};
