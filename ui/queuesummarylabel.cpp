#include "queuesummarylabel.h"

#include "jobqueue.h"

#include <QLocale>

namespace {

// Counts change in bursts (a batch finishing); a person cannot read faster anyway.
constexpr int refreshIntervalMs = 150;

} // namespace

QueueSummaryLabel::QueueSummaryLabel(JobQueue *queue, QWidget *parent)
    : QLabel(parent)
    , m_queue(queue) {
    setAccessibleName(tr("Job counts"));
    setTextFormat(Qt::PlainText);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &QueueSummaryLabel::refresh);
    connect(queue, &JobQueue::jobsAdded, this, &QueueSummaryLabel::scheduleRefresh);
    connect(queue, &JobQueue::jobsRemoved, this, &QueueSummaryLabel::scheduleRefresh);
    connect(queue, &JobQueue::jobStateChanged, this, &QueueSummaryLabel::scheduleRefresh);
    connect(queue, &JobQueue::drainingChanged, this, &QueueSummaryLabel::refresh);
    refresh();
}

void QueueSummaryLabel::scheduleRefresh() {
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void QueueSummaryLabel::refresh() {
    m_refreshTimer.stop();
    const QLocale locale;
    const auto count = [&](JobState state) { return m_queue->countIn(state); };
    const int running = count(JobState::Running);
    const int queued = count(JobState::Queued) + count(JobState::Waiting);
    const int done = count(JobState::Succeeded);
    const int failed = count(JobState::Failed) + count(JobState::Interrupted);
    const int paused = count(JobState::Paused);

    QString text = tr("%1 running · %2 queued · %3 done · %4 failed")
                       .arg(locale.toString(running), locale.toString(queued),
                            locale.toString(done), locale.toString(failed));
    if (paused > 0)
        text = tr("%1 · %2 paused").arg(text, locale.toString(paused));
    if (m_queue->isDraining())
        text = tr("%1 · draining: nothing new starts").arg(text);
    setText(text);
}
