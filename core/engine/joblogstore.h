#pragma once

#include "job/jobtypes.h"

#include <QString>
#include <QStringList>

#include <deque>
#include <map>
#include <unordered_map>

// The last lines each job logged, so an observer that arrives late (a details
// pane opened after the job started) can show what came before. Bounded three
// ways:
//   - per job: the newest maxLinesPerJob lines; older ones are dropped;
//   - per line: lines longer than maxLineLength characters are kept cut short
//     (clip()), so one runaway line cannot eat the budget;
//   - overall: about budgetBytes of memory for all jobs together; past it, the
//     job that logged least recently loses its oldest lines first (finished
//     jobs' logs go before those of jobs still writing).
// A job that never logged costs nothing: its tail is created by its first line.
//
// Used by JobQueue on its own thread; not thread-safe.
class JobLogStore {
public:
    static constexpr int maxLinesPerJob = 1000;
    static constexpr int maxLineLength = 2000;
    static constexpr qint64 budgetBytes = qint64(32) * 1024 * 1024;

    // Appends lines (oldest first) to the job's tail.
    void append(JobId id, const QStringList &lines);
    // The newest min(maxLines, kept) lines of the job, oldest first; empty for
    // a job that never logged or is not known.
    QStringList tail(JobId id, int maxLines = maxLinesPerJob) const;
    // Frees the job's tail.
    void remove(JobId id);
    // True when the job has logged lines that are still kept.
    bool contains(JobId id) const { return m_tails.count(id) != 0; }

    // How many jobs have a tail, and what they cost, for tests and diagnostics.
    int jobCount() const { return int(m_tails.size()); }
    qint64 bytesUsed() const { return m_bytes; }

    // The line as the store keeps it: cut to maxLineLength characters, with a
    // mark saying how much was cut.
    static QString clip(const QString &line);
    // What one kept line is counted as: its characters plus the bookkeeping
    // around them.
    static qint64 costOf(const QString &line) { return qint64(line.size()) * 2 + 48; }

private:
    struct Tail {
        std::deque<QString> lines;
        qint64 bytes = 0;
        quint64 touched = 0; // key in m_byAge
    };

    void dropOldest(Tail &tail);
    void enforceBudget(JobId keep);

    std::unordered_map<JobId, Tail> m_tails;
    std::map<quint64, JobId> m_byAge; // least recently logged first
    quint64 m_clock = 0;
    qint64 m_bytes = 0;
};
