#pragma once

#include "job/jobsnapshot.h"

#include <QByteArrayView>

#include <cstdio>
#include <mutex>

// A one-line progress bar redrawn in place on a terminal (stderr):
//   [##########          ]  52%  1.2 GB / 2.1 GB  851.9 MB/s  ETA 0:02
// Draws nothing when the stream is not a terminal, or once disabled.
// Thread: draw() and clear() on the main thread; writeAround() from any
// thread (a job's output): the bar is erased first, under the same lock.
class TerminalProgress {
public:
    explicit TerminalProgress(FILE *stream);

    bool enabled() const { return m_enabled; }
    void disable();
    void draw(const JobSnapshot &job);
    // Erases the bar (before other output, and at the end).
    void clear();
    // Writes all of bytes to the descriptor, the bar erased first (it comes
    // back with the next draw()).
    void writeAround(int fd, QByteArrayView bytes);

    static QString line(const JobSnapshot &job, int width);

private:
    void clearLocked();

    FILE *m_stream;
    std::mutex m_mutex;
    bool m_enabled;
    bool m_drawn = false;
};
