#include "engine/pendingjobs.h"

void PendingJobs::insert(const Key &key) {
    m_all.insert(key);
    m_candidates.insert(key);
}

void PendingJobs::erase(const Key &key) {
    m_all.erase(key);
    m_candidates.erase(key);
}

void PendingJobs::clear() {
    m_all.clear();
    m_candidates.clear();
}

void PendingJobs::park(const Key &key) {
    m_candidates.erase(key);
}

void PendingJobs::unpark(const Key &key) {
    if (m_all.count(key) != 0)
        m_candidates.insert(key);
}
