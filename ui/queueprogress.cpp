#include "queueprogress.h"

#include "job/humanformat.h"
#include "job/jobsnapshot.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

// Long enough to smooth over jobs of different sizes, short enough to follow a change.
constexpr qint64 historyMs = 30'000;
// Below this much growth the rate is noise and the ETA would be absurd.
constexpr double minimumGrowth = 0.001;

} // namespace

void QueueProgress::beginUpdate() {
    m_totals = Totals{};
}

void QueueProgress::addJob(const JobSnapshot &job) {
    Totals &t = m_totals;
    if (job.state == JobState::Canceled)
        return;
    ++t.counted;
    if (isFinished(job.state)) {
        t.completed += 1.0;
        return;
    }
    ++t.unfinished;
    const double fraction = job.fraction();
    if (fraction > 0)
        t.completed += fraction;
    if (job.state != JobState::Running) {
        ++t.waiting;
        return;
    }
    ++t.running;
    if (job.unit == ProgressUnit::Bytes)
        t.bytesPerSecond += job.speed;
    else if (job.unit == ProgressUnit::Files)
        t.filesPerSecond += job.speed;
    if (job.etaSeconds < 0)
        t.runningEtaKnown = false;
    t.runningEta = std::max(t.runningEta, job.etaSeconds);
}

void QueueProgress::endUpdate() {
    const Totals &t = m_totals;
    m_counted = t.counted;
    m_unfinished = t.unfinished;
    m_fraction = t.counted > 0 ? t.completed / t.counted : 0.0;
    m_bytesPerSecond = t.bytesPerSecond;
    m_filesPerSecond = t.filesPerSecond;

    if (!m_clock.isValid())
        m_clock.start();
    const qint64 now = m_clock.elapsed();
    m_history.append({now, m_fraction});
    while (m_history.size() > 2 && m_history.first().first < now - historyMs)
        m_history.removeFirst();

    if (t.unfinished == 0) {
        m_etaSeconds = 0;
    } else if (t.running == 0) {
        // Nothing runs (all paused, held or waiting): no time can be promised,
        // and the rate seen before the pause says nothing about after it.
        m_etaSeconds = -1;
        m_history.clear();
        m_history.append({now, m_fraction});
    } else if (!t.runningEtaKnown) {
        // A job that cannot say when it ends (a command without progress, a
        // scan) runs: the queue cannot either; the rate of earlier jobs would
        // count down a time that means nothing ("7s left" beside sleep 600).
        m_etaSeconds = -1;
    } else if (t.waiting == 0)
        m_etaSeconds = t.runningEta;
    else
        // Never sooner than the running job that has longest to go.
        m_etaSeconds = std::max(extrapolatedEta(now), t.runningEta);
}

qint64 QueueProgress::extrapolatedEta(qint64 nowMs) {
    const auto &[thenMs, thenFraction] = m_history.first();
    const double growth = m_fraction - thenFraction;
    const qint64 elapsedMs = nowMs - thenMs;
    // Jobs added meanwhile lower the fraction; wait until it grows again.
    if (growth < minimumGrowth || elapsedMs <= 0)
        return -1;
    const double perSecond = growth / (double(elapsedMs) / 1000.0);
    return qint64((1.0 - m_fraction) / perSecond + 0.5);
}

QString QueueProgress::text() const {
    if (!active())
        return {};
    QStringList parts{HumanFormat::percent(m_fraction)};
    if (m_bytesPerSecond > 0)
        parts.append(HumanFormat::speed(m_bytesPerSecond, ProgressUnit::Bytes));
    else if (m_filesPerSecond > 0)
        parts.append(HumanFormat::speed(m_filesPerSecond, ProgressUnit::Files));
    if (m_etaSeconds >= 0)
        parts.append(QCoreApplication::translate("QueueProgress", "%1 left")
                         .arg(HumanFormat::duration(m_etaSeconds)));
    return parts.join(QStringLiteral(" · "));
}
