#pragma once

#include <QtGlobal>

#include <functional>

class QThreadPool;

// Runs one work function on up to maxThreads threads at once: the calling
// thread plus helper tasks started with QtConcurrent::run on pool. The work
// function pulls its items from shared state (e.g. an atomic index) and
// returns when none are left or the job stops; it runs concurrently with
// itself and must be thread-safe.
//
// Helpers that the pool starts late (its threads busy with other jobs) find
// the fan-out closed and return without running the work: the caller never
// waits for a task that has not started, so nesting on a full pool cannot
// deadlock, and a busy pool only means fewer helpers, never a stall.
// (ParallelHasher follows the same pattern.)
//
// Thread: call run() on the job's thread; it blocks until every helper that
// entered has left, exceptions from the caller's own work included.
class PoolFanOut {
public:
    // pool may be null (then only the calling thread works). maxThreads < 1
    // counts as 1; helpers beyond itemCount - 1 are not started.
    static void run(QThreadPool *pool, int maxThreads, qsizetype itemCount,
                    const std::function<void()> &work);
};
