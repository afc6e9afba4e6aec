#pragma once

#include "job/jobtypes.h"

#include <QString>
#include <QStringList>

// The store's job logs: one file per job, DIR/<id>.log, each capped at
// maxBytes (CappedLogFile: one last line says the rest was dropped). Files are
// opened for each call and closed again, so no descriptor stays open per job.
//
// Thread: not thread-safe; JobStore calls it on the store thread only.
class JobLogFiles {
public:
    JobLogFiles(QString dir, qint64 maxBytes);

    QString path(JobId id) const;

    // Appends lines (each ending in '\n') to the job's log, creating the folder
    // and the file if needed. An error names the file and the reason.
    QString append(JobId id, const QStringList &lines) const;
    // Empties the job's log (a retried job starts a new one). Error as for append.
    QString restart(JobId id) const;
    // Deletes the job's log; no error when there was none.
    void remove(JobId id) const;
    // A removed job's log goes aside (DIR/removed/<id>.log, replacing one
    // there), so that an undo can bring it back; no error when there was none.
    void setAside(JobId id) const;
    // The log set aside for this job returns (a removal undone), replacing any
    // log of that id; nothing when none is aside.
    void bringBack(JobId id) const;
    // Deletes every log set aside (nothing can undo those removals any more:
    // at start).
    void emptySetAside() const;
    // The last maxLines lines of the job's log (all when maxLines <= 0); empty
    // when there is none. Reads backwards from the end in blocks, so a long log
    // costs only the tail asked for.
    QStringList tail(JobId id, int maxLines) const;

private:
    QString setAsidePath(JobId id) const;

    QString m_dir;
    qint64 m_maxBytes;
};
