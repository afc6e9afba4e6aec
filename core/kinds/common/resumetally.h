#pragma once

#include <QString>

class JobContext;

// Counts, for a run of a resumable kind that continues an interrupted one,
// the files it skipped because an earlier run had finished them and the files
// it redid because they had changed since, and says so in the job's log.
// Thread: the job's thread (a plain counter).
class ResumeTally {
public:
    void addReused() { ++m_reused; }
    void addChanged() { ++m_changed; }
    qint64 reused() const { return m_reused; }
    qint64 changed() const { return m_changed; }

    // When context.isResuming(): logs "resumed: N files finished before the
    // restart were skipped" and, when some had changed, ", M changed since and
    // REDONE again" (redone: e.g. "hashed", "copied").
    void log(JobContext &context, const QString &redone) const;

private:
    qint64 m_reused = 0;
    qint64 m_changed = 0;
};
