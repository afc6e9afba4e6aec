#pragma once

#include "job/jobcheckpoint.h"
#include "job/joboutputsink.h"
#include "job/jobprogress.h"

#include <QFuture>
#include <QPromise>

#include <optional>

class QThreadPool;

// The interface a running job uses to talk to the queue: progress, status,
// log lines, and cooperative cancel and pause. One per run; lives on the job's
// worker thread's stack. Every method may be called from any thread the job
// uses (a job may fan work out to helper threads on pool()).
class JobContext {
public:
    // resume: what earlier runs of this job finished (after a restart), or null.
    // output: where writeOutput() goes, or null. Neither owned; both outlive the run.
    // temporaryTag: what names this job's temporary files apart from any other
    // (JobQueue::setTemporaryTagPrefix and the job's id), or empty.
    // earlierRunCutShort: an earlier run of this job may have been cut short by
    // the instance's death, leaving temporary files nobody recorded.
    JobContext(QPromise<void> &promise, JobProgress &progress, QThreadPool *pool,
               const JobResumeState *resume = nullptr, JobOutputSink *output = nullptr,
               JobId id = 0, QByteArray temporaryTag = {}, bool earlierRunCutShort = false)
        : m_promise(promise)
        , m_progress(progress)
        , m_pool(pool)
        , m_resume(resume)
        , m_output(output)
        , m_id(id)
        , m_temporaryTag(std::move(temporaryTag))
        , m_earlierRunCutShort(earlierRunCutShort) {}

    JobId jobId() const { return m_id; }
    // Part of every temporary file's name (AtomicOutputFile::temporaryPattern),
    // unique to this job in this data folder; empty when nothing is kept across
    // restarts (`taskdeck run`).
    const QByteArray &temporaryTag() const { return m_temporaryTag; }
    // True when an earlier run may have been cut short: its temporary files may
    // lie beside the outputs, and AtomicOutputFile::sweepStale() deletes them
    // folder by folder.
    bool earlierRunCutShort() const { return m_earlierRunCutShort; }
    // The temporary files this run tracks now.
    QStringList temporaries() const { return m_progress.temporaries(); }
    // Runs fn the first time this run names folder; others naming it meanwhile
    // wait until it is done (any thread).
    void onFirstVisit(const QString &folder, const std::function<void()> &fn) {
        m_progress.onFirstVisit(folder, fn);
    }

    void setTotal(qint64 total, ProgressUnit unit) { m_progress.setTotal(total, unit); }
    void setDone(qint64 done) { m_progress.setDone(done); }
    void addDone(qint64 delta) { m_progress.addDone(delta); }
    void setStatus(const QString &text) { m_progress.setStatus(text); }
    void log(const QString &line) { m_progress.appendLog(line); }
    // The job's own output, for whoever shows it as it comes (JobOutputSink):
    // a command's bytes exactly as the program wrote them, a verify's lines.
    // Does nothing when nobody does. The log is separate (log()).
    void writeOutput(OutputStream stream, QByteArrayView bytes) {
        if (m_output)
            m_output->write(m_id, stream, bytes);
    }
    bool hasOutput() const { return m_output != nullptr; }

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

    // Resumable kinds: records that `item` is finished and durable (its output
    // complete under its final name), with what a later run needs to skip it
    // (e.g. a digest). Call it after the work is safe, never before. The queue
    // carries it to the store; a run after a restart sees it in finishedBefore().
    void recordFinished(const QString &item, const QString &value = {}) {
        m_progress.appendCheckpoint(item, value);
    }
    // True when this run continues an interrupted one that finished some items.
    bool isResuming() const { return m_resume && !m_resume->isEmpty(); }
    // What an earlier, interrupted run recorded for item, if it finished it.
    std::optional<QString> finishedBefore(const QString &item) const {
        if (!m_resume)
            return std::nullopt;
        const auto it = m_resume->constFind(item);
        if (it == m_resume->cend())
            return std::nullopt;
        return *it;
    }

    // A temporary file the job just created and will rename into place or
    // delete (AtomicOutputFile does both calls). Until releaseTemporary(path),
    // the queue deletes the file should the run end without doing so, and keeps
    // the name in the store: after a crash, the file is deleted before the job
    // runs again (resumed or retried) or when it is removed.
    void trackTemporary(const QString &path) {
        m_progress.trackLeftover(JobLeftover::temporaryFile(path));
    }
    // The file was renamed to its final name, or deleted.
    void releaseTemporary(const QString &path) {
        m_progress.releaseLeftover(JobLeftover::temporaryFile(path));
    }
    // A process the job started (JobLeftover::process): should the instance
    // die while it runs, the next start ends it if it still runs. Release it
    // once it has ended.
    void trackProcess(const JobLeftover &process) { m_progress.trackLeftover(process); }
    void releaseProcess(const JobLeftover &process) { m_progress.releaseLeftover(process); }

    // The queue's pool, for jobs that split their work (e.g. hashing several files
    // at once). Nested tasks must call checkpoint() too.
    QThreadPool *pool() const { return m_pool; }

private:
    QPromise<void> &m_promise;
    JobProgress &m_progress;
    QThreadPool *m_pool;
    const JobResumeState *m_resume;
    JobOutputSink *m_output;
    JobId m_id;
    QByteArray m_temporaryTag;
    bool m_earlierRunCutShort;
};
