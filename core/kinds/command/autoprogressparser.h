#pragma once

#include "kinds/command/ffmpegprogressparser.h"
#include "kinds/command/percentprogressparser.h"
#include "kinds/command/rsyncprogressparser.h"

// Offers each line to the rsync, ffmpeg and percent parsers (in that order:
// the most specific first) and, once one of them reports progress, keeps to
// that one, so a stray "100%" in an rsync file name cannot steal the bar.
class AutoProgressParser : public ProgressParser {
public:
    explicit AutoProgressParser(double durationSeconds = 0);
    std::optional<Reading> feed(QStringView line) override;

    // The parser that won, or null while none has reported yet.
    const ProgressParser *chosen() const { return m_chosen; }

private:
    RsyncProgressParser m_rsync;
    FfmpegProgressParser m_ffmpeg;
    PercentProgressParser m_percent;
    ProgressParser *m_chosen = nullptr;
};
