#include "kinds/copy/extendedattributes.h"

#include "base/readablefile.h"

#include <QFile>
#include <QList>

#include <cerrno>
#include <functional>
#include <sys/xattr.h>

namespace ExtendedAttributes {

namespace {

constexpr char accessAcl[] = "system.posix_acl_access";
constexpr char defaultAcl[] = "system.posix_acl_default";

// The four calls, on descriptors or on paths (the l* ones: links not followed).
struct Access {
    std::function<ssize_t(char *, size_t)> list;
    std::function<ssize_t(const char *, void *, size_t)> get;
    std::function<int(const char *, const void *, size_t)> set;
    std::function<int(const char *)> remove;
};

bool copied(const QByteArray &name) {
    if (name.startsWith("system."))
        return name == accessAcl || name == defaultAcl;
    return name != "security.evm";
}

bool cannotTake(int error) {
    return error == EPERM || error == EACCES || error == ENOTSUP || error == EINVAL;
}

// Calls fill(buffer, size) with a buffer large enough, asking for the size first
// (it may grow in between: ERANGE, ask again). Returns false with errno set.
bool readSized(const std::function<ssize_t(char *, size_t)> &fill, QByteArray *out) {
    for (int attempt = 0; attempt < 8; ++attempt) {
        const ssize_t size = fill(nullptr, 0);
        if (size < 0)
            return false;
        out->resize(size);
        if (size == 0)
            return true;
        const ssize_t n = fill(out->data(), size_t(size));
        if (n >= 0) {
            out->truncate(n);
            return true;
        }
        if (errno != ERANGE)
            return false;
    }
    errno = ERANGE;
    return false;
}

std::optional<Failure> copyAll(const Access &from, const Access &to) {
    QByteArray names;
    if (!readSized(from.list, &names)) {
        if (errno == ENOTSUP)
            return std::nullopt; // a file system without attributes has none to copy
        return Failure{{}, errno, true};
    }
    QList<QByteArray> listed = names.split('\0');
    bool hasAcl[2] = {false, false};
    for (const QByteArray &name : std::as_const(listed)) {
        if (name.isEmpty() || !copied(name))
            continue;
        hasAcl[0] = hasAcl[0] || name == accessAcl;
        hasAcl[1] = hasAcl[1] || name == defaultAcl;
        QByteArray value;
        const auto get = [&](char *buffer, size_t size) {
            return from.get(name.constData(), buffer, size);
        };
        if (!readSized(get, &value)) {
            if (errno == ENODATA)
                continue; // removed since it was listed
            return Failure{name, errno, true};
        }
        if (to.set(name.constData(), value.constData(), size_t(value.size())) != 0 &&
            !cannotTake(errno))
            return Failure{name, errno, false};
    }
    const char *acls[2] = {accessAcl, defaultAcl};
    for (int i = 0; i < 2; ++i) {
        if (!hasAcl[i] && to.remove(acls[i]) != 0 && errno != ENODATA && !cannotTake(errno))
            return Failure{acls[i], errno, false};
    }
    return std::nullopt;
}

Access onDescriptor(int fd) {
    return {[fd](char *list, size_t size) { return ::flistxattr(fd, list, size); },
            [fd](const char *name, void *value, size_t size) {
                return ::fgetxattr(fd, name, value, size);
            },
            [fd](const char *name, const void *value, size_t size) {
                return ::fsetxattr(fd, name, value, size, 0);
            },
            [fd](const char *name) { return ::fremovexattr(fd, name); }};
}

Access onPath(const QByteArray &path) {
    const char *p = path.constData();
    return {[p](char *list, size_t size) { return ::llistxattr(p, list, size); },
            [p](const char *name, void *value, size_t size) {
                return ::lgetxattr(p, name, value, size);
            },
            [p](const char *name, const void *value, size_t size) {
                return ::lsetxattr(p, name, value, size, 0);
            },
            [p](const char *name) { return ::lremovexattr(p, name); }};
}

} // namespace

std::optional<Failure> copy(int from, int to) {
    return copyAll(onDescriptor(from), onDescriptor(to));
}

std::optional<Failure> copy(const QByteArray &from, const QByteArray &to) {
    return copyAll(onPath(from), onPath(to));
}

QString describe(const Failure &failure, const QByteArray &source) {
    const QString file = QFile::decodeName(source);
    const QString reason = ReadableFile::describeErrno(failure.error);
    if (failure.name.isEmpty())
        return QStringLiteral("cannot read the extended attributes of %1: %2").arg(file, reason);
    return QStringLiteral("cannot %1 the extended attribute %2 of %3: %4")
        .arg(failure.reading ? QStringLiteral("read") : QStringLiteral("keep"),
             QString::fromLatin1(failure.name), file, reason);
}

} // namespace ExtendedAttributes
