#include "kinds/command/autoprogressparser.h"

AutoProgressParser::AutoProgressParser(double durationSeconds)
    : m_ffmpeg(durationSeconds) {}

std::optional<ProgressParser::Reading> AutoProgressParser::feed(QStringView line) {
    if (m_chosen)
        return m_chosen->feed(line);
    // Every parser sees every line until one wins: ffmpeg's duration banner
    // comes before its first progress line.
    std::optional<Reading> found;
    for (ProgressParser *parser :
         {static_cast<ProgressParser *>(&m_rsync), static_cast<ProgressParser *>(&m_ffmpeg),
          static_cast<ProgressParser *>(&m_percent)}) {
        std::optional<Reading> reading = parser->feed(line);
        if (reading && !found) {
            found = reading;
            m_chosen = parser;
        }
    }
    return found;
}
