#include "queueprogressindicator.h"

#include "jobtable/jobtablemodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

#include <cmath>

namespace {

// Twice a second: the figures are smoothed anyway, and 10,000 rows cost ~0.1 ms.
constexpr int refreshIntervalMs = 500;

} // namespace

QueueProgressIndicator::QueueProgressIndicator(JobTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_bar(new QProgressBar(this))
    , m_label(new QLabel(this)) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(120);
    m_bar->setMaximumHeight(fontMetrics().height());
    m_bar->setAccessibleName(tr("Progress of the whole queue"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setAccessibleName(tr("Queue progress, speed and time left"));
    layout->addWidget(m_bar);
    layout->addWidget(m_label);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &QueueProgressIndicator::refresh);
    connect(model, &QAbstractItemModel::dataChanged, this,
            &QueueProgressIndicator::scheduleRefresh);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            &QueueProgressIndicator::scheduleRefresh);
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            &QueueProgressIndicator::scheduleRefresh);
    connect(model, &QAbstractItemModel::modelReset, this, &QueueProgressIndicator::scheduleRefresh);
    refresh();
}

QString QueueProgressIndicator::text() const {
    return m_label->text();
}

void QueueProgressIndicator::scheduleRefresh() {
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void QueueProgressIndicator::refresh() {
    m_refreshTimer.stop();
    m_progress.beginUpdate();
    for (int row = 0, rows = m_model->rowCount(); row < rows; ++row)
        m_progress.addJob(m_model->snapshot(row));
    m_progress.endUpdate();

    const bool active = m_progress.active();
    m_bar->setVisible(active);
    m_bar->setValue(int(std::floor(m_progress.fraction() * 1000)));
    m_label->setText(m_progress.text());
    setToolTip(active ? tr("The whole queue: %1").arg(m_progress.text()) : QString());
}
