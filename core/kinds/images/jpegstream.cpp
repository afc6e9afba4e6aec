#include "kinds/images/jpegstream.h"

#include <QByteArray>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace JpegStream {

namespace {

constexpr int soi = 0xd8;
constexpr int eoi = 0xd9;
constexpr int sos = 0xda;
constexpr int endOfData = -1;

// Reads fd forward through a buffer, byte by byte or skipping ahead.
class Reader {
public:
    explicit Reader(int fd)
        : m_fd(fd)
        , m_buffer(64 * 1024, Qt::Uninitialized) {}

    // The next byte, or endOfData at the end of the file or on an error.
    int next() {
        if (m_at == m_length && !refill())
            return endOfData;
        return uchar(m_buffer[m_at++]);
    }
    // Past the end of the file, next() then says endOfData.
    void skip(qint64 count) {
        const qint64 buffered = m_length - m_at;
        if (count <= buffered) {
            m_at += qsizetype(count);
            return;
        }
        m_offset += count - buffered;
        m_at = m_length = 0;
    }
    // Skips to just after the next 0xFF; false at the end of the data.
    bool skipPastFF() {
        for (;;) {
            if (m_at == m_length && !refill())
                return false;
            const char *start = m_buffer.constData() + m_at;
            const void *found = std::memchr(start, 0xff, size_t(m_length - m_at));
            if (found) {
                m_at += qsizetype(static_cast<const char *>(found) - start) + 1;
                return true;
            }
            m_at = m_length;
        }
    }

private:
    bool refill() {
        ssize_t n;
        do {
            n = ::pread(m_fd, m_buffer.data(), size_t(m_buffer.size()), off_t(m_offset));
        } while (n < 0 && errno == EINTR);
        if (n <= 0)
            return false;
        m_offset += n;
        m_at = 0;
        m_length = n;
        return true;
    }

    int m_fd;
    QByteArray m_buffer;
    qint64 m_offset = 0; // of the byte after the buffered ones
    qsizetype m_at = 0;
    qsizetype m_length = 0;
};

// The code of the marker at the reader: 0xFF, fill bytes (more 0xFF), the code.
// Stray bytes before it are passed over, as libjpeg does (with a warning).
int nextMarker(Reader &reader) {
    if (!reader.skipPastFF())
        return endOfData;
    int code;
    do {
        code = reader.next();
    } while (code == 0xff);
    return code;
}

// After a SOS segment's header: the marker that ends its entropy-coded data.
int markerAfterScan(Reader &reader) {
    for (;;) {
        const int code = nextMarker(reader);
        const bool stuffedOrRestart = code == 0x00 || (code >= 0xd0 && code <= 0xd7);
        if (!stuffedOrRestart)
            return code;
    }
}

bool standsAlone(int code) {
    return code == soi || code == 0x01 || (code >= 0xd0 && code <= 0xd7);
}

} // namespace

bool isComplete(int fd) {
    Reader reader(fd);
    if (reader.next() != 0xff || reader.next() != soi)
        return true; // not a JPEG stream: nothing to say about it
    int code = nextMarker(reader);
    while (code != endOfData) {
        if (code == eoi)
            return true;
        if (standsAlone(code)) {
            code = nextMarker(reader);
            continue;
        }
        const int high = reader.next();
        const int low = reader.next();
        if (high == endOfData || low == endOfData)
            return false;
        const int length = (high << 8) | low; // counts its own two bytes
        if (length < 2)
            return false;
        reader.skip(length - 2);
        code = code == sos ? markerAfterScan(reader) : nextMarker(reader);
    }
    return false;
}

} // namespace JpegStream
