#include "kinds/copy/extentcopier.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace {

// Large enough that the per-chunk checkpoint costs nothing, small enough that
// a chunk takes a few milliseconds: pause and cancel stay prompt.
constexpr qint64 chunkSize = 16 << 20;
constexpr qsizetype bufferSize = 1 << 20;
// copyRange() up to the end of the file, wherever that is.
constexpr qint64 toEndOfFile = -1;

bool kernelCannotCopy(int error) {
    // Another file system (before Linux 5.19), no copy_file_range at all, or
    // one of the files is of a kind it refuses: pread/pwrite can still copy.
    return error == EXDEV || error == ENOSYS || error == EINVAL || error == EOPNOTSUPP;
}

} // namespace

ExtentCopier::Outcome ExtentCopier::fail(Side side, int error) {
    m_side = side;
    m_error = error;
    return Outcome::Failed;
}

ExtentCopier::Outcome ExtentCopier::copy(int in, int out, qint64 size, const Progress &progress) {
    m_kernelCopy = true;
    qint64 position = 0; // everything before it is copied, or a hole in both files
    for (;;) {
        off_t data = ::lseek(in, position, SEEK_DATA);
        off_t hole = toEndOfFile;
        if (data < 0 && errno == ENXIO)
            break; // only a hole after position, up to the end
        if (data < 0 && (errno == EINVAL || errno == EOPNOTSUPP)) {
            data = position; // no hole information: all data, to the end
        } else if (data < 0) {
            return fail(Side::Read, errno);
        } else {
            hole = ::lseek(in, data, SEEK_HOLE); // the end of the file at the latest
            if (hole < 0)
                return fail(Side::Read, errno);
        }
        if (data > position && !progress(data - position))
            return Outcome::Stopped;
        qint64 reached = data;
        if (const Outcome outcome = copyRange(in, out, data, hole, &reached, progress);
            outcome != Outcome::Copied)
            return outcome;
        position = reached;
        if (hole == toEndOfFile || reached < hole)
            break; // the end of the file came first (it may have shrunk meanwhile)
    }
    // The holes at the end are only a size.
    const qint64 end = qMax(position, size);
    if (end > position && !progress(end - position))
        return Outcome::Stopped;
    if (::ftruncate(out, off_t(end)) != 0)
        return fail(Side::Write, errno);
    return Outcome::Copied;
}

ExtentCopier::Outcome ExtentCopier::copyRange(int in, int out, qint64 from, qint64 to,
                                              qint64 *reached, const Progress &progress) {
    qint64 offset = from;
    while (to == toEndOfFile || offset < to) {
        const size_t length = size_t(to == toEndOfFile ? chunkSize : qMin(chunkSize, to - offset));
        ssize_t n = 0;
        if (m_kernelCopy) {
            loff_t inOffset = offset;
            loff_t outOffset = offset;
            n = ::copy_file_range(in, &inOffset, out, &outOffset, length, 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && kernelCannotCopy(errno)) {
                m_kernelCopy = false; // the same bytes again, the slow way
                continue;
            }
            if (n < 0)
                return fail(Side::Either, errno);
        } else if (!readWrite(in, out, offset, length, &n)) {
            return Outcome::Failed;
        }
        if (n == 0)
            break;
        offset += n;
        *reached = offset;
        if (!progress(n))
            return Outcome::Stopped;
    }
    *reached = offset;
    return Outcome::Copied;
}

bool ExtentCopier::readWrite(int in, int out, qint64 offset, size_t length, ssize_t *copied) {
    if (m_buffer.isEmpty())
        m_buffer.resize(bufferSize);
    ssize_t n;
    do {
        n = ::pread(in, m_buffer.data(), qMin(length, size_t(m_buffer.size())), off_t(offset));
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        fail(Side::Read, errno);
        return false;
    }
    for (ssize_t written = 0; written < n;) {
        const ssize_t w = ::pwrite(out, m_buffer.constData() + written, size_t(n - written),
                                   off_t(offset + written));
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            fail(Side::Write, errno);
            return false;
        }
        written += w;
    }
    *copied = n;
    return true;
}
