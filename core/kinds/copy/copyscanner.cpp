#include "kinds/copy/copyscanner.h"

#include "kinds/common/filehasher.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <dirent.h>

namespace {

QByteArray lastPart(const QByteArray &path) {
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.mid(slash + 1);
}

} // namespace

bool CopyScanner::add(const QByteArray &path, const QByteArray &name, int parent) {
    Entry entry;
    entry.source = path;
    entry.name = name;
    entry.parent = parent;
    if (::lstat(path.constData(), &entry.info) != 0) {
        m_problems.append(
            {path, QStringLiteral("cannot read %1: %2")
                       .arg(QFile::decodeName(path), FileHasher::describeErrno(errno))});
        return false;
    }
    const mode_t mode = entry.info.st_mode;
    entry.type = S_ISREG(mode)   ? Type::File
                 : S_ISDIR(mode) ? Type::Folder
                 : S_ISLNK(mode) ? Type::Symlink
                                 : Type::Special;
    if (entry.type != Type::Folder && entry.info.st_nlink > 1) {
        const QPair<quint64, quint64> file(entry.info.st_dev, entry.info.st_ino);
        const auto first = m_firstLink.constFind(file);
        if (first == m_firstLink.cend())
            m_firstLink.insert(file, int(m_entries.size()));
        else
            entry.linkOf = *first;
    }
    if (entry.type == Type::File) {
        if (entry.linkOf < 0)
            m_totalBytes += entry.info.st_size;
        ++m_fileCount;
    }
    m_entries.append(std::move(entry));
    return true;
}

bool CopyScanner::listFolder(int index, const std::function<bool()> &checkpoint) {
    const QByteArray folder = m_entries[index].source;
    DIR *dir = ::opendir(folder.constData());
    if (!dir) {
        m_problems.append(
            {folder, QStringLiteral("cannot read %1: %2")
                         .arg(QFile::decodeName(folder), FileHasher::describeErrno(errno))});
        return true;
    }
    QList<QByteArray> names;
    while (const dirent *item = ::readdir(dir)) {
        const QByteArray name(item->d_name);
        if (name != "." && name != "..")
            names.append(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    const QByteArray prefix = folder.endsWith('/') ? folder : folder + '/';
    for (const QByteArray &name : std::as_const(names)) {
        if (m_entries.size() % 256 == 0 && !checkpoint())
            return false;
        if (add(prefix + name, name, index) && m_entries.last().type == Type::Folder) {
            if (!listFolder(int(m_entries.size() - 1), checkpoint))
                return false;
        }
    }
    return true;
}

bool CopyScanner::scan(const QStringList &sources, const std::function<bool()> &checkpoint) {
    for (const QString &source : sources) {
        if (!checkpoint())
            return false;
        QByteArray path = QFile::encodeName(source);
        while (path.size() > 1 && path.endsWith('/'))
            path.chop(1);
        if (add(path, lastPart(path), -1) && m_entries.last().type == Type::Folder) {
            if (!listFolder(int(m_entries.size() - 1), checkpoint))
                return false;
        }
    }
    return true;
}
