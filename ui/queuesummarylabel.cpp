#include "queuesummarylabel.h"

#include "engine/jobqueue.h"
#include "jobtable/jobfilterproxymodel.h"
#include "jobtable/jobtablemodel.h"

#include <QLocale>

namespace {

// Counts change in bursts (a batch finishing); a person cannot read faster anyway.
constexpr int refreshIntervalMs = 150;

} // namespace

QueueSummaryLabel::QueueSummaryLabel(JobTableModel *model, QWidget *parent)
    : QLabel(parent)
    , m_model(model) {
    setAccessibleName(tr("Job counts"));
    setTextFormat(Qt::PlainText);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &QueueSummaryLabel::refresh);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &QueueSummaryLabel::scheduleRefresh);
    connect(model, &QAbstractItemModel::dataChanged, this, &QueueSummaryLabel::scheduleRefresh);
    connect(model, &QAbstractItemModel::modelReset, this, &QueueSummaryLabel::scheduleRefresh);
    connect(model->queue(), &JobQueue::drainingChanged, this, &QueueSummaryLabel::refresh);
    refresh();
}

void QueueSummaryLabel::scheduleRefresh() {
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void QueueSummaryLabel::refresh() {
    m_refreshTimer.stop();
    using Group = JobFilterProxyModel::StateFilter;
    const QLocale locale;
    const auto count = [this, &locale](Group group) {
        return locale.toString(JobFilterProxyModel::countIn(*m_model, group));
    };
    QString text = tr("%1 active · %2 queued · %3 done · %4 failed")
                       .arg(count(Group::Active), count(Group::Queued), count(Group::Done),
                            count(Group::Failed));
    if (const int paused = m_model->countIn(JobState::Paused); paused > 0)
        text = tr("%1 · %2 paused").arg(text, locale.toString(paused));
    if (m_model->queue()->isDraining())
        text = tr("%1 · draining: nothing new starts").arg(text);
    setText(text);
}
