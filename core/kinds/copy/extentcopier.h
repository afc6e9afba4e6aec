#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <functional>

// Copies the data of one open regular file into another the way cp does for a
// sparse file: only the data extents are copied (found with lseek SEEK_DATA /
// SEEK_HOLE), each with copy_file_range(2) in chunks of 16 MiB (pread/pwrite
// where the kernel cannot copy between the two), the holes are skipped, and
// the target's size is set with ftruncate() at the end. A 1 GiB file with a few
// data blocks therefore takes a few blocks in the copy too, and copies at once.
// A file system that cannot tell its holes is copied as one data extent.
//
// Progress: after every chunk, and for every hole skipped, progress(bytes) is
// called; when it returns false the copy stops (Stopped) within one chunk.
//
// Thread: one ExtentCopier per thread (it owns the read/write buffer).
class ExtentCopier {
public:
    enum class Outcome {
        Copied,
        Failed, // failedSide() and error() say what
        Stopped,
    };
    enum class Side { Read, Write, Either };
    using Progress = std::function<bool(qint64 bytes)>;

    // Copies from in (read from offset 0, size bytes as it had when opened)
    // into out (an empty file). Neither descriptor's offset is used.
    Outcome copy(int in, int out, qint64 size, const Progress &progress);

    // After Failed: the errno, and which file it came from (Either for
    // copy_file_range, where EIO on the source and ENOSPC on the target look
    // alike).
    int error() const { return m_error; }
    Side failedSide() const { return m_side; }

private:
    Outcome copyRange(int in, int out, qint64 from, qint64 to, qint64 *reached,
                      const Progress &progress);
    bool readWrite(int in, int out, qint64 offset, size_t length, ssize_t *copied);
    Outcome fail(Side side, int error);

    QByteArray m_buffer; // for the pread/pwrite fallback
    bool m_kernelCopy = true;
    int m_error = 0;
    Side m_side = Side::Either;
};
