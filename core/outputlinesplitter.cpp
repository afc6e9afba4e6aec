#include "outputlinesplitter.h"

QList<QByteArray> OutputLineSplitter::feed(const QByteArray &bytes) {
    QList<QByteArray> lines;
    for (const char c : bytes) {
        if (c == '\n' && m_afterCarriageReturn) {
            m_afterCarriageReturn = false; // the '\n' of a "\r\n": the line went out already
            continue;
        }
        m_afterCarriageReturn = c == '\r';
        if (c == '\n' || c == '\r') {
            lines.append(m_pending);
            m_pending.clear();
            continue;
        }
        m_pending.append(c);
        if (m_pending.size() >= maxLineBytes) {
            lines.append(m_pending);
            m_pending.clear();
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
