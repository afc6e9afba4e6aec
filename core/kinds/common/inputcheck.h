#pragma once

#include "base/expected.h"

#include <QString>

// Whether a job's input can be read, checked as the job will read it, before
// the job is queued: cheap (a stat, an opendir, an open), never walks a
// folder, never blocks (a file is opened with ReadableFile, whatever the path
// has become since the stat). Opening is the only faithful readability test:
// access() asks about the real user, and permissions are not the only reason a
// read may be refused. Messages name the path: "no such file or directory: P",
// "cannot read P: permission denied", "cannot read P: it is a FIFO, not a
// regular file". Any thread.
class InputCheck {
public:
    enum class Mode {
        // The path's contents are read: links followed; a FIFO, socket or
        // device is refused.
        Read,
        // The path itself is copied: a symbolic link is copied as a link (only
        // the link must exist), a FIFO, socket or device is made anew (never
        // opened); files and folders must be readable.
        Copy,
    };

    static Status readable(const QString &path, Mode mode);
};
