#pragma once

#include "kinds/command/progressparser.h"

// ffmpeg's machine-readable progress (`ffmpeg -progress pipe:1 ...`): blocks of
// key=value lines, of which out_time_us / out_time_ms (both microseconds, for
// historical reasons) / out_time give the position in the output, and
// "progress=end" the end. The total is the input's duration, given in advance
// or read from ffmpeg's own banner on stderr ("  Duration: 00:01:02.50, ...").
// Done and total are in milliseconds of media time, as items. Without a duration
// nothing is reported (the position alone says nothing about the remainder).
class FfmpegProgressParser : public ProgressParser {
public:
    explicit FfmpegProgressParser(double durationSeconds = 0);
    std::optional<Reading> feed(QStringView line) override;

    qint64 durationMs() const { return m_durationMs; }

private:
    std::optional<Reading> reading(qint64 positionMs) const;

    qint64 m_durationMs = 0;
};
