#include "base/readablefile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>

namespace ReadableFile {

namespace {

// A non-blocking open of a regular file that another process holds a lease on
// (a file server, a test that gates an open) fails with EWOULDBLOCK after
// starting the lease break, where a blocking open would wait for the holder
// to give the lease up (at most /proc/sys/fs/lease-break-time seconds). So
// the path is opened as O_PATH (which neither blocks nor breaks a lease) and
// that very inode, once known to be a regular file, is reopened through /proc:
// the path may have been swapped for a FIFO in between, the inode cannot.
// Sets errno when it returns no descriptor.
FileDescriptor openLeased(const QByteArray &path, int flags) {
    FileDescriptor handle(::open(path.constData(), O_PATH | O_CLOEXEC | (flags & O_NOFOLLOW)));
    struct stat info {};
    if (!handle.isValid() || ::fstat(handle.get(), &info) != 0) {
        const int error = errno;
        handle.reset();
        errno = error;
        return handle;
    }
    // Anything else is refused by the caller's fstat(), which an O_PATH descriptor answers.
    if (!S_ISREG(info.st_mode))
        return handle;
    const QByteArray self = "/proc/self/fd/" + QByteArray::number(handle.get());
    FileDescriptor reopened(::open(self.constData(), flags & ~(O_NONBLOCK | O_NOFOLLOW)));
    const int error = errno;
    handle.reset();
    errno = error;
    return reopened;
}

} // namespace

QString describeErrno(int error) {
    QString text = QString::fromLocal8Bit(std::strerror(error));
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

QString describeType(mode_t mode) {
    if (S_ISREG(mode))
        return QStringLiteral("a regular file");
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISLNK(mode))
        return QStringLiteral("a symbolic link");
    return QStringLiteral("not a regular file");
}

Expected<Opened> open(const QByteArray &path, Links links) {
    const auto failure = [&path](const QString &reason) {
        return Expected<Opened>::failure(
            QStringLiteral("cannot read %1: %2").arg(QFile::decodeName(path), reason));
    };
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    if (links == Links::DoNotFollow)
        flags |= O_NOFOLLOW;
    Opened opened;
    opened.fd.reset(::open(path.constData(), flags));
    if (!opened.fd.isValid() && errno == EWOULDBLOCK)
        opened.fd = openLeased(path, flags);
    if (!opened.fd.isValid()) {
        const int error = errno;
        if (error == ELOOP && links == Links::DoNotFollow)
            return failure(QStringLiteral("it is a symbolic link, not a regular file"));
        return failure(describeErrno(error));
    }
    if (::fstat(opened.fd.get(), &opened.info) != 0)
        return failure(describeErrno(errno));
    if (!S_ISREG(opened.info.st_mode))
        return failure(
            QStringLiteral("it is %1, not a regular file").arg(describeType(opened.info.st_mode)));
    // Regular files ignore O_NONBLOCK; clear it so no later reader is surprised.
    const int status = ::fcntl(opened.fd.get(), F_GETFL);
    if (status >= 0)
        ::fcntl(opened.fd.get(), F_SETFL, status & ~O_NONBLOCK);
    return opened;
}

Expected<Opened> open(const QString &path, Links links) {
    return open(QFile::encodeName(path), links);
}

} // namespace ReadableFile
