#pragma once

#include "jobsnapshot.h"

#include <cstdio>

// A one-line progress bar redrawn in place on a terminal (stderr):
//   [##########          ]  52%  1.1 GiB of 2.0 GiB  812.4 MiB/s  ETA 0:02
// Draws nothing when the stream is not a terminal. Main thread only.
class TerminalProgress {
public:
    explicit TerminalProgress(FILE *stream);

    bool enabled() const { return m_enabled; }
    void draw(const JobSnapshot &job);
    // Erases the bar (before other output, and at the end).
    void clear();

    static QString line(const JobSnapshot &job, int width);

private:
    FILE *m_stream;
    bool m_enabled;
    bool m_drawn = false;
};
