#pragma once

#include <QLabel>
#include <QTimer>

class JobQueue;

// A status-bar line counting the queue's jobs by state:
// "2 running · 3 queued · 5 done · 1 failed", then "· 1 paused" when any are.
// Recounts when jobs are added, removed or change state, coalesced to at most
// a few times a second. Does not own the queue, which must outlive it. GUI thread.
class QueueSummaryLabel : public QLabel {
    Q_OBJECT
public:
    explicit QueueSummaryLabel(JobQueue *queue, QWidget *parent = nullptr);

    // Recounts now.
    void refresh();

private:
    void scheduleRefresh();

    JobQueue *m_queue;
    QTimer m_refreshTimer;
};
