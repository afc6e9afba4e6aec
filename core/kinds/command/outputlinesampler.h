#pragma once

#include "kinds/command/outputlinesplitter.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// Cuts one output stream of a program into the lines its log and its
// progress parser see, at a bounded cost however fast the program prints
// (`yes` prints hundreds of millions of lines a minute; the program's bytes
// themselves go to the terminal untouched, see JobContext::writeOutput).
// Up to linesPerSecond lines are passed on whole (a burst may spend a second's
// worth at once). Beyond that, a chunk's lines in between are counted, not
// cut: what is passed on is its first lines while the allowance lasts, then
// one note "[N lines not logged]", then its last tailLines lines, so the log's
// end and the progress stay current.
//
// Not thread-safe: one per stream.
class OutputLineSampler {
public:
    static constexpr qint64 defaultLinesPerSecond = 50000;
    static constexpr int tailLines = 16;

    explicit OutputLineSampler(qint64 linesPerSecond = defaultLinesPerSecond);

    // The lines to pass on from chunk, read at nowMs (a monotonic clock).
    QList<QByteArray> feed(QByteArrayView chunk, qint64 nowMs);
    QList<QByteArray> finish();

    // Lines counted but not passed on, in all.
    qint64 skippedLines() const { return m_skippedTotal; }

    static QByteArray skippedNote(qint64 count);

private:
    OutputLineSplitter m_splitter;
    qint64 m_linesPerSecond;
    double m_allowance;
    qint64 m_lastMs = -1;
    qint64 m_skippedTotal = 0;
};
