#include "terminalprogress.h"

#include <QLocale>

#include <sys/ioctl.h>
#include <unistd.h>

TerminalProgress::TerminalProgress(FILE *stream)
    : m_stream(stream)
    , m_enabled(::isatty(::fileno(stream)) == 1) {}

QString TerminalProgress::amount(qint64 value, ProgressUnit unit) {
    switch (unit) {
    case ProgressUnit::Bytes:
        return QLocale::c().formattedDataSize(value, 1);
    case ProgressUnit::Files:
        return QStringLiteral("%1 files").arg(value);
    case ProgressUnit::Items:
        break;
    }
    return QStringLiteral("%1 items").arg(value);
}

QString TerminalProgress::duration(qint64 seconds) {
    const qint64 h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString TerminalProgress::line(const JobSnapshot &job, int width) {
    QString text;
    const double fraction = job.fraction();
    if (fraction >= 0) {
        text += QStringLiteral("%1%  %2 of %3")
                    .arg(int(fraction * 100), 3)
                    .arg(amount(job.done, job.unit), amount(job.total, job.unit));
    } else {
        text += amount(job.done, job.unit);
    }
    if (job.speed > 0)
        text += QStringLiteral("  %1/s").arg(amount(qint64(job.speed), job.unit));
    if (job.etaSeconds >= 0)
        text += QStringLiteral("  ETA %1").arg(duration(job.etaSeconds));
    if (job.state == JobState::Paused)
        text += QStringLiteral("  paused");
    const int barWidth = qMin(30, width - int(text.size()) - 4);
    if (barWidth >= 10 && fraction >= 0) {
        const int filled = int(fraction * barWidth);
        text.prepend(QStringLiteral("[%1%2] ").arg(QString(filled, QLatin1Char('#')),
                                                   QString(barWidth - filled, QLatin1Char(' '))));
    }
    return text.left(qMax(0, width - 1));
}

void TerminalProgress::draw(const JobSnapshot &job) {
    if (!m_enabled)
        return;
    winsize size{};
    const int width =
        ::ioctl(::fileno(m_stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
    std::fprintf(m_stream, "\r\033[K%s", line(job, width).toLocal8Bit().constData());
    std::fflush(m_stream);
    m_drawn = true;
}

void TerminalProgress::clear() {
    if (!m_drawn)
        return;
    std::fprintf(m_stream, "\r\033[K");
    std::fflush(m_stream);
    m_drawn = false;
}
