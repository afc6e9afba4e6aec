#pragma once

#include "engine/jobqueue.h"

#include <QTimer>
#include <QWidget>

class JobLogView;
class QueuePersister;
class JobOverview;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QVBoxLayout;

// Everything about one job, for a short pane under the job table: a header
// (state icon, title, state and kind, and the error of a failed, canceled or
// interrupted job), then two tabs: Overview (JobOverview: state, why it waits,
// progress, parameters, timings, result summary and details) and Log (the
// job's log: the lines the queue kept, then new ones live, following the end
// unless the user scrolled up). With no job it shows a short hint.
//
// Updates: jobStateChanged and jobsProgressed for the shown job schedule one
// coalesced refresh from JobQueue::job() (a few a second at most for progress;
// at once for a state change); signals about other jobs cost an id compare.
// jobLogged lines of the shown job are appended as they come. When the shown
// job is removed the pane goes back to the hint (job() becomes 0).
// Paths among the parameters are links to their folders (see JobOverview).
//
// Ownership: does not own the queue, which must outlive the pane. GUI thread.
class JobDetailsPane : public QWidget {
    Q_OBJECT
public:
    // Progress refreshes of the shown job come at most this often.
    static constexpr int refreshIntervalMs = 250;

    explicit JobDetailsPane(JobQueue *queue, QWidget *parent = nullptr);

    // Where to read the log of a job the queue holds no lines for (one from an
    // earlier session): the store's file. Not owned; null: none.
    void setPersister(QueuePersister *persister) { m_persister = persister; }

    // Shows the job; 0 (or an id the queue does not know): the hint.
    void setJob(JobId id);
    JobId job() const { return m_id; }

    // The parts, for the window (e.g. to switch tabs) and tests.
    QTabWidget *tabs() const { return m_tabs; }
    JobOverview *overview() const { return m_overview; }
    JobLogView *logView() const { return m_log; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *hintLabel() const { return m_hint; }

Q_SIGNALS:
    // A path link in the Overview could not be opened (JobOverview::refused):
    // one line for the status bar.
    void refused(const QString &message);

private:
    void createHeader(QVBoxLayout *pageLayout);
    void scheduleRefresh(int delayMs);
    void refresh();
    void showHint();

    JobQueue *m_queue;
    QueuePersister *m_persister = nullptr;
    JobId m_id = 0;
    std::optional<JobState> m_shownState; // state the sections were built for
    QTimer m_refreshTimer;
    QTimer m_clockTimer; // ticks the running time while the job runs

    QStackedWidget *m_stack = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_error = nullptr;
    QTabWidget *m_tabs = nullptr;
    JobOverview *m_overview = nullptr;
    JobLogView *m_log = nullptr;
};
