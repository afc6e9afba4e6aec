#pragma once

#include "kinds/common/filehasher.h"
#include "kinds/copy/copyjobparams.h"
#include "kinds/copy/copyscanner.h"
#include "kinds/copy/extentcopier.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class JobContext;

// Copies one entry of a copy job into a folder as cp -a does, never leaving a
// partial or wrong file under the final name: whatever is made is first made
// under a temporary name ".NAME.taskdeck-XXXXXX" in the target folder
// (AtomicOutputFile::temporaryPattern), which the job tracks
// (JobContext::trackTemporary) from the moment it exists until it is renamed
// to its final name or deleted (releaseTemporary), so that nothing is left
// behind by a cancel, a failure or a crash. The rename follows the conflict
// policy without racing a file that appears meanwhile (renameat2
// RENAME_NOREPLACE).
// - A regular file is opened with ReadableFile (never blocks; a source swapped
//   for a FIFO, a device or a link since it was scanned is an error naming
//   it), its data extents are copied (ExtentCopier: holes stay holes), it is
//   optionally verified (SHA-256 of both sides, re-read through the very
//   descriptors copied), then owner (as root), mode, extended attributes and
//   ACLs, and access/modification times (nanoseconds) are set from the source.
// - A symlink is recreated with the same target; a FIFO, socket or device node
//   with mknod() (devices need root, as for cp); owner, mode, what extended
//   attributes the kind of file can carry, and times are kept.
// - link() gives a further name to a copy already made, as cp -a does for
//   sources that are hard links of one file.
// No fsync, as cp: a crash of the machine may lose recent copies, not mix them.
//
// Progress: adds the file's size to the context as its passes go (copying, and
// when verifying, hashing both sides: each a third of it) and
// calls context.checkpoint() after every chunk, so pause and cancel take effect
// within milliseconds even inside a large file.
//
// Thread: one FileCopier per worker thread (it owns a buffer and a hasher).
class FileCopier {
public:
    enum class Outcome {
        Copied,  // under finalPath(), which is the wanted name or a "name (2)" one
        Skipped, // the target existed (skip policy) or is the source itself
        Failed,  // errorString() names the file
        Stopped, // canceled; nothing left behind
    };

    FileCopier(JobContext &context, CopyJobParams::Conflict policy, bool verify);
    ~FileCopier();
    FileCopier(const FileCopier &) = delete;
    FileCopier &operator=(const FileCopier &) = delete;

    // Copies entry (a File, Symlink or Special) to targetFolder/entry.name.
    Outcome copy(const CopyScanner::Entry &entry, const QByteArray &targetFolder);
    // Makes targetFolder/entry.name a hard link to existingCopy, the copy of an
    // earlier entry that is the same file as entry. Nothing is read or set: the
    // two names share the copy's data and attributes.
    Outcome link(const CopyScanner::Entry &entry, const QByteArray &existingCopy,
                 const QByteArray &targetFolder);

    const QByteArray &finalPath() const { return m_finalPath; }
    bool wasRenamed() const { return m_renamed; }
    const QString &errorString() const { return m_error; }
    // Progress the last copy() reported through the context (bytes read,
    // written or verified), so the caller can add what the entry still owes.
    qint64 reportedProgress() const { return m_reported; }

    // "name (2).ext" for n = 2: the name the rename policy tries.
    static QByteArray numberedName(const QByteArray &name, int n);

private:
    // Resets the state for entry; decides it when its target is in the way.
    std::optional<Outcome> begin(const CopyScanner::Entry &entry, const QByteArray &targetFolder);
    Outcome copyFile(const CopyScanner::Entry &entry, const QByteArray &targetFolder);
    Outcome copyData(int in, int out, const struct stat &info, const QByteArray &source);
    Outcome finishFile(int in, int out, const struct stat &info, const QByteArray &source,
                       const QByteArray &temp);
    Outcome copyNode(const CopyScanner::Entry &entry, const QByteArray &targetFolder);
    Outcome createTemporary(const QByteArray &targetFolder, const QByteArray &name,
                            const std::function<int(const char *)> &make, QByteArray *temp);
    Outcome verifyCopy(int in, int out, const QByteArray &source, const QByteArray &temp);
    Outcome place(const QByteArray &temp, const QByteArray &targetFolder, const QByteArray &name);
    bool renameNoReplace(const QByteArray &from, const QByteArray &to);
    Outcome fail(const QString &what, const QByteArray &path, int error);
    void track(const QByteArray &temp);
    void release(const QByteArray &temp);
    // Deletes the temporary file and stops tracking it; returns outcome.
    Outcome discard(const QByteArray &temp, Outcome outcome);
    // Adds to the job's progress and to reportedProgress().
    void report(qint64 bytes);

    JobContext &m_context;
    CopyJobParams::Conflict m_policy;
    bool m_verify;
    FileHasher m_hasher;
    ExtentCopier m_extents;
    QByteArray m_finalPath;
    QString m_error;
    bool m_renamed = false;
    qint64 m_reported = 0; // of the file's size, in the job's progress
    qint64 m_work = 0;     // bytes moved by every pass over the file
};
