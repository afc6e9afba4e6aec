#pragma once

#include "job/jobcheckpoint.h"
#include "job/jobleftover.h"
#include "job/jobtypes.h"

#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>

// The live progress of one job run, written by the job's worker thread(s) and
// sampled by JobQueue on its own thread at a bounded rate. Writers never emit
// signals: that is what keeps a flood of progress calls from flooding the UI.
// Thread-safe; shared between the run and the queue through a shared_ptr.
class JobProgress {
public:
    void setTotal(qint64 total, ProgressUnit unit);
    void setDone(qint64 done) { m_done.store(done, std::memory_order_relaxed); }
    void addDone(qint64 delta) { m_done.fetch_add(delta, std::memory_order_relaxed); }
    void setStatus(const QString &text);
    // Keeps at most maxPendingLogLines not yet taken; older ones are dropped and counted.
    void appendLog(const QString &line);

    qint64 done() const { return m_done.load(std::memory_order_relaxed); }
    qint64 total() const { return m_total.load(std::memory_order_relaxed); }
    ProgressUnit unit() const { return m_unit.load(std::memory_order_relaxed); }
    QString status() const;
    // Log lines appended since the last call (oldest first).
    QStringList takeLog();
    // Finished pieces of work of a resumable job, kept until the queue takes them.
    void appendCheckpoint(const QString &item, const QString &value);
    QList<JobCheckpoint> takeCheckpoints();
    // What the run would leave behind if it died now (JobLeftover): temporary
    // files not yet renamed or deleted, processes still running.
    void trackLeftover(const JobLeftover &leftover);
    void releaseLeftover(const JobLeftover &leftover);
    // The paths of the temporary files among them.
    QStringList temporaries() const;
    // The tracked leftovers (JobLeftover::encoded()), when they changed since the last call.
    std::optional<QStringList> takeLeftoversIfChanged();
    // Runs fn the first time folder is named in this run; a caller naming it
    // meanwhile waits until fn is done (so nothing is written into a folder
    // while it is being swept).
    void onFirstVisit(const QString &folder, const std::function<void()> &fn);

    static constexpr int maxPendingLogLines = 10000;

private:
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{-1}; // -1: unknown
    std::atomic<ProgressUnit> m_unit{ProgressUnit::Items};
    mutable QMutex m_mutex;
    QString m_status;
    QStringList m_pendingLog;
    qint64 m_droppedLogLines = 0;
    QList<JobCheckpoint> m_pendingCheckpoints;
    QStringList m_leftovers; // few: a file per output being written, a process
    bool m_leftoversChanged = false;
    std::mutex m_visitMutex; // held while a first visit runs; never with m_mutex
    QSet<QString> m_visited;
};
