#pragma once

#include "base/expected.h"
#include "job/jobfield.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

// The parameters of an images job, typed, with the checks
// ImagesJobKind::validate() makes. Map keys (lower_snake):
//   "paths"      QStringList  image files and folders (folders recursively)
//   "output"     QString      folder to write into; created at run when only
//                             its parent exists
//   "max_width"  int          fit within this width (0 or absent: no limit)
//   "max_height" int          fit within this height (0 or absent: no limit)
//   "format"     QString      jpeg, png or webp; empty or absent: keep each
//                             source's format (and its file name)
//   "quality"    int          1-100 for JPEG and WebP, default 90
//   "base_dir"   QString      absolute folder relative paths are resolved
//                             against; default: the current folder
// A plain value; copy freely between threads.
class ImagesJobParams {
public:
    // The kind's name (JobKind::name()), for the command line and the window.
    static QString kindName() { return QStringLiteral("images"); }

    QStringList paths; // absolute, cleaned
    QString output;    // absolute, cleaned
    int maxWidth = 0;
    int maxHeight = 0;
    QString format; // "jpeg", "png", "webp" or empty
    int quality = 90;
    QString baseDir; // absolute

    // Reads the map and fills in defaults, checking only its shape (which
    // keys, which types, which ranges) and that the format can be written by
    // this Qt's image plugins. Fails with a message naming the parameter.
    static Expected<ImagesJobParams> fromMap(const QVariantMap &params);

    // Checks the file system as far as that is cheap: every source exists
    // and is readable (a file opened with ReadableFile, so a FIFO named there
    // cannot block), the output folder (or its parent) exists and is
    // writable, the output is not inside a source folder, and no file named
    // in paths would be written over: the output of each file argument is
    // compared with every file argument (st_dev/st_ino when it exists,
    // following links; the cleaned absolute paths otherwise), so
    // `--output photos photos/a.jpg` is refused naming both. Never walks.
    Status check() const;

    // Where the image at `relative` (its path below the folder argument it
    // was found in, or a file argument's name) is written: OUT/relative, the
    // suffix replaced by the format's when one is given.
    QString outputFor(const QString &relative) const;

    // The normalized map validate() returns; fromMap(toMap()) is this value.
    QVariantMap toMap() const;

    // The keys fromMap() reads: this struct is the one place they are spelled.
    static QStringList keys();
    // Those keys as a person reads them, in that order (see JobKind::fields()).
    static QList<JobField> fields();
    // path made absolute against baseDir and cleaned; an empty path stays empty
    // (so that fromMap() names it).
    QString absolute(const QString &path) const;

    // The formats "format" accepts that this Qt can write, e.g. "jpeg, png, webp".
    static QStringList writableFormats();
    // The file suffix written for a format: "jpg", "png", "webp".
    static QString suffixFor(const QString &format);

private:
    Status checkNoInputOverwritten() const;
};
