#include "kinds/command/rsyncprogressparser.h"

#include <QRegularExpression>

#include <cmath>

std::optional<ProgressParser::Reading> RsyncProgressParser::feed(QStringView line) {
    if (!line.contains(QLatin1Char('%')))
        return std::nullopt; // cheap rejection of the many lines that are not progress
    // Bytes (grouped by the locale's separator), percent, rate with a unit, time.
    static const QRegularExpression pattern(QStringLiteral(
        R"(^\s*(\d[\d,.']*)\s+(\d{1,3})%\s+[\d.,]+\s*[kKMGTP]?B/s\s+\d+:\d{2}(?::\d{2})?)"));
    const QRegularExpressionMatch match = pattern.match(line.toString());
    if (!match.hasMatch())
        return std::nullopt;
    QString digits = match.captured(1);
    digits.remove(QRegularExpression(QStringLiteral("[,.']")));
    bool ok = false;
    const qint64 bytes = digits.toLongLong(&ok);
    const int percent = match.captured(2).toInt();
    if (!ok || percent > 100)
        return std::nullopt;
    if (percent == 0)
        return Reading{bytes, -1, ProgressUnit::Bytes};
    const qint64 total =
        percent == 100 ? bytes : qMax(bytes, qint64(std::llround(bytes * 100.0 / percent)));
    return Reading{bytes, total, ProgressUnit::Bytes};
}
