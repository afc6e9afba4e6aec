#pragma once

#include "kinds/common/resumetally.h"
#include "kinds/copy/copyscanner.h"

#include <QByteArray>
#include <QString>

#include <optional>

class JobContext;

// How a copy job records what it finished (JobContext::recordFinished) and
// recognizes it when it resumes after a restart:
// - item: the source's absolute path (sources are absolute; there is no one
//   root). Paths that do not survive decoding to text are never recorded.
// - a file, symlink or special file (a further name of a hard-linked file
//   too), once renamed to its final name (and verified, when
//   verification is on): "SIZE:MTIME_NS:FINAL_PATH", the source's lstat()
//   stamp when it was scanned and where the copy went (a "name (2)" one under
//   the rename policy).
// - a folder the job created: "folder:PATH". Its mode and times are set only
//   at the end of a run, so a resumed run takes it as its own and sets them.
// A recorded file is skipped when the source's stamp still matches and the
// copy is still there, in the folder the entry now goes to, of the same type
// and size. When the copy is there but the source or the copy changed, it is
// copied again over that copy (it is this job's own); when it is gone, the
// file is copied as usual.
//
// Thread: reusable*() and the counters on the job's thread; record*() from
// any worker (JobContext::recordFinished is thread-safe).
class CopyCheckpoints {
public:
    explicit CopyCheckpoints(JobContext &context)
        : m_context(context) {}

    // What becomes of a File or Symlink entry an earlier run may have copied
    // into targetFolder.
    struct Earlier {
        enum class Verdict {
            None,    // not recorded (or its copy is gone): copy it by the policy
            Reuse,   // the copy at path stands: count it as copied
            Replace, // the copy at path is this job's but stale (the source or
                     // the copy changed): copy again over it, whatever the policy
        };
        Verdict verdict = Verdict::None;
        QByteArray path; // where the earlier copy is (directly in targetFolder)
    };
    Earlier earlierCopy(const CopyScanner::Entry &entry, const QByteArray &targetFolder);
    // The folder an earlier run created for this Folder entry in
    // targetFolder, when it is still a folder there; else none.
    std::optional<QByteArray> reusableFolder(const CopyScanner::Entry &entry,
                                             const QByteArray &targetFolder) const;

    void recordCopy(const CopyScanner::Entry &entry, const QByteArray &finalPath);
    void recordFolder(const CopyScanner::Entry &entry, const QByteArray &path);

    // Logs the "resumed: ..." line when the run resumes an earlier one.
    void logResumed() const;

private:
    std::optional<QString> recorded(const CopyScanner::Entry &entry) const;

    JobContext &m_context;
    ResumeTally m_tally;
};
