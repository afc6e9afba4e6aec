#pragma once

#include "addjob/joblauncher.h"
#include "job/jobtypes.h"

#include <QMainWindow>

class AppSettings;
class JobActions;
class JobDetailsPane;
class JobFilterBar;
class JobLauncher;
class JobQueue;
class QueuePersister;
class JobTableModel;
class JobTableView;
class FinishedJobActions;
class QueuedJobActions;
class QueueActions;
class QueueProgressIndicator;
class QueueSummaryLabel;
class RemovalHistory;
class TrayIcon;
class WindowLayoutKeeper;
class QAction;
class QDockWidget;
class QMenu;

// Taskdeck's main window: the job table (queue order, multi-row selection), a
// menu bar, toolbar and context menu with the commands on the selected jobs and
// on the whole queue, and a status bar with job counts and the whole queue's
// progress, speed and time left; under the table a details pane for the current
// job. Files and folders dropped on it are offered to the kinds of job that take
// them. A tray icon sums up the queue and notifies; closing the window while jobs
// are unfinished asks what to do with them (ClosePrompt), unless remembered.
// Window geometry, the dock layout and the table's columns are kept in the
// settings as they change (a moment after the last change, so a crash keeps
// them too), and a saved size larger than the screen is shrunk to fit it.
//
// The window only shows core's state and sends intent: it reads snapshots cached
// by JobTableModel and calls JobQueue; it never waits on a job.
//
// Ownership: does not own the queue, which must outlive the window. GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // settings: the preferences to use and keep the window's layout in; null: the
    // application's own (QSettings()), owned by the window.
    explicit MainWindow(JobQueue *queue, AppSettings *settings = nullptr,
                        QWidget *parent = nullptr);

    JobTableModel *model() const { return m_model; }
    JobTableView *view() const { return m_view; }
    JobActions *jobActions() const { return m_jobActions; }
    FinishedJobActions *finishedJobActions() const { return m_finishedActions; }
    QueuedJobActions *queuedJobActions() const { return m_queuedActions; }
    QueueActions *queueActions() const { return m_queueActions; }
    RemovalHistory *removalHistory() const { return m_removals; }
    JobLauncher *launcher() const { return m_launcher; }
    // The "Add … Job" action of a kind (JobLauncher's entries).
    QAction *addJobAction(JobLauncher::Kind kind) const;
    QMenu *contextMenu() const { return m_contextMenu; }
    // The toolbar's "Add Job" menu: one entry per kind of job.
    QMenu *addMenu() const { return m_addMenu; }
    QueueProgressIndicator *queueProgress() const { return m_queueProgress; }
    JobFilterBar *filterBar() const { return m_filterBar; }
    JobDetailsPane *detailsPane() const { return m_details; }
    QDockWidget *detailsDock() const { return m_detailsDock; }
    TrayIcon *trayIcon() const { return m_tray; }
    AppSettings *settings() const { return m_settings; }
    QAction *settingsAction() const { return m_settingsAction; }

    // Opens the settings dialog (window-modal; returns at once).
    void showSettings();
    // Quits the application after asking, as closing the window does, what to do
    // with unfinished jobs (from the tray's Quit, or the File menu's).
    void requestQuit();

    // The queue is kept on disk by persister (not owned; outlives the window):
    // closing says jobs will be there next time, and a failed write is shown.
    void setPersister(QueuePersister *persister);
    // Shows text in the status bar and in a window-modal message (returns at once).
    void showNotice(const QString &text);
    // Shows the window, un-minimized, raised and active (a second start asked).
    void bringToFront();

    // The selected jobs, in queue order.
    QList<JobId> selectedJobIds() const;
    void selectJob(JobId id);

    // Pops up, at globalPosition, the kinds of job that take these dropped local
    // paths (see JobLauncher::createDropMenu) and returns the menu (deleted when
    // it closes).
    QMenu *offerJobsFor(const QStringList &paths, const QPoint &globalPosition);

Q_SIGNALS:
    // The person chose to quit (closing the window, or the tray's Quit) and any
    // unfinished jobs were paused or canceled as they asked: the application
    // should quit now.
    void quitConfirmed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createRemovalHistory();
    void createActions();
    void createMenus();
    void createToolBar();
    void createView();
    void createStatusBar();
    void createDetailsDock();
    void createTray();
    // Asks (or applies the remembered answer) what to do with unfinished jobs;
    // true when the application should quit. Not fromTray: "keep running in the
    // tray" hides the window; fromTray (the window is hidden): it stays hidden.
    bool confirmQuit(bool fromTray);
    void notify(const QString &title, const QString &body);
    void updateActions();
    void showContextMenu(const QPoint &position);
    void showMessage(const QString &message);
    void showAddedJob(JobId id);
    // Selects these jobs, clearing the filter and search if they hide one.
    void showJobs(const QList<JobId> &ids);
    void selectAllInFocus();
    void showAbout();

    JobQueue *m_queue;
    JobTableModel *m_model = nullptr;
    JobTableView *m_view = nullptr;
    JobActions *m_jobActions = nullptr;
    FinishedJobActions *m_finishedActions = nullptr;
    QueuedJobActions *m_queuedActions = nullptr;
    QueueActions *m_queueActions = nullptr;
    RemovalHistory *m_removals = nullptr;
    JobLauncher *m_launcher = nullptr;
    AppSettings *m_settings = nullptr;
    TrayIcon *m_tray = nullptr;
    QueuePersister *m_persister = nullptr;
    JobDetailsPane *m_details = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QAction *m_settingsAction = nullptr;
    WindowLayoutKeeper *m_layout = nullptr;
    bool m_quitApproved = false; // closeEvent lets the window close without asking
    QAction *m_quitAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_findAction = nullptr;
    JobFilterBar *m_filterBar = nullptr;
    QAction *m_aboutAction = nullptr;
    QMenu *m_contextMenu = nullptr;
    QMenu *m_addMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QueueSummaryLabel *m_summary = nullptr;
    QueueProgressIndicator *m_queueProgress = nullptr;
};
