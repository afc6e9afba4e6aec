#include "kinds/command/percentprogressparser.h"

#include <QRegularExpression>

#include <cmath>

std::optional<ProgressParser::Reading> PercentProgressParser::feed(QStringView line) {
    // Most lines carry no percentage: skip the regular expression for them.
    if (!line.contains(QLatin1Char('%')))
        return std::nullopt;
    // The number must stand alone ("x42%" is not a percentage, "v1.2-42%" neither).
    static const QRegularExpression pattern(
        QStringLiteral(R"((?:^|[\s(\[:=])(\d{1,3}(?:[.,]\d+)?)\s*%[\s)\]]*$)"));
    const QRegularExpressionMatch match = pattern.match(line.toString());
    if (!match.hasMatch())
        return std::nullopt;
    QString number = match.captured(1);
    number.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    const double percent = number.toDouble(&ok);
    if (!ok || percent > 100)
        return std::nullopt;
    return Reading{qint64(std::lround(percent * total / 100)), total, ProgressUnit::Percent};
}
