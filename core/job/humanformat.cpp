#include "job/humanformat.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

// One decimal reads well for sizes and rates ("38.2 GB") without implying false precision.
constexpr int sizePrecision = 1;

QString decimal(double value) {
    // Small rates need the decimal ("0.4 files/s"); large ones do not ("120 files/s").
    return QLocale().toString(value, 'f', value < 10 ? 1 : 0);
}

} // namespace

QString HumanFormat::bytes(qint64 bytes, const QLocale &locale) {
    return locale.formattedDataSize(std::max<qint64>(bytes, 0), sizePrecision,
                                    QLocale::DataSizeSIFormat);
}

QString HumanFormat::quantity(qint64 value, ProgressUnit unit) {
    const QLocale locale;
    switch (unit) {
    case ProgressUnit::Bytes:
        return bytes(value);
    case ProgressUnit::Files:
        // Singular/plural by hand until the translations ship an English numerus file.
        return value == 1 ? tr("%1 file").arg(locale.toString(value))
                          : tr("%1 files").arg(locale.toString(value));
    case ProgressUnit::Percent:
        return {}; // a fraction, not a count: the percentage says it
    case ProgressUnit::MediaTime:
        return mediaTime(value);
    case ProgressUnit::Items:
        break;
    }
    return locale.toString(value);
}

QString HumanFormat::mediaTime(qint64 milliseconds) {
    // As players show a position: 1:02:03, or 2:03 under an hour.
    const qint64 seconds = std::max<qint64>(milliseconds, 0) / 1000;
    const qint64 hours = seconds / 3600;
    const QString minutesSeconds =
        QStringLiteral("%1:%2")
            .arg(hours > 0 ? QStringLiteral("%1").arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                           : QString::number(seconds / 60))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return hours > 0 ? QStringLiteral("%1:%2").arg(hours).arg(minutesSeconds) : minutesSeconds;
}

QString HumanFormat::doneOfTotal(qint64 done, qint64 total, ProgressUnit unit) {
    if (total < 0 || unit == ProgressUnit::Percent)
        return quantity(done, unit);
    if (unit == ProgressUnit::MediaTime)
        return tr("%1 / %2").arg(mediaTime(done), mediaTime(total));
    if (unit == ProgressUnit::Bytes) {
        // "512 / 1,000 bytes" rather than "512 bytes / 1,000 bytes".
        if (total < 1000)
            return tr("%1 / %2").arg(QLocale().toString(done), bytes(total));
        return tr("%1 / %2").arg(bytes(done), bytes(total));
    }
    // "12 / 340 files": the unit once, after the total.
    return tr("%1 / %2").arg(QLocale().toString(done), quantity(total, unit));
}

QString HumanFormat::speed(double perSecond, ProgressUnit unit) {
    perSecond = std::max(perSecond, 0.0);
    switch (unit) {
    case ProgressUnit::Bytes:
        return tr("%1/s").arg(bytes(std::llround(perSecond)));
    case ProgressUnit::Files:
        return tr("%1 files/s").arg(decimal(perSecond));
    case ProgressUnit::Percent:
        return {}; // percent a second means nothing to a person; the ETA says it
    case ProgressUnit::MediaTime:
        // Media milliseconds a second, as encoders say it: "1.9x".
        return tr("%1x").arg(QLocale().toString(perSecond / 1000.0, 'f', 1));
    case ProgressUnit::Items:
        break;
    }
    return tr("%1 items/s").arg(decimal(perSecond));
}

QString HumanFormat::duration(qint64 seconds) {
    seconds = std::max<qint64>(seconds, 0);
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    const QLocale locale;
    const auto padded = [](qint64 value) {
        return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0'));
    };
    if (days > 0)
        return tr("%1d %2h").arg(locale.toString(days), padded(hours % 24));
    if (hours > 0)
        return tr("%1h %2m").arg(locale.toString(hours), padded(minutes % 60));
    if (minutes > 0)
        return tr("%1m %2s").arg(locale.toString(minutes), padded(seconds % 60));
    return tr("%1s").arg(locale.toString(seconds));
}

QString HumanFormat::percent(double fraction) {
    if (fraction < 0 || std::isnan(fraction))
        return {};
    // Floor, so a job shows 100% only when it is really complete.
    const int whole = static_cast<int>(std::floor(std::min(fraction, 1.0) * 100));
    return tr("%1%").arg(QLocale().toString(whole));
}
