#pragma once

#include "queueprogress.h"

#include <QTimer>
#include <QWidget>

class JobTableModel;
class QLabel;
class QProgressBar;

// The status bar's view of the whole queue: one progress bar for every job that
// counts together, then total speed and the time left ("43% · 12.3 MB/s · 5m
// left"). Hidden while nothing is unfinished.
//
// Reads the table model's cached snapshots (no calls into the queue), at most
// twice a second and only after the model changed. Does not own the model,
// which must outlive it. GUI thread.
class QueueProgressIndicator : public QWidget {
    Q_OBJECT
public:
    explicit QueueProgressIndicator(JobTableModel *model, QWidget *parent = nullptr);

    const QueueProgress &progress() const { return m_progress; }
    QString text() const;

    // Recomputes from the model now.
    void refresh();

private:
    void scheduleRefresh();

    JobTableModel *m_model;
    QueueProgress m_progress;
    QProgressBar *m_bar;
    QLabel *m_label;
    QTimer m_refreshTimer;
};
