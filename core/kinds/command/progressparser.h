#pragma once

#include "job/jobtypes.h"

#include <QStringList>
#include <QStringView>

#include <memory>
#include <optional>

// Reads a command's progress from its output, one line at a time (lines are
// split on both '\n' and '\r', as tools that redraw a line in place use '\r').
// Subclasses know one format each: PercentProgressParser ("42%"),
// FfmpegProgressParser (`-progress pipe:1`), RsyncProgressParser
// (`--info=progress2`); AutoProgressParser picks one from what it sees.
// Not thread-safe: one parser per run, fed from the thread that reads the output.
class ProgressParser {
public:
    struct Reading {
        qint64 done = 0;
        qint64 total = -1;
        ProgressUnit unit = ProgressUnit::Items;
        bool operator==(const Reading &other) const = default;
    };

    virtual ~ProgressParser() = default;
    // The progress this line reports, or nothing when it reports none.
    virtual std::optional<Reading> feed(QStringView line) = 0;

    // The parser for a mode ("auto", "percent", "ffmpeg", "rsync"); null for "none"
    // and for an unknown mode. durationSeconds (> 0) is ffmpeg's input duration
    // when known in advance.
    static std::unique_ptr<ProgressParser> create(const QString &mode, double durationSeconds = 0);
    // Every mode create() knows, "auto" first, then "none".
    static QStringList modes();
};
