#include "kinds/command/outputlinesplitter.h"

#include <utility>

void OutputLineSplitter::appendPiece(const char *begin, qsizetype length,
                                     QList<QByteArray> &lines) {
    while (length > 0) {
        const qsizetype room = maxLineBytes - m_pending.size();
        const qsizetype taken = qMin(room, length);
        m_pending.append(begin, taken);
        begin += taken;
        length -= taken;
        if (m_pending.size() >= maxLineBytes)
            lines.append(std::exchange(m_pending, {}));
    }
}

QList<QByteArray> OutputLineSplitter::feed(QByteArrayView bytes) {
    QList<QByteArray> lines;
    const char *at = bytes.data();
    const char *const end = at + bytes.size();
    if (at < end && m_afterCarriageReturn && *at == '\n')
        ++at; // the '\n' of a "\r\n": the line went out already
    m_afterCarriageReturn = false;
    while (at < end) {
        const char *lineBreak = at;
        while (lineBreak < end && *lineBreak != '\n' && *lineBreak != '\r')
            ++lineBreak;
        appendPiece(at, lineBreak - at, lines);
        if (lineBreak == end)
            break;
        lines.append(std::exchange(m_pending, {}));
        at = lineBreak + 1;
        if (*lineBreak == '\r') {
            if (at == end)
                m_afterCarriageReturn = true;
            else if (*at == '\n')
                ++at;
        }
    }
    return lines;
}

QList<QByteArray> OutputLineSplitter::finish() {
    QList<QByteArray> lines;
    if (!m_pending.isEmpty())
        lines.append(m_pending);
    m_pending.clear();
    m_afterCarriageReturn = false;
    return lines;
}

void OutputLineSplitter::discardPending() {
    m_pending.clear();
    m_afterCarriageReturn = false;
}
