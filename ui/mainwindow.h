#pragma once

#include "addhashdialog.h"
#include "jobtypes.h"

#include <QMainWindow>

#include <functional>

class JobActions;
class JobQueue;
class JobTableModel;
class JobTableView;
class QueueSummaryLabel;
class QAction;
class QMenu;

// Taskdeck's main window: the job table (queue order, multi-row selection), a
// menu bar, toolbar and context menu with the job commands, and a status bar
// with job counts and the latest refused command.
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
    QAction *addHashAction() const { return m_addHashAction; }
    QAction *addVerifyAction() const { return m_addVerifyAction; }
    QAction *addImagesAction() const { return m_addImagesAction; }
    QAction *addCopyAction() const { return m_addCopyAction; }
    QAction *addCommandAction() const { return m_addCommandAction; }
    QMenu *contextMenu() const { return m_contextMenu; }
    // The toolbar's "Add Job" menu: one entry per kind of job.
    QMenu *addMenu() const { return m_addMenu; }

    // The selected jobs, in queue order.
    QList<JobId> selectedJobIds() const;
    void selectJob(JobId id);

    // Opens the add dialog (window-modal, returns at once); an accepted dialog's
    // job is queued and selected.
    void showAddDialog(AddHashDialog::Mode mode);
    // Opens dialog (taking ownership: deleted on close); when it is accepted,
    // queues validatedSpec() and selects the new job, or says why not.
    void openAddDialog(QDialog *dialog, std::function<JobSpec()> validatedSpec);
    // The same for an images job (AddImagesDialog).
    void showAddImagesDialog();
    // The same for a copy job (AddCopyDialog).
    void showAddCopyDialog();
    // The same for a command job (AddCommandDialog).
    void showAddCommandDialog();

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createView();
    void createStatusBar();
    void updateActions();
    void showContextMenu(const QPoint &position);
    void showMessage(const QString &message);

    JobQueue *m_queue;
    JobTableModel *m_model = nullptr;
    JobTableView *m_view = nullptr;
    JobActions *m_jobActions = nullptr;
    QAction *m_addHashAction = nullptr;
    QAction *m_addVerifyAction = nullptr;
    QAction *m_addImagesAction = nullptr;
    QAction *m_addCopyAction = nullptr;
    QAction *m_addCommandAction = nullptr;
    QAction *m_quitAction = nullptr;
    QMenu *m_contextMenu = nullptr;
    QMenu *m_addMenu = nullptr;
    QueueSummaryLabel *m_summary = nullptr;
};
