#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

struct stat;

// What a resumable kind records about a file it finished so that a later run
// can tell the file has not changed since: its size and modification time (in
// nanoseconds). A file whose stamp differs is redone. Written into checkpoint
// values as "SIZE:MTIME_NS" (see toString()). A plain value.
class FileStamp {
public:
    FileStamp() = default;
    FileStamp(qint64 size, qint64 mtimeNs)
        : m_size(size)
        , m_mtimeNs(mtimeNs) {}

    // The stamp of an lstat()/stat()/fstat() result.
    static FileStamp fromStat(const struct stat &info);
    // stat() of path (native encoding; symlinks followed), or an invalid stamp
    // when it cannot be read.
    static FileStamp of(const QByteArray &path);

    bool isValid() const { return m_size >= 0; }
    qint64 size() const { return m_size; }
    qint64 mtimeNs() const { return m_mtimeNs; }

    // "SIZE:MTIME_NS", e.g. "5000:1700000000123456789".
    QString toString() const;
    // Reads what toString() wrote at the start of text, up to the end or the
    // next ':' after the modification time; *rest (optional) gets what follows
    // that ':'. Invalid when text does not start with a stamp.
    static FileStamp fromString(QStringView text, QStringView *rest = nullptr);

    friend bool operator==(const FileStamp &, const FileStamp &) = default;

private:
    qint64 m_size = -1; // -1: invalid
    qint64 m_mtimeNs = 0;
};
