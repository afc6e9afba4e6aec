#pragma once

#include "kinds/common/resumetally.h"
#include "kinds/hash/parallelhasher.h"

#include <QByteArray>
#include <QString>

#include <optional>

class JobContext;

// How a hash job records the files it finished (JobContext::recordFinished)
// and reuses them when it resumes after a restart, in both modes:
// - item: the file's name as the manifest spells it (hash mode: the argument
//   as given joined with the path below it, so relative to base_dir when the
//   argument was relative, else absolute; verify mode: the manifest's name).
//   Names that do not survive decoding to text (not valid in the file name
//   encoding) are never recorded: those files are hashed again.
// - value: "SIZE:MTIME_NS:HEX_DIGEST" of the file as it was opened for hashing
//   (the actual digest, also in verify mode, where the verdict is recomputed
//   against the manifest), so a file changed since is hashed again.
// Files that could not be read are not recorded. Also counts what a run
// reused and what it redid, for the "resumed: ..." log line.
//
// Thread: one per run; record() may be called from any of the hasher's
// workers, several at once (it only hands the record to the thread-safe
// JobContext), the rest on the job's thread.
class HashCheckpoints {
public:
    explicit HashCheckpoints(JobContext &context)
        : m_context(context) {}

    // What an earlier run recorded for the file named name, as a result to
    // report again, when the file's current stamp (stat of path) still
    // matches; otherwise none (counted as changed when there was a record).
    std::optional<ParallelHasher::Result> reusable(const QByteArray &name, const QByteArray &path);
    // Same, with the file's stamp already taken (invalid: missing).
    std::optional<ParallelHasher::Result> reusable(const QByteArray &name,
                                                   const FileStamp &current);
    // Records a freshly hashed file (reused and failed results are not).
    void record(const QByteArray &name, const ParallelHasher::Result &result);
    // Logs "resumed: N files finished before the restart were skipped" (and
    // how many had changed) when this run resumes an earlier one.
    void logResumed() const;

    static QString itemFor(const QByteArray &name);

private:
    JobContext &m_context;
    ResumeTally m_tally;
};
