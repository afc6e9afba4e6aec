#pragma once

#include "job/jobtypes.h"

#include <set>

// The jobs that have not started and may (Queued and Waiting), best first, and
// among them the candidates: the ones dispatch looks at. A job waiting for a
// dependency or a start time is parked: it leaves the candidates until what
// blocks it changes (its dependency settles or goes, its time comes, it is
// edited), so that a pass over the queue costs the jobs that might start, not
// every job that waits. Any change of a job's key (priority, order) makes it
// a candidate again: one extra look, never a job forgotten.
//
// Queue thread only; not thread-safe.
class PendingJobs {
public:
    struct Key {
        int priority; // higher first
        qint64 rank;  // then lower first
        JobId id;
        bool operator<(const Key &o) const {
            if (priority != o.priority)
                return priority > o.priority;
            if (rank != o.rank)
                return rank < o.rank;
            return id < o.id;
        }
    };

    // Adds the job as a candidate.
    void insert(const Key &key);
    // Drops the job, parked or not.
    void erase(const Key &key);
    void clear();
    // Dispatch skips the job until unpark() or a new insert(); no-op when the
    // job is not pending.
    void park(const Key &key);
    void unpark(const Key &key);

    // Every pending job, best first.
    const std::set<Key> &all() const { return m_all; }
    // The pending jobs that are not parked, best first.
    const std::set<Key> &candidates() const { return m_candidates; }

private:
    std::set<Key> m_all;
    std::set<Key> m_candidates;
};
