#pragma once

#include "kinds/common/typedjobkind.h"
#include "kinds/copy/copyjobparams.h"

// Copies files and folders into a destination folder like `cp -a SOURCE...
// DEST_DIR`: folders recursively (empty ones too), modification and access
// times (nanoseconds), permission bits, extended attributes and POSIX ACLs
// (folders' default ACLs too) kept, owners too when run as root; symlinks
// copied as links, never followed; FIFOs, sockets and (as root) device nodes
// made anew, never opened; names that are hard links of one file within the
// job stay hard links of one copy; sparse files stay sparse (only their data
// is copied). Folders already in the destination are merged into; the conflict
// policy (see CopyJobParams) decides for everything else, and for a non-folder
// where a folder would go.
//
// Everything is made under a temporary name, tracked by the job, and renamed
// into place when complete (see FileCopier): a canceled, failed or killed job never leaves a
// partial file under its final name. Files copied before a cancel stay, as
// with cp. A file that cannot be copied is logged and the rest still copied;
// the job then fails naming the first.
//
// Resumable: every file and link is recorded (JobContext::recordFinished)
// once it is under its final name (and verified), and every folder the job
// creates as it creates it; item = the source's absolute path, value = the
// source's "SIZE:MTIME_NS" and where the copy went (see CopyCheckpoints). A run
// that resumes an interrupted one skips the files whose source is unchanged
// and whose copy is still there with the source's type and size, counting them
// as copied (result and summary as the interrupted run would have given), and
// sets the mode and times of the folders that run created; it logs "resumed: N
// files finished before the restart were skipped".
//
// Progress is in bytes, the data's size whether or not it is verified (with
// --verify each of the three passes, copy and re-read of both sides, moves a
// third of a file's size), each hard-linked file's once. The phases of a run are CopyRun's.
// result.details: "files", "folders", "links", "specials" (copied), "bytes",
// "skipped" (QStringList, first 100 paths) and "skipped_count", "renamed"
// ("from -> to", first 100) and "renamed_count", "failed" (QStringList).
// Stateless: every method may be called from any thread.
class CopyJobKind : public TypedJobKind<CopyJobParams> {
public:
    // Fetches the verify digest on the constructing (main) thread, as HashJobKind.
    CopyJobKind();
    QString name() const override;
    QString displayName() const override;
    int capabilities() const override { return Cancelable | Pausable | Resumable; }
    QList<JobField> fields() const override;

protected:
    QString title(const CopyJobParams &params) const override;
    JobResult runWith(JobContext &context, const CopyJobParams &params) const override;
};
