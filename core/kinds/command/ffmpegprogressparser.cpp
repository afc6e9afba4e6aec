#include "kinds/command/ffmpegprogressparser.h"

#include <QRegularExpression>

#include <cmath>

namespace {

// "01:02:03.45" -> milliseconds; -1 when malformed ("N/A").
qint64 parseClock(QStringView text) {
    static const QRegularExpression clock(QStringLiteral(R"(^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$)"));
    const QRegularExpressionMatch match = clock.match(text.trimmed().toString());
    if (!match.hasMatch())
        return -1;
    const double seconds = match.captured(1).toLongLong() * 3600.0 +
                           match.captured(2).toLongLong() * 60.0 + match.captured(3).toDouble();
    return qint64(std::llround(seconds * 1000));
}

} // namespace

FfmpegProgressParser::FfmpegProgressParser(double durationSeconds)
    : m_durationMs(durationSeconds > 0 ? qint64(std::llround(durationSeconds * 1000)) : 0) {}

std::optional<ProgressParser::Reading> FfmpegProgressParser::reading(qint64 positionMs) const {
    if (m_durationMs <= 0)
        return std::nullopt;
    return Reading{qBound<qint64>(0, positionMs, m_durationMs), m_durationMs,
                   ProgressUnit::MediaTime};
}

std::optional<ProgressParser::Reading> FfmpegProgressParser::feed(QStringView line) {
    const QStringView trimmed = line.trimmed();
    if (trimmed.startsWith(QLatin1String("Duration:"))) {
        // The first input's banner; an explicit duration wins.
        if (m_durationMs <= 0) {
            const QStringView value = trimmed.mid(9).trimmed();
            const qsizetype comma = value.indexOf(QLatin1Char(','));
            const qint64 ms = parseClock(comma < 0 ? value : value.left(comma));
            if (ms > 0)
                m_durationMs = ms;
        }
        return std::nullopt;
    }
    const qsizetype equals = trimmed.indexOf(QLatin1Char('='));
    if (equals <= 0)
        return std::nullopt;
    const QStringView key = trimmed.left(equals);
    const QStringView value = trimmed.mid(equals + 1);
    if (key == QLatin1String("out_time_us") || key == QLatin1String("out_time_ms")) {
        bool ok = false;
        const qint64 us = value.toLongLong(&ok);
        if (!ok || us < 0)
            return std::nullopt;
        return reading(us / 1000);
    }
    if (key == QLatin1String("out_time")) {
        const qint64 ms = parseClock(value);
        if (ms < 0)
            return std::nullopt;
        return reading(ms);
    }
    if (key == QLatin1String("progress") && value == QLatin1String("end"))
        return reading(m_durationMs);
    return std::nullopt;
}
