#pragma once

#include "job/jobresult.h"
#include "kinds/copy/copyscanner.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

class JobContext;

// What a copy run did, entry by entry, and the result it makes of it: counts,
// the paths skipped, renamed and failed (the first 100 of each listed), the
// summary line and result.details (see CopyJobKind). The first failure's
// message becomes the job's error.
//
// Thread: a plain value; the run guards it with its own mutex while workers
// add to it.
class CopyTally {
public:
    void skip(const QByteArray &path);
    void rename(const QByteArray &from, const QByteArray &to);
    // A folder the run created (at target; renamed when it is not the wanted name).
    void createdFolder(const CopyScanner::Entry &entry, const QByteArray &target,
                       const QByteArray &wanted);
    // A File, Symlink or Special entry is now at finalPath in folder. Its bytes
    // count only when it is the first name of its file (not a hard link made).
    void copied(const CopyScanner::Entry &entry, const QByteArray &finalPath,
                const QByteArray &folder);
    // Logs error and lists path as failed.
    void fail(const QByteArray &path, const QString &error, JobContext &context);

    JobResult result() const;

private:
    qint64 m_files = 0;
    qint64 m_folders = 0;
    qint64 m_links = 0;
    qint64 m_specials = 0;
    qint64 m_bytes = 0;
    qint64 m_skippedCount = 0;
    qint64 m_renamedCount = 0;
    QStringList m_skipped;
    QStringList m_renamed;
    QStringList m_failed;
    QString m_firstError;
};
