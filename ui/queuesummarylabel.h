#pragma once

#include <QLabel>
#include <QTimer>

class JobTableModel;

// A status-bar line counting the window's jobs in the filter bar's groups
// (JobFilterProxyModel: active, queued, done, failed), so that "Failed (4)"
// and "4 failed" agree: "2 active · 3 queued · 5 done · 4 failed", then
// "· 1 paused" when any are and "· draining: nothing new starts" while the
// queue drains. Recounts from the model's snapshots when its rows change,
// coalesced to at most a few times a second. Does not own the model, which
// must outlive it. GUI thread.
class QueueSummaryLabel : public QLabel {
    Q_OBJECT
public:
    explicit QueueSummaryLabel(JobTableModel *model, QWidget *parent = nullptr);

    // Recounts now.
    void refresh();

private:
    void scheduleRefresh();

    JobTableModel *m_model;
    QTimer m_refreshTimer;
};
