#include "kinds/command/outputlinesampler.h"

#include <QLocale>

#include <cstring>

namespace {
// '\n' bytes in [begin, end), eight at a time: this runs over every byte a
// flooding program prints, so it must keep up with the pipe.
qint64 countNewlines(const char *begin, const char *end) {
    constexpr quint64 newlines = 0x0a0a0a0a0a0a0a0aULL;
    constexpr quint64 low7 = 0x7f7f7f7f7f7f7f7fULL;
    qint64 count = 0;
    while (end - begin >= 8) {
        quint64 word;
        std::memcpy(&word, begin, 8);
        const quint64 x = word ^ newlines; // a 0 byte where there was a '\n'
        count += __builtin_popcountll(~(((x & low7) + low7) | x | low7));
        begin += 8;
    }
    for (; begin < end; ++begin)
        count += *begin == '\n';
    return count;
}
} // namespace

OutputLineSampler::OutputLineSampler(qint64 linesPerSecond)
    : m_linesPerSecond(linesPerSecond)
    , m_allowance(double(linesPerSecond)) {}

QByteArray OutputLineSampler::skippedNote(qint64 count) {
    return QStringLiteral("[%1 lines not logged]").arg(QLocale::c().toString(count)).toUtf8();
}

QList<QByteArray> OutputLineSampler::feed(QByteArrayView chunk, qint64 nowMs) {
    if (m_lastMs >= 0)
        m_allowance =
            qMin(double(m_linesPerSecond),
                 m_allowance + double(nowMs - m_lastMs) * double(m_linesPerSecond) / 1000);
    m_lastMs = nowMs;
    // A chunk cannot hold more lines than bytes: within the allowance, cut it all.
    if (double(chunk.size()) <= m_allowance) {
        QList<QByteArray> lines = m_splitter.feed(chunk);
        m_allowance -= double(lines.size());
        return lines;
    }
    const char *const begin = chunk.data();
    const char *const end = begin + chunk.size();
    // The head: up to the allowance's worth of '\n'-ended lines.
    const char *headEnd = begin;
    for (qint64 wanted = qint64(m_allowance); wanted > 0 && headEnd < end; --wanted) {
        const void *found = std::memchr(headEnd, '\n', size_t(end - headEnd));
        if (!found) {
            headEnd = end;
            break;
        }
        headEnd = static_cast<const char *>(found) + 1;
    }
    // The tail: the last tailLines lines (a final '\n' ends the last one).
    const char *tailBegin = headEnd;
    const char *searchEnd = end[-1] == '\n' ? end - 1 : end;
    for (int seen = 0; seen < tailLines && searchEnd > headEnd; ++seen) {
        const void *found = ::memrchr(headEnd, '\n', size_t(searchEnd - headEnd));
        if (!found) {
            tailBegin = headEnd;
            break;
        }
        searchEnd = static_cast<const char *>(found);
        tailBegin = searchEnd + 1;
    }
    QList<QByteArray> lines = m_splitter.feed(QByteArrayView(begin, headEnd - begin));
    const qint64 skipped = countNewlines(headEnd, tailBegin);
    if (skipped > 0) {
        // The partial line before the skipped stretch is part of what was skipped.
        m_splitter.discardPending();
        m_skippedTotal += skipped;
        lines.append(skippedNote(skipped));
    }
    lines.append(m_splitter.feed(QByteArrayView(tailBegin, end - tailBegin)));
    m_allowance = qMax(0.0, m_allowance - double(lines.size()));
    return lines;
}

QList<QByteArray> OutputLineSampler::finish() {
    return m_splitter.finish();
}
