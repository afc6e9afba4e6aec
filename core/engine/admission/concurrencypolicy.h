#pragma once

#include "engine/admission/admissionpolicy.h"

// The global limit on running jobs. A paused job that has started keeps its
// slot, so resuming it never oversubscribes the machine.
class ConcurrencyPolicy : public AdmissionPolicy {
public:
    explicit ConcurrencyPolicy(int limit)
        : m_limit(limit) {}

    int limit() const { return m_limit; }
    void setLimit(int limit) { m_limit = limit; }
    int inUse() const { return m_inUse; }

    std::optional<Refusal> check(const JobRecord &job) const override;
    void started(const JobRecord &) override { ++m_inUse; }
    void released(const JobRecord &) override { --m_inUse; }

private:
    int m_limit;
    int m_inUse = 0;
};
