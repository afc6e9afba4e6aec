#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// Cuts a stream of output bytes into lines at '\n' and at '\r' (tools redraw a
// progress line with '\r'; "\r\n" counts once). Bytes after the last break are
// kept until more arrive or finish() is called. A line longer than maxLineBytes
// is cut there, so a program that never prints a newline cannot make the buffer
// grow without bound. Not thread-safe: one per stream.
class OutputLineSplitter {
public:
    static constexpr qsizetype maxLineBytes = 64 * 1024;

    // The complete lines in what has arrived so far, without their breaks.
    QList<QByteArray> feed(QByteArrayView bytes);
    // The unterminated rest, as a last line (empty list when there is none).
    QList<QByteArray> finish();
    // Forgets the unterminated rest (the caller skipped the bytes after it).
    void discardPending();

private:
    void appendPiece(const char *begin, qsizetype length, QList<QByteArray> &lines);

    QByteArray m_pending;
    bool m_afterCarriageReturn = false;
};
