#include "terminalprogress.h"

#include "job/humanformat.h"

#include <QLocale>

#include <cerrno>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

TerminalProgress::TerminalProgress(FILE *stream)
    : m_stream(stream)
    , m_enabled(::isatty(::fileno(stream)) == 1) {}

QString TerminalProgress::line(const JobSnapshot &job, int width) {
    QString text;
    const double fraction = job.fraction();
    if (fraction >= 0) {
        text +=
            QStringLiteral("%1  %2").arg(HumanFormat::percent(fraction).rightJustified(4),
                                         HumanFormat::doneOfTotal(job.done, job.total, job.unit));
    } else {
        text += HumanFormat::quantity(job.done, job.unit);
    }
    if (const QString speed = HumanFormat::speed(job.speed, job.unit);
        job.speed > 0 && !speed.isEmpty())
        text += QStringLiteral("  ") + speed;
    if (job.etaSeconds >= 0)
        text += QStringLiteral("  ETA ") + HumanFormat::duration(job.etaSeconds);
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

void TerminalProgress::disable() {
    const std::lock_guard lock(m_mutex);
    clearLocked();
    m_enabled = false;
}

void TerminalProgress::draw(const JobSnapshot &job) {
    const std::lock_guard lock(m_mutex);
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
    const std::lock_guard lock(m_mutex);
    clearLocked();
}

void TerminalProgress::writeAround(int fd, QByteArrayView bytes) {
    const std::lock_guard lock(m_mutex);
    clearLocked();
    const char *at = bytes.data();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, at, size_t(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) { // a non-blocking terminal or pipe: wait for room
                pollfd room{fd, POLLOUT, 0};
                ::poll(&room, 1, -1);
                continue;
            }
            return; // gone (EPIPE is a SIGPIPE first, as for any program in a pipeline)
        }
        at += written;
        left -= written;
    }
}

void TerminalProgress::clearLocked() {
    if (!m_drawn)
        return;
    std::fprintf(m_stream, "\r\033[K");
    std::fflush(m_stream);
    m_drawn = false;
}
