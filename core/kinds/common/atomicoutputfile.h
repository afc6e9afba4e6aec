#pragma once

#include "base/expected.h"
#include "base/filedescriptor.h"

#include <QByteArray>
#include <QString>

#include <memory>

class JobContext;
class QFile;

// Writes one output file so that it is never seen half-written and never
// lost track of: the data goes to a temporary name beside the final one
// (".NAME.taskdeck-XXXXXX", created O_EXCL with the mode a plain open would
// give, 0666 & ~umask), which the job tracks (JobContext::trackTemporary) from
// the moment it exists until it is renamed into place or deleted. Should the
// process die in between, the queue finds the name in the store and deletes
// the file before the job runs again or when it is removed.
//
// commit() flushes, syncs the data (a file later skipped on resume must hold
// what it claims) and renames; discard() (also the destructor, unless
// committed) deletes the temporary file. Not thread-safe; one writer.
class AtomicOutputFile {
public:
    // context may be null (a tool outside a job): then nothing is tracked.
    AtomicOutputFile(JobContext *context, QString finalPath);
    ~AtomicOutputFile();
    AtomicOutputFile(const AtomicOutputFile &) = delete;
    AtomicOutputFile &operator=(const AtomicOutputFile &) = delete;

    // Creates the temporary file. The error names the folder and the reason.
    Status open();
    // The open temporary file, for writers that want a QIODevice (QImageWriter).
    // Owned by this object; valid until commit() or discard().
    QFile *device();
    Status write(const QByteArray &bytes);

    enum class Existing { Replace, Keep };
    // Moves the file to its final name. With Existing::Keep an existing file of
    // that name is left alone and the commit fails ("... already exists").
    Status commit(Existing existing = Existing::Replace);
    void discard();

    QString finalPath() const { return m_finalPath; }
    QString temporaryPath() const;

    // "FOLDER/.NAME.taskdeck-XXXXXX" for mkostemp(), or with a job's tag
    // (JobContext::temporaryTag) ".NAME.taskdeck-TAG-XXXXXX", so that what a run
    // of that job left can be told from anything else. NAME is cut so that the
    // whole stays within NAME_MAX.
    static QByteArray temporaryPattern(const QByteArray &folder, const QByteArray &name,
                                       const QByteArray &tag = {});
    // When the context's job may have had an earlier run cut short, deletes
    // that job's temporary files in folder (".*.taskdeck-TAG-XXXXXX", not
    // folders, not what this run tracks), once per folder and run. Call it
    // before writing into a folder. Returns how many it deleted.
    static int sweepStale(JobContext &context, const QByteArray &folder);

private:
    JobContext *m_context;
    QString m_finalPath;
    QByteArray m_temporary; // empty until open(), and again after commit/discard
    FileDescriptor m_fd;
    std::unique_ptr<QFile> m_device;
};
