#include "kinds/common/atomicoutputfile.h"

#include "base/readablefile.h"
#include "job/jobcontext.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
// Leaves room for ".", ".taskdeck-XXXXXX" within NAME_MAX (255).
constexpr qsizetype maxNameInTemporary = 200;

mode_t currentUmask() {
    // umask() can only be read by setting it; the value is restored at once.
    // Every thread shares it, so the window between the two calls is kept tiny.
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return mask;
}
} // namespace

AtomicOutputFile::AtomicOutputFile(JobContext *context, QString finalPath)
    : m_context(context)
    , m_finalPath(std::move(finalPath)) {}

AtomicOutputFile::~AtomicOutputFile() {
    discard();
}

QByteArray AtomicOutputFile::temporaryPattern(const QByteArray &folder, const QByteArray &name,
                                              const QByteArray &tag) {
    const QByteArray prefix = folder.endsWith('/') ? folder : folder + '/';
    const QByteArray owner = tag.isEmpty() ? QByteArray() : tag + '-';
    return prefix + '.' + name.left(maxNameInTemporary) + ".taskdeck-" + owner + "XXXXXX";
}

int AtomicOutputFile::sweepStale(JobContext &context, const QByteArray &folder) {
    if (!context.earlierRunCutShort() || context.temporaryTag().isEmpty())
        return 0;
    int deleted = 0;
    // Under the visit lock: no thread of this run writes into the folder until
    // the sweep is done, so no live temporary file of its own can be taken for
    // a stale one.
    context.onFirstVisit(QFile::decodeName(folder), [&] {
        const QByteArray tag = ".taskdeck-" + context.temporaryTag() + '-';
        const QStringList live = context.temporaries();
        DIR *dir = ::opendir(folder.constData());
        if (!dir)
            return;
        while (const dirent *entry = ::readdir(dir)) {
            const QByteArrayView name(entry->d_name);
            const qsizetype at = name.lastIndexOf(tag);
            // ".NAME" + tag + six characters, nothing after.
            if (!name.startsWith('.') || at <= 1 || name.size() != at + tag.size() + 6)
                continue;
            const QByteArray path =
                (folder.endsWith('/') ? folder : folder + '/') + name.toByteArray();
            struct stat info {};
            if (::lstat(path.constData(), &info) != 0 || S_ISDIR(info.st_mode) ||
                live.contains(QFile::decodeName(path)))
                continue;
            if (::unlink(path.constData()) == 0)
                ++deleted;
        }
        ::closedir(dir);
    });
    if (deleted > 0)
        context.log(QStringLiteral("deleted %1 temporary files an interrupted run left in %2")
                        .arg(deleted)
                        .arg(QFile::decodeName(folder)));
    return deleted;
}

QString AtomicOutputFile::temporaryPath() const {
    return QFile::decodeName(m_temporary);
}

Status AtomicOutputFile::open() {
    discard();
    const QFileInfo target(m_finalPath);
    const QByteArray folder = QFile::encodeName(target.absolutePath());
    if (m_context)
        sweepStale(*m_context, folder);
    QByteArray pattern = temporaryPattern(folder, QFile::encodeName(target.fileName()),
                                          m_context ? m_context->temporaryTag() : QByteArray());
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) {
        return Status::failure(
            QStringLiteral("cannot write into %1: %2")
                .arg(QFile::decodeName(folder), ReadableFile::describeErrno(errno)));
    }
    m_fd.reset(fd);
    m_temporary = pattern;
    if (m_context)
        m_context->trackTemporary(temporaryPath());
    // mkostemp makes 0600; an output is as readable as any file the user creates.
    ::fchmod(fd, 0666 & ~currentUmask());
    m_device = std::make_unique<QFile>();
    if (!m_device->open(fd, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
        const QString error = m_device->errorString();
        discard();
        return Status::failure(QStringLiteral("cannot write %1: %2").arg(m_finalPath, error));
    }
    return {};
}

QFile *AtomicOutputFile::device() {
    return m_device.get();
}

Status AtomicOutputFile::write(const QByteArray &bytes) {
    if (!m_device)
        return Status::failure(QStringLiteral("cannot write %1: not open").arg(m_finalPath));
    if (m_device->write(bytes) != bytes.size())
        return Status::failure(
            QStringLiteral("cannot write %1: %2").arg(m_finalPath, m_device->errorString()));
    return {};
}

Status AtomicOutputFile::commit(Existing existing) {
    if (!m_device)
        return Status::failure(QStringLiteral("cannot write %1: not open").arg(m_finalPath));
    const auto fail = [this](const QString &reason) {
        discard();
        return Status::failure(QStringLiteral("cannot write %1: %2").arg(m_finalPath, reason));
    };
    if (!m_device->flush())
        return fail(m_device->errorString());
    if (::fdatasync(m_fd.get()) != 0)
        return fail(ReadableFile::describeErrno(errno));
    m_device.reset();
    m_fd.reset();
    const QByteArray final = QFile::encodeName(m_finalPath);
    const unsigned flags = existing == Existing::Keep ? RENAME_NOREPLACE : 0;
    if (::renameat2(AT_FDCWD, m_temporary.constData(), AT_FDCWD, final.constData(), flags) != 0) {
        const int error = errno;
        if (error == EEXIST)
            return fail(QStringLiteral("it already exists"));
        return fail(ReadableFile::describeErrno(error));
    }
    if (m_context)
        m_context->releaseTemporary(temporaryPath());
    m_temporary.clear();
    return {};
}

void AtomicOutputFile::discard() {
    m_device.reset();
    m_fd.reset();
    if (m_temporary.isEmpty())
        return;
    ::unlink(m_temporary.constData());
    if (m_context)
        m_context->releaseTemporary(temporaryPath());
    m_temporary.clear();
}
