#pragma once

#include "job/jobtypes.h"

// How a queue kept on disk makes sure that what anyone is told, and what a
// job does, survives a crash. Implemented by the store side (QueuePersister);
// the engine knows only this interface.
//
// Endings. When a job reaches Succeeded, Failed or Canceled, a queue with a
// gate holds the change back: the job keeps showing its earlier state (its
// snapshot's `ending` says what comes), and releases no dependent; the queue
// calls endingPending(). The gate writes the job as JobSnapshot::settled()
// shows it, then calls JobQueue::confirmEndings(). Only then does the job
// show its final state, in the table, the shell's list/show/wait and every
// signal: a job reported finished is finished after any crash.
//
// Starts. A job whose kind is not Resumable (a command: running it twice may
// not be safe) takes its slot and shows Running, but its work begins only
// once that state is on disk: the queue calls startPending(), the gate writes
// the job and calls JobQueue::confirmStarts(). After a crash such a job is
// therefore either still queued (it never began) or comes back Interrupted,
// never silently run a second time.
//
// Thread: the queue's. Neither call may call back into the queue at once.
class DurabilityGate {
public:
    virtual ~DurabilityGate() = default;
    virtual void endingPending(JobId id) = 0;
    virtual void startPending(JobId id) = 0;
};
