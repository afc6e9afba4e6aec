#include "kinds/common/inputcheck.h"

#include "base/readablefile.h"

#include <QFile>

#include <cerrno>
#include <dirent.h>
#include <sys/stat.h>

namespace {

Status errnoFailure(const QString &path, int error) {
    if (error == ENOENT)
        return Status::failure(QStringLiteral("no such file or directory: %1").arg(path));
    return Status::failure(
        QStringLiteral("cannot read %1: %2").arg(path, ReadableFile::describeErrno(error)));
}

} // namespace

Status InputCheck::readable(const QString &path, Mode mode) {
    const QByteArray native = QFile::encodeName(path);
    struct stat info {};
    const int statted =
        mode == Mode::Copy ? ::lstat(native.constData(), &info) : ::stat(native.constData(), &info);
    if (statted != 0)
        return errnoFailure(path, errno);
    if (S_ISDIR(info.st_mode)) {
        DIR *dir = ::opendir(native.constData());
        if (!dir)
            return errnoFailure(path, errno);
        ::closedir(dir);
        return {};
    }
    if (mode == Mode::Copy && !S_ISREG(info.st_mode))
        return {}; // a link or a special file: copied as it is, not read
    const Expected<ReadableFile::Opened> opened =
        ReadableFile::open(native, mode == Mode::Copy ? ReadableFile::Links::DoNotFollow
                                                      : ReadableFile::Links::Follow);
    return opened ? Status() : Status::failure(opened.error());
}
