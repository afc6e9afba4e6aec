#include "kinds/hash/filescanner.h"

#include "kinds/common/filehasher.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace {

// Closes a DIR on every way out of a scope.
class Directory {
public:
    explicit Directory(const QByteArray &path)
        : m_dir(::opendir(path.constData())) {}
    ~Directory() {
        if (m_dir)
            ::closedir(m_dir);
    }
    Directory(const Directory &) = delete;
    Directory &operator=(const Directory &) = delete;
    DIR *get() const { return m_dir; }

private:
    DIR *m_dir;
};

} // namespace

FileScanner::FileScanner(const QString &baseDir)
    : m_baseDir(QFile::encodeName(baseDir)) {}

QByteArray FileScanner::resolve(const QByteArray &baseDir, const QByteArray &argument) {
    if (argument.startsWith('/') || baseDir.isEmpty())
        return argument;
    return baseDir.endsWith('/') ? baseDir + argument : baseDir + '/' + argument;
}

QByteArray FileScanner::join(const QByteArray &parent, const QByteArray &child) {
    return parent.endsWith('/') ? parent + child : parent + '/' + child;
}

void FileScanner::addProblem(const QByteArray &name, const QByteArray &path, int error) {
    m_problems.append({name, QStringLiteral("cannot read %1: %2")
                                 .arg(QFile::decodeName(path), FileHasher::describeErrno(error))});
}

bool FileScanner::scan(const QStringList &arguments, const std::function<bool()> &shouldContinue) {
    for (const QString &argument : arguments) {
        if (shouldContinue && !shouldContinue())
            return false;
        const QByteArray name = QFile::encodeName(argument);
        const QByteArray path = resolve(m_baseDir, name);
        struct stat info {};
        if (::stat(path.constData(), &info) != 0) {
            addProblem(name, path, errno);
        } else if (S_ISDIR(info.st_mode)) {
            if (!scanFolder(name, path, shouldContinue))
                return false;
        } else {
            // Anything else that is not a folder is hashed as sha256sum would.
            m_files.append({name, path, qint64(info.st_size)});
            m_totalBytes += info.st_size;
        }
    }
    return true;
}

bool FileScanner::scanFolder(const QByteArray &name, const QByteArray &path,
                             const std::function<bool()> &shouldContinue) {
    const qsizetype first = m_files.size();
    // An explicit stack rather than recursion: one open DIR at a time, however deep.
    QList<std::pair<QByteArray, QByteArray>> pending{{name, path}};
    while (!pending.isEmpty()) {
        if (shouldContinue && !shouldContinue())
            return false;
        const auto [dirName, dirPath] = pending.takeLast();
        const Directory dir(dirPath);
        if (!dir.get()) {
            addProblem(dirName, dirPath, errno);
            continue;
        }
        const int dirFd = ::dirfd(dir.get());
        errno = 0;
        while (const dirent *entry = ::readdir(dir.get())) {
            const QByteArray child(entry->d_name);
            if (child == "." || child == "..")
                continue;
            unsigned char type = entry->d_type;
            struct stat info {};
            if (type == DT_REG || type == DT_UNKNOWN) {
                if (::fstatat(dirFd, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
                    addProblem(join(dirName, child), join(dirPath, child), errno);
                    continue;
                }
                type = S_ISREG(info.st_mode) ? DT_REG : S_ISDIR(info.st_mode) ? DT_DIR : DT_UNKNOWN;
            }
            if (type == DT_DIR) {
                pending.append({join(dirName, child), join(dirPath, child)});
            } else if (type == DT_REG) {
                m_files.append({join(dirName, child), join(dirPath, child), qint64(info.st_size)});
                m_totalBytes += info.st_size;
            }
            errno = 0;
        }
        if (errno != 0)
            addProblem(dirName, dirPath, errno);
    }
    // Every name shares the argument as prefix, so sorting names sorts paths;
    // QByteArray compares unsigned bytes, as LC_ALL=C sort does.
    std::sort(m_files.begin() + first, m_files.end(),
              [](const File &a, const File &b) { return a.name < b.name; });
    return true;
}
