#include "job/cappedlogfile.h"

#include "base/filedescriptor.h"
#include "base/readablefile.h"
#include "job/humanformat.h"

#include <QLocale>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
const QByteArray truncatedMarker = QByteArrayLiteral("[log truncated: ");

// Whether the file's last line is the truncation line. Reads at most its last 256 bytes.
bool endsWithTruncationLine(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const qint64 size = file.size();
    if (size == 0)
        return false;
    const qint64 from = qMax<qint64>(0, size - 256);
    if (!file.seek(from))
        return false;
    QByteArray tail = file.read(size - from);
    if (tail.endsWith('\n'))
        tail.chop(1);
    const qsizetype lineStart = tail.lastIndexOf('\n') + 1;
    return tail.mid(lineStart).startsWith(truncatedMarker);
}
} // namespace

bool CappedLogFile::open(const QString &path) {
    m_file.close();
    m_error.clear();
    m_written = 0;
    m_truncated = false;
    // Non-blocking, so a FIFO (or a device) in the log's place cannot hold the
    // job before it starts; only a regular file is written, and only once it
    // is known to be one is it truncated. Created private: it holds the
    // program's output.
    FileDescriptor fd(::open(QFile::encodeName(path).constData(),
                             O_WRONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0600));
    if (!fd.isValid()) {
        // ENXIO: a FIFO that nobody reads (opening it would have waited).
        m_error = errno == ENXIO ? QStringLiteral("not a regular file (a FIFO with no reader)")
                                 : ReadableFile::describeErrno(errno);
        return false;
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
        m_error = QStringLiteral("not a regular file");
        return false;
    }
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0 ||
        ::ftruncate(fd.get(), 0) != 0) {
        m_error = ReadableFile::describeErrno(errno);
        return false;
    }
    if (!m_file.open(fd.get(), QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
        m_error = m_file.errorString();
        return false;
    }
    fd.release();
    return true;
}

bool CappedLogFile::openForAppend(const QString &path, Access access) {
    m_file.setFileName(path);
    const bool opened = access == Access::OwnerOnly
                            ? m_file.open(QIODevice::WriteOnly | QIODevice::Append,
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                            : m_file.open(QIODevice::WriteOnly | QIODevice::Append);
    if (!opened) {
        m_error = m_file.errorString();
        return false;
    }
    m_written = m_file.size();
    m_truncated = endsWithTruncationLine(path);
    return true;
}

void CappedLogFile::writeLine(const QByteArray &line) {
    if (!m_file.isOpen() || m_truncated)
        return;
    if (m_written + line.size() + 1 > m_maxBytes) {
        m_truncated = true;
        m_file.write(truncatedMarker + QStringLiteral("it reached %1; later lines are not kept]\n")
                                           .arg(HumanFormat::bytes(m_maxBytes, QLocale::c()))
                                           .toUtf8());
        m_file.flush();
        return;
    }
    m_file.write(line);
    m_file.write("\n", 1);
    m_written += line.size() + 1;
}

void CappedLogFile::close() {
    m_file.close();
}
