#pragma once

#include "jobprogress.h"

#include <QFuture>
#include <QPromise>

class QThreadPool;

// The interface a running job uses to talk to the queue: progress, status,
// log lines, and cooperative cancel and pause. One per run; lives on the job's
// worker thread's stack. Every method may be called from any thread the job
// uses (a job may fan work out to helper threads on pool()).
class JobContext {
public:
    JobContext(QPromise<void> &promise, JobProgress &progress, QThreadPool *pool)
        : m_promise(promise)
        , m_progress(progress)
        , m_pool(pool) {}

    void setTotal(qint64 total, ProgressUnit unit) { m_progress.setTotal(total, unit); }
    void setDone(qint64 done) { m_progress.setDone(done); }
    void addDone(qint64 delta) { m_progress.addDone(delta); }
    void setStatus(const QString &text) { m_progress.setStatus(text); }
    void log(const QString &line) { m_progress.appendLog(line); }

    bool isCanceled() const { return m_promise.isCanceled(); }
    // Blocks while the job is paused; returns false when the job was canceled,
    // in which case the job should stop and return promptly. Call it often
    // (every few milliseconds of work).
    bool checkpoint() {
        m_promise.suspendIfRequested();
        return !m_promise.isCanceled();
    }

    // True while the user wants the job paused. For jobs that cannot block in
    // checkpoint() because they drive something else (an external process is
    // stopped with SIGSTOP instead); in-process work should call checkpoint().
    bool isPauseRequested() const {
        const QFuture<void> future = m_promise.future();
        return future.isSuspending() || future.isSuspended();
    }

    // The queue's pool, for jobs that split their work (e.g. hashing several files
    // at once). Nested tasks must call checkpoint() too.
    QThreadPool *pool() const { return m_pool; }

private:
    QPromise<void> &m_promise;
    JobProgress &m_progress;
    QThreadPool *m_pool;
};
