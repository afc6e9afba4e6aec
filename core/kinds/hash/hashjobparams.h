#pragma once

#include "base/expected.h"
#include "job/jobfield.h"
#include "kinds/common/hashalgorithm.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

// The parameters of a hash job, typed, with the checks HashJobKind::validate()
// makes. Map keys (lower_snake):
//   "paths"     QStringList  files and folders to hash (hash mode)
//   "verify"    QString      checksum manifest to check (verify mode)
//   "algorithm" QString      sha256 (default), sha512, sha1, md5 or blake2b;
//                            in verify mode inferred from the manifest when absent
//   "output"    QString      hash mode: where to write the manifest (atomically);
//                            absent: the manifest goes into the result's details
//   "base_dir"  QString      absolute folder that relative paths, the output,
//                            the manifest and the manifest's names are resolved
//                            against. Default: the current folder for hashing,
//                            the manifest's folder for verifying.
// Verify mode only, each a bool meaning what the sha256sum option does:
//   "strict"          fail when a line is improperly formatted (--strict)
//   "ignore_missing"  files that do not exist are neither checked nor
//                     reported (--ignore-missing)
//   "quiet"           log no line for a file that matched (--quiet)
//   "status"          log no line per file nor closing warning (--status)
//   "warn"            log a warning per improperly formatted line (--warn)
// quiet, status and warn exclude each other (the command line passes the
// last one given, as coreutils honors the last).
// A plain value; copy freely between threads.
class HashJobParams {
public:
    // The kind's name (JobKind::name()), for the command line and the window.
    static QString kindName() { return QStringLiteral("hash"); }

    enum class Mode { Hash, Verify };
    // What a verify run logs, as sha256sum -c prints it (see ChecksumCheckReport).
    enum class CheckOutput { Normal, Quiet, Status, Warn };

    Mode mode = Mode::Hash;
    QStringList paths;                      // as given: they name the files in the manifest
    QString manifest;                       // absolute (verify mode)
    QString output;                         // absolute, or empty (hash mode)
    QString baseDir;                        // absolute
    std::optional<HashAlgorithm> algorithm; // empty: infer from the manifest
    CheckOutput checkOutput = CheckOutput::Normal;
    bool strict = false;
    bool ignoreMissing = false;

    // Reads the map and fills in defaults, checking only its shape (which
    // keys, which types, one mode): no file system access beyond
    // QDir::currentPath(). Fails with a message naming the bad parameter.
    static Expected<HashJobParams> fromMap(const QVariantMap &params);

    // Checks the file system as far as that is cheap: every path exists and
    // is readable, the output's folder is writable, and the manifest is a
    // readable regular file (it is read, and a missing algorithm inferred
    // from it when a line tells; its lines are judged when the job runs, as
    // sha256sum -c judges them). Never walks a folder.
    Status check();

    // The normalized map validate() returns; fromMap(toMap()) is this value.
    QVariantMap toMap() const;

    // Absolute native path of path (relative ones resolved against baseDir).
    QString resolve(const QString &path) const;

    // The keys fromMap() reads: this struct is the one place they are spelled.
    static QStringList keys();
    // Those keys as a person reads them, in that order (see JobKind::fields()).
    static QList<JobField> fields();
    // Those of them that only verifying reads (sha256sum -c's options).
    static QStringList verifyOptionKeys();
    // sha256, sha512, sha1, md5 or blake2b; anything else is a message naming it.
    static Expected<HashAlgorithm> algorithmFromName(const QString &name);

    // The whole manifest at path, opened with ReadableFile (so a FIFO, a
    // device or a folder there is an error naming it, never a block or an
    // endless read). Any thread.
    static Expected<QByteArray> readManifest(const QString &path);
};
