#include "engine/admission/concurrencypolicy.h"

#include <QCoreApplication>

std::optional<Refusal> ConcurrencyPolicy::check(const JobRecord &) const {
    if (m_inUse < m_limit)
        return std::nullopt;
    return Refusal{
        QCoreApplication::translate("JobQueue", "%n job(s) already running", nullptr, m_limit),
        true};
}
