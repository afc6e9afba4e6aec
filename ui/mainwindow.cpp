#include "mainwindow.h"

#include "store/queuepersister.h"

#include "addjob/filedropfilter.h"
#include "addjob/joblauncher.h"
#include "appsettings.h"
#include "closeprompt.h"
#include "details/jobdetailspane.h"
#include "engine/jobqueue.h"
#include "finishedjobactions.h"
#include "icons.h"
#include "jobactions.h"
#include "jobtable/jobfilterbar.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"
#include "panecycler.h"
#include "queueactions.h"
#include "queuedjobactions.h"
#include "queueprogressindicator.h"
#include "queuesummarylabel.h"
#include "removalhistory.h"
#include "removalprompt.h"
#include "selectionsummarylabel.h"
#include "settingsdialog.h"
#include "trayicon.h"
#include "windowlayoutkeeper.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QKeySequence>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// Long enough to read a sentence, short enough not to linger past the next action.
constexpr int messageTimeoutMs = 10000;

} // namespace

MainWindow::MainWindow(JobQueue *queue, AppSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_queue(queue)
    , m_settings(settings) {
    setWindowTitle(tr("Taskdeck"));
    setWindowIcon(Icons::app());
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);

    if (!m_settings)
        m_settings = new AppSettings(new QSettings(this), this);
    m_model = new JobTableModel(queue, this);
    m_jobActions = new JobActions(queue, this);
    m_queueActions = new QueueActions(queue, this);
    m_finishedActions = new FinishedJobActions(queue, this);
    connect(m_finishedActions, &FinishedJobActions::refused, this, &MainWindow::showMessage);
    connect(m_finishedActions, &FinishedJobActions::jobAdded, this, &MainWindow::showAddedJob);
    m_launcher = new JobLauncher(queue, this);
    m_launcher->setFolderSettings(m_settings->settings());
    m_queuedActions = new QueuedJobActions(queue, m_launcher, this);
    connect(m_queuedActions, &QueuedJobActions::refused, this, &MainWindow::showMessage);
    connect(m_queuedActions, &QueuedJobActions::jobAdded, this, &MainWindow::showAddedJob);
    connect(m_jobActions, &JobActions::refused, this, &MainWindow::showMessage);
    createRemovalHistory();
    connect(m_launcher, &JobLauncher::addRefused, this, &MainWindow::showMessage);
    connect(m_launcher, &JobLauncher::jobAdded, this, &MainWindow::showAddedJob);
    connect(m_launcher, &JobLauncher::jobEdited, this,
            [this](JobId id) { showMessage(tr("Saved the new settings of job %1.").arg(id)); });

    createActions();
    createView();
    createMenus();
    createToolBar();
    createStatusBar();
    createDetailsDock();
    new PaneCycler(this, {m_filterBar, m_view, m_details});
    createTray();
    updateActions();
    resize(1000, 640);
    m_layout = new WindowLayoutKeeper(this, m_view, m_detailsDock, m_settings);
    m_layout->restore();
}

QAction *MainWindow::addJobAction(JobLauncher::Kind kind) const {
    return m_launcher->action(kind);
}

void MainWindow::createRemovalHistory() {
    // Removing several jobs or a running one asks first; what is removed can be
    // brought back with Edit > Undo.
    m_removals = new RemovalHistory(m_queue, this);
    m_jobActions->setRemovalConfirmation([this](const QList<JobSnapshot> &jobs) {
        return RemovalPrompt::confirm(jobs, m_settings, this);
    });
    connect(m_jobActions, &JobActions::aboutToRemove, this,
            [this](const QList<JobSnapshot> &jobs) { m_removals->record(jobs, tr("Remove")); });
    connect(
        m_queueActions, &QueueActions::aboutToClearFinished, this,
        [this](const QList<JobSnapshot> &jobs) { m_removals->record(jobs, tr("Clear Finished")); });
    connect(m_removals, &RemovalHistory::undoRefused, this, &MainWindow::showMessage);
    connect(m_removals, &RemovalHistory::undone, this, [this](const QList<JobId> &ids) {
        showJobs(ids);
        showMessage(ids.size() == 1
                        ? tr("1 job brought back.")
                        : tr("%1 jobs brought back.").arg(QLocale().toString(ids.size())));
    });
}

void MainWindow::createActions() {
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::requestQuit);

    m_settingsAction = new QAction(Icons::action(Icons::Action::Settings), tr("&Settings…"), this);
    m_settingsAction->setShortcut(QKeySequence(tr("Ctrl+,")));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_settingsAction->setToolTip(
        tr("Parallel jobs, group limits, notifications and what closing the window does"));
    m_settingsAction->setStatusTip(m_settingsAction->toolTip());
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setStatusTip(tr("Search the jobs by title, kind or path"));

    // Ctrl+A and Delete act on the table only while it has the focus: in the log
    // or the search field they are the text's (select all, delete a character).
    m_selectAllAction = new QAction(tr("Select &All"), this);
    m_selectAllAction->setShortcut(QKeySequence::SelectAll);
    m_selectAllAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_selectAllAction, &QAction::triggered, this, &MainWindow::selectAllInFocus);

    m_aboutAction = new QAction(tr("&About Taskdeck"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addActions(m_launcher->actions());
    fileMenu->addSeparator();
    fileMenu->addAction(m_settingsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(m_removals->undoAction());
    editMenu->addSeparator();
    editMenu->addAction(m_selectAllAction);
    editMenu->addAction(m_findAction);

    auto *priorityMenu = new QMenu(tr("P&riority"), this);
    priorityMenu->addAction(m_jobActions->action(JobActions::PriorityHigh));
    priorityMenu->addAction(m_jobActions->action(JobActions::PriorityNormal));
    priorityMenu->addAction(m_jobActions->action(JobActions::PriorityLow));

    QMenu *jobMenu = menuBar()->addMenu(tr("&Job"));
    m_contextMenu = new QMenu(this);
    m_contextMenu->setAccessibleName(tr("Job actions"));
    for (QMenu *menu : {jobMenu, m_contextMenu}) {
        menu->addAction(m_jobActions->action(JobActions::Pause));
        menu->addAction(m_jobActions->action(JobActions::Resume));
        menu->addAction(m_jobActions->action(JobActions::Cancel));
        menu->addAction(m_jobActions->action(JobActions::Retry));
        menu->addSeparator();
        menu->addAction(m_jobActions->action(JobActions::MoveTop));
        menu->addAction(m_jobActions->action(JobActions::MoveUp));
        menu->addAction(m_jobActions->action(JobActions::MoveDown));
        menu->addAction(m_jobActions->action(JobActions::MoveBottom));
        menu->addMenu(priorityMenu);
        menu->addSeparator();
        menu->addActions(m_queuedActions->actions());
        menu->addActions(m_finishedActions->actions());
        menu->addSeparator();
        menu->addAction(m_jobActions->action(JobActions::Remove));
    }
    // Adding a job from the context menu of an empty list is the obvious first step.
    m_contextMenu->addSeparator();
    m_contextMenu->addActions(m_launcher->actions());

    QMenu *queueMenu = menuBar()->addMenu(tr("&Queue"));
    queueMenu->addAction(m_queueActions->action(QueueActions::PauseAll));
    queueMenu->addAction(m_queueActions->action(QueueActions::ResumeAll));
    queueMenu->addAction(m_queueActions->action(QueueActions::Drain));
    queueMenu->addSeparator();
    queueMenu->addAction(m_queueActions->action(QueueActions::ClearFinished));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu *columns = m_view->createHeaderMenu(this);
    columns->setTitle(tr("&Columns"));
    m_viewMenu->addMenu(columns);
    QAction *queueOrder =
        m_viewMenu->addAction(tr("Sort in &Queue Order"), m_view, &JobTableView::showQueueOrder);
    queueOrder->setShortcut(QKeySequence(tr("Ctrl+0")));
    queueOrder->setStatusTip(tr("Show the jobs in the order they will run (drag rows to reorder)"));
    m_viewMenu->addSeparator();

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(m_aboutAction);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar() {
    QToolBar *toolBar = addToolBar(tr("Jobs"));
    toolBar->setObjectName(QStringLiteral("JobsToolBar"));
    toolBar->setAccessibleName(tr("Job actions"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // One "Add Job" button with a menu of the kinds: five add buttons pushed
    // the commands on the selection off the end of the toolbar.
    m_addMenu = new QMenu(tr("Add Job"), this);
    m_addMenu->setObjectName(QStringLiteral("AddJobMenu"));
    m_addMenu->addActions(m_launcher->actions());
    auto *addButton = new QToolButton(toolBar);
    addButton->setObjectName(QStringLiteral("AddJobButton"));
    addButton->setText(tr("Add Job"));
    addButton->setIcon(Icons::action(Icons::Action::Add));
    addButton->setToolTip(tr("Add a job: hash, verify, images, copy or command"));
    addButton->setAccessibleName(tr("Add job"));
    addButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addButton->setPopupMode(QToolButton::InstantPopup);
    addButton->setMenu(m_addMenu);
    toolBar->addWidget(addButton);
    toolBar->addSeparator();
    toolBar->addAction(m_jobActions->action(JobActions::Pause));
    toolBar->addAction(m_jobActions->action(JobActions::Resume));
    toolBar->addAction(m_jobActions->action(JobActions::Cancel));
    toolBar->addAction(m_jobActions->action(JobActions::Retry));
    toolBar->addSeparator();
    toolBar->addAction(m_jobActions->action(JobActions::MoveUp));
    toolBar->addAction(m_jobActions->action(JobActions::MoveDown));
    toolBar->addSeparator();
    toolBar->addAction(m_jobActions->action(JobActions::Remove));
}

void MainWindow::createView() {
    m_view = new JobTableView(this);
    m_view->setObjectName(QStringLiteral("JobTable"));
    m_view->setAccessibleName(tr("Jobs"));
    m_view->setJobModel(m_model);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setPlaceholderText(
        tr("No jobs yet.\nUse “Add Job” to hash or verify files (%1), convert images,\ncopy "
           "files and folders, or run any command line.\nOr drop files and folders here.")
            .arg(addJobAction(JobLauncher::Hash)->shortcut().toString(QKeySequence::NativeText)));
    // File drops on the table go to the window's drop menu (the view itself only
    // takes its own rows, for reordering), as do drops on the window itself.
    auto *drops = new FileDropFilter(
        [this](const QStringList &paths, const QPoint &where) { offerJobsFor(paths, where); },
        this);
    drops->watch(m_view->viewport());
    drops->watch(this);

    m_filterBar = new JobFilterBar(this);
    m_filterBar->setObjectName(QStringLiteral("FilterBar"));
    m_filterBar->setProxy(m_view->proxy());
    connect(m_findAction, &QAction::triggered, m_filterBar, &JobFilterBar::focusSearch);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);
    setTabOrder(m_filterBar, m_view);
    // Tab leaves the table for the next pane instead of walking its cells.
    m_view->setTabKeyNavigation(false);
    m_view->addAction(m_selectAllAction);
    QAction *remove = m_jobActions->action(JobActions::Remove);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(remove);

    connect(m_view, &JobTableView::jobSelectionChanged, this, &MainWindow::updateActions);
    // States change under a steady selection. The model signals updates and inserts
    // up to ~100 times a second under load and updateActions() costs O(selected
    // rows): after those, recompute at most every actionsDelayMs, and not at all
    // while nothing is selected. Selection changes, reorders (a move the person just
    // asked for), removals and resets stay immediate; updateActions() stops a
    // pending timer.
    constexpr int actionsDelayMs = 100;
    auto *actionsTimer = new QTimer(this);
    actionsTimer->setObjectName(QStringLiteral("UpdateActionsTimer"));
    actionsTimer->setSingleShot(true);
    actionsTimer->setInterval(actionsDelayMs);
    connect(actionsTimer, &QTimer::timeout, this, &MainWindow::updateActions);
    const auto scheduleIfSelected = [this, actionsTimer] {
        if (m_view->selectionModel()->hasSelection() && !actionsTimer->isActive())
            actionsTimer->start();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, scheduleIfSelected);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, scheduleIfSelected);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
}

void MainWindow::createDetailsDock() {
    m_details = new JobDetailsPane(m_queue, this);
    m_details->setObjectName(QStringLiteral("DetailsPane"));
    connect(m_details, &JobDetailsPane::refused, this, &MainWindow::showMessage);
    m_detailsDock = new QDockWidget(tr("Details"), this);
    m_detailsDock->setObjectName(QStringLiteral("DetailsDock"));
    m_detailsDock->setWidget(m_details);
    m_detailsDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    m_detailsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::BottomDockWidgetArea, m_detailsDock);
    // The table keeps most of the height by default.
    resizeDocks({m_detailsDock}, {220}, Qt::Vertical);

    QAction *toggle = m_detailsDock->toggleViewAction();
    toggle->setText(tr("&Details Pane"));
    toggle->setShortcut(QKeySequence(tr("Ctrl+I")));
    toggle->setStatusTip(tr("Show or hide the details of the current job"));
    m_viewMenu->addAction(toggle);

    connect(m_view, &JobTableView::currentJobChanged, m_details, &JobDetailsPane::setJob);
    connect(m_view, &JobTableView::currentJobChanged, this, &MainWindow::updateActions);
    // A double-click opens the job's details, as a file manager opens a file.
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this] {
        m_detailsDock->show();
        m_detailsDock->raise();
        m_details->setFocus(Qt::OtherFocusReason);
    });
}

void MainWindow::createTray() {
    m_tray = new TrayIcon(m_queue, m_settings, this);
    m_tray->setWindow(this);
    connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::requestQuit);
    connect(m_tray, &TrayIcon::notificationRequested, this, &MainWindow::notify);
}

void MainWindow::notify(const QString &title, const QString &body) {
    // The tray shows it as a desktop notification when there is a tray; the status
    // bar says it in any case, for whoever looks at the window.
    showMessage(body.isEmpty() ? title : tr("%1: %2").arg(title, body));
}

void MainWindow::showSettings() {
    auto *dialog = new SettingsDialog(m_settings, m_queue, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

bool MainWindow::confirmQuit(bool fromTray) {
    ClosePrompt prompt(m_settings, m_tray->isAvailable() && !fromTray);
    prompt.setJobsSurviveQuit(m_persister != nullptr);
    const ClosePrompt::Decision decision = prompt.decide(*m_queue, this);
    switch (decision) {
    case ClosePrompt::Decision::DontClose:
        return false;
    case ClosePrompt::Decision::KeepRunningInTray:
        // From the tray's own Quit a remembered "keep running" means: stay there.
        if (!fromTray)
            hide();
        return false;
    case ClosePrompt::Decision::Quit:
    case ClosePrompt::Decision::PauseAndQuit:
    case ClosePrompt::Decision::CancelAndQuit:
        ClosePrompt::carryOut(decision, *m_queue);
        return true;
    }
    return false;
}

void MainWindow::requestQuit() {
    if (!confirmQuit(!isVisible()))
        return;
    m_layout->save();
    m_quitApproved = true;
    close();
    Q_EMIT quitConfirmed();
}

void MainWindow::closeEvent(QCloseEvent *event) {
    m_layout->save();
    if (m_quitApproved) {
        event->accept();
        return;
    }
    event->ignore();
    if (confirmQuit(false)) {
        m_quitApproved = true;
        event->accept();
        Q_EMIT quitConfirmed();
    }
}

void MainWindow::createStatusBar() {
    m_summary = new QueueSummaryLabel(m_model, this);
    m_summary->setObjectName(QStringLiteral("QueueSummary"));
    m_queueProgress = new QueueProgressIndicator(m_model, this);
    auto *selection = new SelectionSummaryLabel(m_view, this);
    selection->setObjectName(QStringLiteral("SelectionSummary"));
    statusBar()->addWidget(selection);
    statusBar()->addPermanentWidget(m_queueProgress);
    statusBar()->addPermanentWidget(m_summary);
    statusBar()->setAccessibleName(tr("Status"));
}

QList<JobId> MainWindow::selectedJobIds() const {
    return m_view->selectedJobIds();
}

void MainWindow::selectJob(JobId id) {
    m_view->selectJob(id);
}

void MainWindow::showAddedJob(JobId id) {
    showJobs({id});
}

void MainWindow::showJobs(const QList<JobId> &ids) {
    // A job hidden by the filter or search would look lost: show every job.
    if (!m_view->selectJobs(ids)) {
        m_filterBar->searchField()->clear();
        m_view->setStateFilter(JobFilterProxyModel::StateFilter::All);
        m_view->selectJobs(ids);
    }
}

void MainWindow::selectAllInFocus() {
    // From the Edit menu the focus may be in a text: select that text.
    QWidget *focus = QApplication::focusWidget();
    if (auto *text = qobject_cast<QPlainTextEdit *>(focus))
        text->selectAll();
    else if (auto *line = qobject_cast<QLineEdit *>(focus))
        line->selectAll();
    else
        m_view->selectAll();
}

void MainWindow::updateActions() {
    if (auto *timer =
            findChild<QTimer *>(QStringLiteral("UpdateActionsTimer"), Qt::FindDirectChildrenOnly))
        timer->stop();
    // Pointers into the model's cache, not copies: the selection may be every row.
    const QList<int> rows = m_view->selectedModelRows();
    QList<const JobSnapshot *> jobs;
    jobs.reserve(rows.size());
    for (int row : rows)
        jobs.append(&m_model->snapshot(row));
    m_jobActions->setSelection(jobs, m_model->rowCount(), [view = QPointer<JobTableView>(m_view)] {
        return view ? view->selectedJobs() : QList<JobSnapshot>();
    });
    const int currentRow = m_model->rowOf(m_view->currentJobId());
    const auto current =
        currentRow >= 0 ? std::optional(m_model->snapshot(currentRow)) : std::nullopt;
    m_finishedActions->setJob(current);
    m_queuedActions->setJob(current);
}

void MainWindow::showContextMenu(const QPoint &position) {
    m_contextMenu->popup(m_view->viewport()->mapToGlobal(position));
}

void MainWindow::setPersister(QueuePersister *persister) {
    m_persister = persister;
    m_details->setPersister(persister);
    connect(persister, &QueuePersister::storeFailed, this, [this](const QString &error) {
        showNotice(tr("The queue cannot be saved: %1\nChanges are kept and saved as soon as "
                      "writing works again.")
                       .arg(error));
    });
    connect(persister, &QueuePersister::storeRecovered, this,
            [this] { showMessage(tr("The queue is saved again.")); });
}

void MainWindow::showNotice(const QString &text) {
    showMessage(text);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Taskdeck"), text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::bringToFront() {
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

void MainWindow::showMessage(const QString &message) {
    statusBar()->showMessage(message, messageTimeoutMs);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Taskdeck"),
        tr("<h3>Taskdeck %1</h3><p>Queue long jobs (checksums, copies, image batches, any "
           "command line), watch their progress and steer them.</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped()));
}

QMenu *MainWindow::offerJobsFor(const QStringList &paths, const QPoint &globalPosition) {
    QMenu *menu = m_launcher->createDropMenu(paths, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPosition);
    return menu;
}
