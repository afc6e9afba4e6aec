#pragma once

#include "jobtypes.h"

#include <QMainWindow>

class JobActions;
class JobLauncher;
class JobQueue;
class JobTableModel;
class JobTableView;
class QueueActions;
class QueueProgressIndicator;
class QueueSummaryLabel;
class QAction;
class QMenu;

// Taskdeck's main window: the job table (queue order, multi-row selection), a
// menu bar, toolbar and context menu with the commands on the selected jobs and
// on the whole queue, and a status bar with job counts and the whole queue's
// progress, speed and time left. Files and folders dropped on it are offered to
// the kinds of job that take them.
//
// The window only shows core's state and sends intent: it reads snapshots cached
// by JobTableModel and calls JobQueue; it never waits on a job.
//
// Ownership: does not own the queue, which must outlive the window. GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(JobQueue *queue, QWidget *parent = nullptr);

    JobTableModel *model() const { return m_model; }
    JobTableView *view() const { return m_view; }
    JobActions *jobActions() const { return m_jobActions; }
    QueueActions *queueActions() const { return m_queueActions; }
    JobLauncher *launcher() const { return m_launcher; }
    QAction *addHashAction() const;
    QAction *addVerifyAction() const;
    QAction *addImagesAction() const;
    QAction *addCopyAction() const;
    QAction *addCommandAction() const;
    QMenu *contextMenu() const { return m_contextMenu; }
    // The toolbar's "Add Job" menu: one entry per kind of job.
    QMenu *addMenu() const { return m_addMenu; }
    QueueProgressIndicator *queueProgress() const { return m_queueProgress; }

    // The selected jobs, in queue order.
    QList<JobId> selectedJobIds() const;
    void selectJob(JobId id);

    // Pops up, at globalPosition, the kinds of job that take these dropped local
    // paths (see JobLauncher::createDropMenu) and returns the menu (deleted when
    // it closes).
    QMenu *offerJobsFor(const QStringList &paths, const QPoint &globalPosition);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createView();
    void createStatusBar();
    void updateActions();
    void showContextMenu(const QPoint &position);
    void showMessage(const QString &message);
    void showAbout();

    JobQueue *m_queue;
    JobTableModel *m_model = nullptr;
    JobTableView *m_view = nullptr;
    JobActions *m_jobActions = nullptr;
    QueueActions *m_queueActions = nullptr;
    JobLauncher *m_launcher = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QMenu *m_contextMenu = nullptr;
    QMenu *m_addMenu = nullptr;
    QueueSummaryLabel *m_summary = nullptr;
    QueueProgressIndicator *m_queueProgress = nullptr;
};
