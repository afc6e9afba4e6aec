#pragma once

#include "base/expected.h"
#include "job/jobfield.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

// The parameters of a copy job, typed, with the checks CopyJobKind::validate()
// makes. Map keys (lower_snake):
//   "sources"     QStringList  files, folders and symlinks to copy (at least one)
//   "destination" QString      existing, writable folder they are copied into
//   "verify"      bool         re-read both sides and compare hashes (default false)
//   "on_conflict" QString      skip (default), overwrite or rename
//   "base_dir"    QString      absolute folder relative paths resolve against
//                              (default: the current folder)
// A plain value; copy freely between threads.
class CopyJobParams {
public:
    // The kind's name (JobKind::name()), for the command line and the window.
    static QString kindName() { return QStringLiteral("copy"); }

    enum class Conflict { Skip, Overwrite, Rename };

    QStringList sources; // absolute, cleaned
    QString destination; // absolute, cleaned
    QString baseDir;     // absolute
    bool verify = false;
    Conflict onConflict = Conflict::Skip;

    // Reads the map and fills in defaults, checking only its shape (keys, types,
    // known values). No file system access beyond QDir::currentPath(). Fails with
    // a message naming the bad parameter.
    static Expected<CopyJobParams> fromMap(const QVariantMap &params);

    // Checks the file system as far as that is cheap, as cp does before copying:
    // every source exists and is readable (a regular file opened with
    // ReadableFile; a FIFO, socket or device is never opened, it is made anew),
    // the destination is an existing, writable folder, no source folder
    // contains the destination (compared by canonical path), and no source's
    // copy would land on the source itself (its own folder as the destination,
    // or a hard link of it there: same st_dev and st_ino). Never walks a
    // folder. Messages name the paths.
    Status check() const;

    // The normalized map validate() returns; fromMap(toMap()) is this value.
    QVariantMap toMap() const;

    static QString conflictName(Conflict conflict);
    // "skip", "overwrite" or "rename"; anything else is a message naming it.
    static Expected<Conflict> conflictFromName(const QString &name);

    // The keys fromMap() reads: this struct is the one place they are spelled.
    static QStringList keys();
    // Those keys as a person reads them, in that order (see JobKind::fields()).
    static QList<JobField> fields();
    // path made absolute against baseDir and cleaned; an empty path stays empty
    // (so that fromMap() names it rather than copying baseDir).
    QString absolute(const QString &path) const;
};
