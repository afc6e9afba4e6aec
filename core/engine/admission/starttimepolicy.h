#pragma once

#include "engine/admission/admissionpolicy.h"

// "Not before 02:00." A job with a start time in the future Waits until then;
// the queue arms a timer for the earliest such time.
class StartTimePolicy : public AdmissionPolicy {
public:
    std::optional<Refusal> check(const JobRecord &job) const override;
};
