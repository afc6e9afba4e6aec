#include "base/privatefolder.h"

#include "base/readablefile.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString octal(mode_t mode) {
    return QStringLiteral("%1").arg(uint(mode & 07777), 4, 8, QLatin1Char('0'));
}

QString ownerName(uid_t uid) {
    // getpwuid_r would be thread-safe; the name is only for the message.
    struct passwd entry {};
    struct passwd *found = nullptr;
    char buffer[1024];
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
        return QStringLiteral("uid %1 (%2)").arg(uid).arg(QString::fromLocal8Bit(found->pw_name));
    return QStringLiteral("uid %1").arg(uid);
}

// mkdir -p with 0700 for every folder it creates.
Status makePath(const QByteArray &path) {
    if (path.isEmpty() || path == "/")
        return {};
    struct stat info {};
    if (::stat(path.constData(), &info) == 0)
        return {};
    const qsizetype slash = path.lastIndexOf('/');
    if (slash > 0)
        if (Status parent = makePath(path.left(slash)); !parent)
            return parent;
    if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST)
        return Status::failure(
            QStringLiteral("cannot create the folder %1: %2")
                .arg(QFile::decodeName(path), ReadableFile::describeErrno(errno)));
    return {};
}

// Tightens what is under folder (depth levels), counting what it changed.
void tightenEntries(const QByteArray &folder, int depth, int &tightened) {
    DIR *dir = ::opendir(folder.constData());
    if (!dir)
        return;
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name == "." || name == "..")
            continue;
        const QByteArray path = folder + '/' + name;
        struct stat info {};
        if (::lstat(path.constData(), &info) != 0 || S_ISLNK(info.st_mode) ||
            info.st_uid != ::geteuid())
            continue;
        if ((info.st_mode & 077) != 0 && ::chmod(path.constData(), info.st_mode & 0700) == 0)
            ++tightened;
        if (S_ISDIR(info.st_mode) && depth > 1)
            tightenEntries(path, depth - 1, tightened);
    }
    ::closedir(dir);
}

Status check(const QString &path, mode_t forbidden, const QString &what) {
    const QByteArray native = QFile::encodeName(path);
    struct stat info {};
    if (::lstat(native.constData(), &info) != 0)
        return Status::failure(QStringLiteral("cannot use %1 %2: %3")
                                   .arg(what, path, ReadableFile::describeErrno(errno)));
    if (S_ISLNK(info.st_mode))
        return Status::failure(
            QStringLiteral("%1 %2 is a symbolic link; it must be a real folder").arg(what, path));
    if (!S_ISDIR(info.st_mode))
        return Status::failure(QStringLiteral("%1 %2 is not a folder").arg(what, path));
    if (info.st_uid != ::geteuid())
        return Status::failure(
            QStringLiteral("%1 %2 belongs to %3, not to you (%4)")
                .arg(what, path, ownerName(info.st_uid), ownerName(::geteuid())));
    if ((info.st_mode & forbidden) != 0)
        return Status::failure(QStringLiteral("%1 %2 is open to other users (mode %3)")
                                   .arg(what, path, octal(info.st_mode)));
    return {};
}

} // namespace

namespace PrivateFolder {

Status checkOwnedAndUnshared(const QString &path) {
    return check(path, S_IWGRP | S_IWOTH, QStringLiteral("the folder"));
}

Status ensureOwnedAndPrivate(const QString &path) {
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
        return Status::failure(QStringLiteral("cannot create the folder %1: %2")
                                   .arg(path, ReadableFile::describeErrno(errno)));
    return check(path, 077, QStringLiteral("the folder"));
}

Expected<QString> prepare(const QString &dir) {
    const QByteArray native = QFile::encodeName(QDir::cleanPath(dir));
    if (Status made = makePath(native); !made)
        return Expected<QString>::failure(made.error());
    const QString name = QFile::decodeName(native);
    if (Status owned = check(name, 0, QStringLiteral("the data folder")); !owned)
        return Expected<QString>::failure(owned.error());
    struct stat info {};
    ::lstat(native.constData(), &info);
    const mode_t before = info.st_mode;
    int tightened = 0;
    if ((before & 077) != 0) {
        if (::chmod(native.constData(), 0700) != 0)
            return Expected<QString>::failure(
                QStringLiteral("cannot make the data folder %1 private: %2")
                    .arg(name, ReadableFile::describeErrno(errno)));
    }
    tightenEntries(native, 2, tightened);
    if ((before & 077) == 0 && tightened == 0)
        return QString();
    if ((before & 077) != 0 && tightened == 0)
        return QStringLiteral("The data folder %1 was open to other users (mode %2); it is now "
                              "yours alone (0700).")
            .arg(name, octal(before));
    if ((before & 077) != 0)
        return QStringLiteral("The data folder %1 was open to other users (mode %2); it is now "
                              "yours alone (0700), and %3 of the files in it were made private.")
            .arg(name, octal(before))
            .arg(tightened);
    return QStringLiteral("%1 files in the data folder %2 were readable by other users; they are "
                          "now yours alone.")
        .arg(tightened)
        .arg(name);
}

} // namespace PrivateFolder
