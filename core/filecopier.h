#pragma once

#include "copyjobparams.h"
#include "copyscanner.h"
#include "extentcopier.h"
#include "filehasher.h"

#include <QByteArray>
#include <QString>

class JobContext;

// Copies one regular file or symlink into a folder the way a copy job must:
// the data goes to a temporary name ".NAME.taskdeck-XXXXXX" in the target
// folder (AtomicOutputFile::temporaryPattern), which the job tracks
// (JobContext::trackTemporary) from the moment it exists until it is renamed
// to its final name or deleted (releaseTemporary), so that nothing is left
// behind by a cancel, a failure or a crash. The source is opened with
// ReadableFile (never blocks: a source swapped for a FIFO, a device or a link
// since it was scanned is an error naming it). Its data extents are copied
// (ExtentCopier: copy_file_range(2) in 16 MiB chunks, holes stay holes),
// mode, owner (as root) and access/modification times (nanoseconds) are set
// from the source, the copy is optionally verified (SHA-256 of both sides,
// re-read through the very descriptors copied), and only then is it renamed
// to its final name, following the conflict policy without racing a file that
// appears meanwhile (renameat2 RENAME_NOREPLACE). A stopped, failed or
// mismatched copy removes its temporary file, so no partial or wrong file ever
// has the final name. No fsync, as cp: a crash of the machine may lose recent
// copies, not mix them.
//
// Progress: adds copied (and, when verifying, hashed) bytes to the context and
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

    // Copies entry (a File or Symlink) to targetFolder/entry.name.
    Outcome copy(const CopyScanner::Entry &entry, const QByteArray &targetFolder);

    const QByteArray &finalPath() const { return m_finalPath; }
    bool wasRenamed() const { return m_renamed; }
    const QString &errorString() const { return m_error; }
    // Progress the last copy() reported through the context (bytes read,
    // written or verified), so the caller can add what the entry still owes.
    qint64 reportedProgress() const { return m_reported; }

    // "name (2).ext" for n = 2: the name the rename policy tries.
    static QByteArray numberedName(const QByteArray &name, int n);

private:
    Outcome fail(const QString &what, const QByteArray &path, int error);
    Outcome copyData(int in, int out, qint64 size, const QByteArray &source);
    Outcome verifyCopy(int in, int out, const QByteArray &source, const QByteArray &temp);
    Outcome place(const QByteArray &temp, const QByteArray &targetFolder, const QByteArray &name);
    bool renameNoReplace(const QByteArray &from, const QByteArray &to);
    void track(const QByteArray &temp);
    void release(const QByteArray &temp);
    // Deletes the temporary file and stops tracking it; returns outcome.
    Outcome discard(const QByteArray &temp, Outcome outcome);

    JobContext &m_context;
    CopyJobParams::Conflict m_policy;
    bool m_verify;
    FileHasher m_hasher;
    ExtentCopier m_extents;
    QByteArray m_finalPath;
    QString m_error;
    bool m_renamed = false;
    qint64 m_reported = 0;

    // Adds to the job's progress and to reportedProgress().
    void report(qint64 bytes);
};
