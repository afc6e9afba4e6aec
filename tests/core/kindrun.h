#pragma once

// Runs a job kind's run() directly, without a queue, with a JobContext the
// test controls: a started QPromise, a JobProgress and the resume state of an
// earlier run. What the run recorded (JobProgress::takeCheckpoints) and logged
// is collected. One KindRun per run (a QPromise is used once).
#include "job/jobcontext.h"
#include "job/jobkind.h"
#include "leasegate.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QFuture>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <optional>
#include <thread>
#include <unistd.h>

class KindRun {
public:
    static constexpr int patienceMs = 120000;

    // resume: what an earlier run recorded (empty: a run from scratch). pool:
    // for the kind's helper tasks; null runs everything on one thread, in order.
    explicit KindRun(JobResumeState resume = {}, QThreadPool *pool = nullptr)
        : m_resume(std::move(resume))
        , m_context(m_promise, progress, pool, &m_resume) {
        m_promise.start();
    }

    // Runs the kind on this thread to its end.
    JobResult run(const JobKind &kind, const QVariantMap &params) {
        JobResult result = kind.run(m_context, params);
        collect();
        return result;
    }

    // Runs the kind on its own thread (null pool: one file at a time, in
    // order) until it blocks opening gatedFile, which the test holds with a
    // write lease (an open by anyone else waits until the lease is given up);
    // then cancels the job, gives the lease up and returns the run's result.
    // So the run is canceled exactly there: the files before the gated one
    // are finished, the gated one and those after are not (the images kind
    // finishes the gated image, which it converts without checkpoints).
    // No timing involved. Returns nullopt when the file system refuses leases.
    // ready (optional): cancel only once it also holds (say, the other files
    // are finished), waiting at most readyMs for it; it may read the
    // checkpoints and log collected so far.
    std::optional<JobResult> runAndCancelAt(const JobKind &kind, const QVariantMap &params,
                                            const QString &gatedFile,
                                            const std::function<bool()> &ready = {},
                                            int readyMs = patienceMs) {
        ::signal(SIGIO, SIG_IGN); // sent to the lease holder when an open waits
        const int fd = ::open(QFile::encodeName(gatedFile).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ::fcntl(fd, F_SETLEASE, F_WRLCK) != 0) {
            if (fd >= 0)
                ::close(fd);
            return std::nullopt;
        }
        std::atomic<bool> finished{false};
        JobResult result;
        std::thread worker([&] {
            result = kind.run(m_context, params);
            finished = true;
        });
        // While an open waits for it, the lease reads as what it is being broken to.
        waitUntil([&] { return finished.load() || ::fcntl(fd, F_GETLEASE) != F_WRLCK; });
        if (ready) {
            waitUntil(
                [&] {
                    collect();
                    return finished.load() || ready();
                },
                readyMs);
        }
        m_promise.future().cancel();
        ::fcntl(fd, F_SETLEASE, F_UNLCK);
        ::close(fd);
        worker.join();
        collect();
        return result;
    }

    enum class Then { Cancel, Resume };
    // Runs the kind on its own thread (null pool: one file at a time, in
    // order) until it blocks opening gatedFile (held with a LeaseGate), asks
    // for a pause, lets the open through and waits until the run is paused at
    // its next checkpoint (the copy kind: after the gated file's first chunk,
    // its temporary file written). Then calls whilePaused() and cancels the
    // run or lets it go on. A run that has not ended finishWithinMs after that
    // is a failure: it is canceled, unblock() is called to free whatever it
    // is stuck in (e.g. open a FIFO's other end), and nullopt is returned, as
    // when the file system refuses leases.
    std::optional<JobResult> runPausedAt(const JobKind &kind, const QVariantMap &params,
                                         const QString &gatedFile,
                                         const std::function<void()> &whilePaused, Then then,
                                         int finishWithinMs = 30000,
                                         const std::function<void()> &unblock = {}) {
        LeaseGate gate(gatedFile);
        if (!gate.isHeld())
            return std::nullopt;
        std::atomic<bool> finished{false};
        JobResult result;
        std::thread worker([&] {
            result = kind.run(m_context, params);
            finished = true;
        });
        QFuture<void> future = m_promise.future();
        waitUntil([&] { return finished.load() || gate.isWaitedOn(); });
        future.suspend();
        gate.release();
        waitUntil([&] { return finished.load() || future.isSuspended(); });
        if (whilePaused)
            whilePaused();
        if (then == Then::Cancel)
            future.cancel();
        else
            future.resume();
        const bool ended = waitUntil([&] { return finished.load(); }, finishWithinMs);
        if (!ended) {
            future.cancel();
            if (unblock)
                unblock();
        }
        worker.join();
        collect();
        if (!ended)
            return std::nullopt;
        return result;
    }

    // Runs the kind on its own thread; a run that has not ended within
    // finishWithinMs is canceled, unblock() is called to free it, and nullopt
    // is returned.
    std::optional<JobResult> runWithin(const JobKind &kind, const QVariantMap &params,
                                       int finishWithinMs, const std::function<void()> &unblock) {
        std::atomic<bool> finished{false};
        JobResult result;
        std::thread worker([&] {
            result = kind.run(m_context, params);
            finished = true;
        });
        const bool ended = waitUntil([&] { return finished.load(); }, finishWithinMs);
        if (!ended) {
            m_promise.future().cancel();
            if (unblock)
                unblock();
        }
        worker.join();
        collect();
        if (!ended)
            return std::nullopt;
        return result;
    }

    // What the run recorded, as the next run's resume state.
    JobResumeState recorded() const {
        JobResumeState state;
        for (const JobCheckpoint &checkpoint : checkpoints)
            state.insert(checkpoint.item, checkpoint.value);
        return state;
    }
    bool logged(const QString &line) const { return log.contains(line); }

    JobProgress progress;
    QList<JobCheckpoint> checkpoints;
    QStringList log;

private:
    void collect() {
        checkpoints.append(progress.takeCheckpoints());
        log.append(progress.takeLog());
    }
    // Runs the event loop until condition holds, polling every millisecond.
    static bool waitUntil(const std::function<bool()> &condition, int timeoutMs = patienceMs) {
        if (condition())
            return true;
        QDeadlineTimer deadline(timeoutMs);
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (condition() || deadline.hasExpired())
                loop.quit();
        });
        poll.start(1);
        loop.exec();
        return condition();
    }

    QPromise<void> m_promise;
    JobResumeState m_resume;
    JobContext m_context;
};
