#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <sys/stat.h>

// Lists what a copy job copies, like `cp -a` sees it: each source and, for a
// folder, everything under it, in pre-order (a folder before its contents),
// with the attributes that are kept (lstat: symlinks are never followed, so a
// link loop is just a link). Names are in byte order within a folder.
// Entries that are hard links of one file (same st_dev and st_ino, st_nlink >
// 1; any type but a folder) are marked, as cp -a notices them, so that the
// copy links them again instead of copying the data twice.
//
// Thread: a plain object for one thread; the job's worker uses it.
class CopyScanner {
public:
    enum class Type { File, Folder, Symlink, Special };

    struct Entry {
        QByteArray source; // native absolute path
        QByteArray name;   // its last part: the name it gets in the destination
        int parent = -1;   // index of the folder entry it is in; -1: a source itself
        int linkOf = -1;   // index of the first entry that is the same file; -1: none
        Type type = Type::File;
        struct stat info {}; // lstat() of the source
    };

    struct Problem {
        QByteArray path;
        QString error; // "cannot read /x: permission denied"
    };

    // Scans the sources (native absolute paths). checkpoint() is called every
    // few entries; when it returns false the scan stops and scan() returns false.
    bool scan(const QStringList &sources, const std::function<bool()> &checkpoint);

    const QList<Entry> &entries() const { return m_entries; }
    // Folders or entries that could not be read; the rest was still listed.
    const QList<Problem> &problems() const { return m_problems; }
    // Sum of the regular files' sizes, each file counted once however many
    // names it has: the bytes there are to copy.
    qint64 totalBytes() const { return m_totalBytes; }
    qint64 fileCount() const { return m_fileCount; }

private:
    bool add(const QByteArray &path, const QByteArray &name, int parent);
    bool listFolder(int index, const std::function<bool()> &checkpoint);

    QList<Entry> m_entries;
    QList<Problem> m_problems;
    QHash<QPair<quint64, quint64>, int> m_firstLink; // (st_dev, st_ino) -> entry
    qint64 m_totalBytes = 0;
    qint64 m_fileCount = 0;
};
