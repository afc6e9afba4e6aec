#pragma once

#include <QString>

#include <optional>

struct JobRecord;

// Why a policy keeps a job from starting now.
struct Refusal {
    QString reason;
    // True when no job at all may start now (the global limit): the dispatcher
    // stops looking, and the job stays Queued. False: this job Waits, others may start.
    bool blocksEveryone = false;
};

// One admission rule (ThreadWeaver's QueuePolicy): asked before a job starts,
// told when it starts and when it releases its slot. Policies live in and are
// called on the queue's thread only.
class AdmissionPolicy {
public:
    virtual ~AdmissionPolicy() = default;
    // nullopt: this rule lets the job start now.
    virtual std::optional<Refusal> check(const JobRecord &job) const = 0;
    virtual void started(const JobRecord &) {}
    virtual void released(const JobRecord &) {}
};
