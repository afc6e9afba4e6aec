#include "kinds/copy/filecopier.h"

#include "base/readablefile.h"
#include "job/jobcontext.h"
#include "kinds/common/atomicoutputfile.h"
#include "kinds/copy/extendedattributes.h"

#include <QFile>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString decode(const QByteArray &path) {
    return QFile::decodeName(path);
}

QByteArray join(const QByteArray &folder, const QByteArray &name) {
    return folder.endsWith('/') ? folder + name : folder + '/' + name;
}

// A fresh temporary name for what mkostemp() cannot make (links, special files).
QByteArray randomTemporaryName(const QByteArray &folder, const QByteArray &name,
                               const QByteArray &tag) {
    QByteArray path = AtomicOutputFile::temporaryPattern(folder, name, tag);
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (qsizetype i = path.size() - 6; i < path.size(); ++i)
        path[i] = letters[QRandomGenerator::global()->bounded(int(sizeof(letters) - 1))];
    return path;
}

// The file an open descriptor refers to, whatever became of its name since.
QByteArray descriptorPath(int fd) {
    return "/proc/self/fd/" + QByteArray::number(fd);
}

bool sameFile(const struct stat &a, const struct stat &b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

} // namespace

FileCopier::FileCopier(JobContext &context, CopyJobParams::Conflict policy, bool verify)
    : m_context(context)
    , m_policy(policy)
    , m_verify(verify)
    , m_hasher(HashAlgorithm::Sha256) {}

FileCopier::~FileCopier() = default;

QByteArray FileCopier::numberedName(const QByteArray &name, int n) {
    const QByteArray number = " (" + QByteArray::number(n) + ')';
    const qsizetype dot = name.lastIndexOf('.');
    if (dot <= 0) // no extension, or a dot file such as ".profile"
        return name + number;
    return name.left(dot) + number + name.mid(dot);
}

FileCopier::Outcome FileCopier::fail(const QString &what, const QByteArray &path, int error) {
    m_error = QStringLiteral("%1 %2: %3").arg(what, decode(path), FileHasher::describeErrno(error));
    return Outcome::Failed;
}

void FileCopier::track(const QByteArray &temp) {
    m_context.trackTemporary(decode(temp));
}

void FileCopier::release(const QByteArray &temp) {
    m_context.releaseTemporary(decode(temp));
}

FileCopier::Outcome FileCopier::discard(const QByteArray &temp, Outcome outcome) {
    ::unlink(temp.constData());
    release(temp);
    return outcome;
}

void FileCopier::report(qint64 bytes) {
    // With verification a file is read three times (copy, then both sides
    // hashed); the job counts its size once, so each pass moves a third.
    m_work += bytes;
    const qint64 data = m_work / (m_verify ? 3 : 1);
    m_context.addDone(data - m_reported);
    m_reported = data;
}

std::optional<FileCopier::Outcome> FileCopier::begin(const CopyScanner::Entry &entry,
                                                     const QByteArray &targetFolder) {
    m_finalPath = join(targetFolder, entry.name);
    m_renamed = false;
    m_error.clear();
    m_reported = 0;
    m_work = 0;

    struct stat existing {};
    if (::lstat(m_finalPath.constData(), &existing) != 0)
        return std::nullopt;
    if (m_policy == CopyJobParams::Conflict::Skip ||
        (sameFile(existing, entry.info) && m_policy == CopyJobParams::Conflict::Overwrite))
        return Outcome::Skipped;
    if (m_policy == CopyJobParams::Conflict::Overwrite && S_ISDIR(existing.st_mode)) {
        m_error =
            QStringLiteral("cannot overwrite the folder %1 with a file").arg(decode(m_finalPath));
        return Outcome::Failed;
    }
    return std::nullopt;
}

FileCopier::Outcome FileCopier::copy(const CopyScanner::Entry &entry,
                                     const QByteArray &targetFolder) {
    if (const std::optional<Outcome> decided = begin(entry, targetFolder))
        return *decided;
    switch (entry.type) {
    case CopyScanner::Type::File:
        return copyFile(entry, targetFolder);
    case CopyScanner::Type::Symlink:
    case CopyScanner::Type::Special:
        return copyNode(entry, targetFolder);
    case CopyScanner::Type::Folder:
        break;
    }
    m_error = QStringLiteral("cannot copy the folder %1 as a file").arg(decode(entry.source));
    return Outcome::Failed;
}

FileCopier::Outcome FileCopier::copyFile(const CopyScanner::Entry &entry,
                                         const QByteArray &targetFolder) {
    // Opened as it is now, not as it was scanned: a FIFO or a link put in its
    // place since is refused here, not read forever.
    const Expected<ReadableFile::Opened> opened =
        ReadableFile::open(entry.source, ReadableFile::Links::DoNotFollow);
    if (!opened) {
        m_error = opened.error();
        return Outcome::Failed;
    }
    const int in = opened->fd.get();
    // What a run of this job cut short left here goes before this run adds its own.
    AtomicOutputFile::sweepStale(m_context, targetFolder);
    QByteArray temp =
        AtomicOutputFile::temporaryPattern(targetFolder, entry.name, m_context.temporaryTag());
    FileDescriptor out(::mkostemp(temp.data(), O_CLOEXEC));
    if (!out.isValid())
        return fail(QStringLiteral("cannot write into"), targetFolder, errno);
    track(temp);
    Outcome outcome = copyData(in, out.get(), opened->info, entry.source);
    // Verified while the temporary file is still 0600: readable even when the
    // source's mode is not.
    if (outcome == Outcome::Copied && m_verify)
        outcome = verifyCopy(in, out.get(), entry.source, temp);
    if (outcome == Outcome::Copied)
        outcome = finishFile(in, out.get(), opened->info, entry.source, temp);
    // close() is where some file systems (NFS) report a failed write.
    if (::close(out.release()) != 0 && outcome == Outcome::Copied)
        outcome = fail(QStringLiteral("cannot write"), m_finalPath, errno);
    if (outcome != Outcome::Copied)
        return discard(temp, outcome);
    return place(temp, targetFolder, entry.name);
}

FileCopier::Outcome FileCopier::copyData(int in, int out, const struct stat &info,
                                         const QByteArray &source) {
    const auto progress = [this](qint64 bytes) {
        report(bytes);
        return m_context.checkpoint();
    };
    switch (m_extents.copy(in, out, info.st_size, progress)) {
    case ExtentCopier::Outcome::Copied:
        return Outcome::Copied;
    case ExtentCopier::Outcome::Stopped:
        return Outcome::Stopped;
    case ExtentCopier::Outcome::Failed:
        break;
    }
    switch (m_extents.failedSide()) {
    case ExtentCopier::Side::Read:
        return fail(QStringLiteral("cannot read"), source, m_extents.error());
    case ExtentCopier::Side::Write:
        return fail(QStringLiteral("cannot write"), m_finalPath, m_extents.error());
    case ExtentCopier::Side::Either: // EIO on the source and ENOSPC on the target look alike
        break;
    }
    return fail(QStringLiteral("cannot copy"), source, m_extents.error());
}

FileCopier::Outcome FileCopier::finishFile(int in, int out, const struct stat &info,
                                           const QByteArray &source, const QByteArray &temp) {
    // Owner before mode: chown clears the set-user-ID and set-group-ID bits.
    if (::geteuid() == 0 && ::fchown(out, info.st_uid, info.st_gid) != 0) {
        // As cp -a: a copy that cannot keep its owner is still a copy.
    }
    if (::fchmod(out, info.st_mode & 07777) != 0)
        return fail(QStringLiteral("cannot set the mode of"), temp, errno);
    if (const auto failure = ExtendedAttributes::copy(in, out)) {
        m_error = ExtendedAttributes::describe(*failure, source);
        return Outcome::Failed;
    }
    const struct timespec times[2] = {info.st_atim, info.st_mtim};
    ::futimens(out, times);
    return Outcome::Copied;
}

FileCopier::Outcome FileCopier::copyNode(const CopyScanner::Entry &entry,
                                         const QByteArray &targetFolder) {
    const struct stat &info = entry.info;
    QByteArray temp;
    Outcome outcome;
    if (entry.type == CopyScanner::Type::Symlink) {
        QByteArray target(info.st_size + 1, Qt::Uninitialized);
        const ssize_t length = ::readlink(entry.source.constData(), target.data(), target.size());
        if (length < 0)
            return fail(QStringLiteral("cannot read the link"), entry.source, errno);
        target.truncate(length);
        const auto make = [&](const char *path) { return ::symlink(target.constData(), path); };
        outcome = createTemporary(targetFolder, entry.name, make, &temp);
    } else {
        // Made from what the scan saw, never opened: a FIFO's reader would wait
        // for a writer, a device's would read the device.
        const auto make = [&](const char *path) {
            return ::mknod(path, (info.st_mode & S_IFMT) | 0600, info.st_rdev);
        };
        outcome = createTemporary(targetFolder, entry.name, make, &temp);
    }
    if (outcome != Outcome::Copied)
        return outcome;
    if (::geteuid() == 0 && ::lchown(temp.constData(), info.st_uid, info.st_gid) != 0) {
        // As cp -a: a link or node that cannot keep its owner is still copied.
    }
    if (entry.type == CopyScanner::Type::Special && ::chmod(temp.constData(), info.st_mode & 07777))
        return discard(temp, fail(QStringLiteral("cannot set the mode of"), temp, errno));
    if (const auto failure = ExtendedAttributes::copy(entry.source, temp)) {
        m_error = ExtendedAttributes::describe(*failure, entry.source);
        return discard(temp, Outcome::Failed);
    }
    const struct timespec times[2] = {info.st_atim, info.st_mtim};
    ::utimensat(AT_FDCWD, temp.constData(), times, AT_SYMLINK_NOFOLLOW);
    return place(temp, targetFolder, entry.name);
}

FileCopier::Outcome FileCopier::createTemporary(const QByteArray &targetFolder,
                                                const QByteArray &name,
                                                const std::function<int(const char *)> &make,
                                                QByteArray *temp) {
    AtomicOutputFile::sweepStale(m_context, targetFolder);
    for (int attempt = 0;; ++attempt) {
        *temp = randomTemporaryName(targetFolder, name, m_context.temporaryTag());
        if (make(temp->constData()) == 0) {
            track(*temp);
            return Outcome::Copied;
        }
        if (errno != EEXIST || attempt >= 100)
            return fail(QStringLiteral("cannot create"), m_finalPath, errno);
    }
}

FileCopier::Outcome FileCopier::link(const CopyScanner::Entry &entry,
                                     const QByteArray &existingCopy,
                                     const QByteArray &targetFolder) {
    if (const std::optional<Outcome> decided = begin(entry, targetFolder))
        return *decided;
    struct stat copy {};
    if (::lstat(existingCopy.constData(), &copy) != 0)
        return fail(QStringLiteral("cannot link to"), existingCopy, errno);
    QByteArray temp;
    const auto make = [&](const char *path) { return ::link(existingCopy.constData(), path); };
    if (const Outcome made = createTemporary(targetFolder, entry.name, make, &temp);
        made != Outcome::Copied)
        return made;
    return place(temp, targetFolder, entry.name);
}

FileCopier::Outcome FileCopier::verifyCopy(int in, int out, const QByteArray &source,
                                           const QByteArray &temp) {
    const auto onBlock = [this](qint64 bytes) {
        report(bytes);
        return m_context.checkpoint();
    };
    // Through the descriptors copied, not the names: what is verified is what
    // was copied, whatever happened to the paths since, and nothing can block.
    QByteArray digests[2];
    const int descriptors[2] = {in, out};
    const QByteArray *names[2] = {&source, &temp};
    for (int side = 0; side < 2; ++side) {
        const QByteArray self = descriptorPath(descriptors[side]);
        switch (m_hasher.hash(self, onBlock)) {
        case FileHasher::Outcome::Hashed:
            digests[side] = m_hasher.digest();
            break;
        case FileHasher::Outcome::Stopped:
            return Outcome::Stopped;
        case FileHasher::Outcome::Failed:
            m_error = QString(m_hasher.errorString()).replace(decode(self), decode(*names[side]));
            return Outcome::Failed;
        }
    }
    if (digests[0] == digests[1])
        return Outcome::Copied;
    m_error = QStringLiteral("verification failed: the copy of %1 differs from the original")
                  .arg(decode(source));
    return Outcome::Failed;
}

bool FileCopier::renameNoReplace(const QByteArray &from, const QByteArray &to) {
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS)
        return false;
    // A file system without RENAME_NOREPLACE: a hard link never replaces either.
    if (::link(from.constData(), to.constData()) == 0) {
        ::unlink(from.constData());
        return true;
    }
    if (errno == EEXIST)
        return false;
    struct stat info {};
    if (::lstat(to.constData(), &info) == 0) {
        errno = EEXIST;
        return false;
    }
    return ::rename(from.constData(), to.constData()) == 0;
}

FileCopier::Outcome FileCopier::place(const QByteArray &temp, const QByteArray &targetFolder,
                                      const QByteArray &name) {
    Outcome outcome = Outcome::Copied;
    switch (m_policy) {
    case CopyJobParams::Conflict::Overwrite: {
        if (::rename(temp.constData(), m_finalPath.constData()) != 0) {
            outcome = fail(QStringLiteral("cannot write"), m_finalPath, errno);
            break;
        }
        // rename() between two names of one file (a hard link that was already
        // in place) succeeds doing nothing: the temporary name is still there.
        struct stat left {};
        if (::lstat(temp.constData(), &left) == 0)
            ::unlink(temp.constData());
        break;
    }
    case CopyJobParams::Conflict::Skip:
        if (!renameNoReplace(temp, m_finalPath))
            outcome = errno == EEXIST ? Outcome::Skipped
                                      : fail(QStringLiteral("cannot write"), m_finalPath, errno);
        break;
    case CopyJobParams::Conflict::Rename:
        for (int n = 1;; ++n) {
            if (n > 1) {
                m_finalPath = join(targetFolder, numberedName(name, n));
                m_renamed = true;
            }
            if (renameNoReplace(temp, m_finalPath))
                break;
            if (errno != EEXIST || n > 100000) {
                outcome = fail(QStringLiteral("cannot write"), m_finalPath, errno);
                break;
            }
        }
        break;
    }
    if (outcome != Outcome::Copied)
        return discard(temp, outcome);
    release(temp);
    return outcome;
}
