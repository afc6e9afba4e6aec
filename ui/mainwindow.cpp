#include "mainwindow.h"

#include "addcommanddialog.h"
#include "addcopydialog.h"
#include "addimagesdialog.h"
#include "icons.h"
#include "jobactions.h"
#include "jobqueue.h"
#include "jobtablemodel.h"
#include "jobtableview.h"
#include "queuesummarylabel.h"

#include <QAction>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>

namespace {

// Long enough to read a sentence, short enough not to linger past the next action.
constexpr int messageTimeoutMs = 10000;

} // namespace

MainWindow::MainWindow(JobQueue *queue, QWidget *parent)
    : QMainWindow(parent)
    , m_queue(queue) {
    setWindowTitle(tr("Taskdeck"));
    setWindowIcon(Icons::app());
    setObjectName(QStringLiteral("MainWindow"));

    m_model = new JobTableModel(queue, this);
    m_jobActions = new JobActions(queue, this);
    connect(m_jobActions, &JobActions::refused, this, &MainWindow::showMessage);

    createActions();
    createView();
    createMenus();
    createToolBar();
    createStatusBar();
    updateActions();
    resize(1000, 560);
}

void MainWindow::createActions() {
    m_addHashAction = new QAction(Icons::action(Icons::Action::Add), tr("Add &Hash Job…"), this);
    m_addHashAction->setShortcut(QKeySequence::New);
    m_addHashAction->setToolTip(tr("Hash files and folders into a checksum manifest"));
    m_addHashAction->setStatusTip(m_addHashAction->toolTip());
    connect(m_addHashAction, &QAction::triggered, this,
            [this] { showAddDialog(AddHashDialog::Mode::Hash); });

    m_addVerifyAction =
        new QAction(Icons::action(Icons::Action::Verify), tr("Add &Verify Job…"), this);
    m_addVerifyAction->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    m_addVerifyAction->setToolTip(tr("Check files against a checksum manifest"));
    m_addVerifyAction->setStatusTip(m_addVerifyAction->toolTip());
    connect(m_addVerifyAction, &QAction::triggered, this,
            [this] { showAddDialog(AddHashDialog::Mode::Verify); });

    m_addImagesAction = new QAction(Icons::action(Icons::Action::Add), tr("Add &Image Job…"), this);
    m_addImagesAction->setToolTip(tr("Convert or scale images into a folder"));
    m_addImagesAction->setStatusTip(m_addImagesAction->toolTip());
    connect(m_addImagesAction, &QAction::triggered, this, &MainWindow::showAddImagesDialog);

    m_addCopyAction = new QAction(Icons::action(Icons::Action::Add), tr("Add C&opy Job…"), this);
    m_addCopyAction->setToolTip(tr("Copy files and folders into a folder, like cp -a"));
    m_addCopyAction->setStatusTip(m_addCopyAction->toolTip());
    connect(m_addCopyAction, &QAction::triggered, this, &MainWindow::showAddCopyDialog);

    m_addCommandAction =
        new QAction(Icons::action(Icons::Action::Add), tr("Add &Command Job…"), this);
    m_addCommandAction->setToolTip(tr("Run a command line, such as an encode or an rsync"));
    m_addCommandAction->setStatusTip(m_addCommandAction->toolTip());
    connect(m_addCommandAction, &QAction::triggered, this, &MainWindow::showAddCommandDialog);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus() {
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_addHashAction);
    fileMenu->addAction(m_addVerifyAction);
    fileMenu->addAction(m_addImagesAction);
    fileMenu->addAction(m_addCopyAction);
    fileMenu->addAction(m_addCommandAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu *jobMenu = menuBar()->addMenu(tr("&Job"));
    m_contextMenu = new QMenu(this);
    m_contextMenu->setAccessibleName(tr("Job actions"));
    for (QMenu *menu : {jobMenu, m_contextMenu}) {
        menu->addAction(m_jobActions->action(JobActions::Pause));
        menu->addAction(m_jobActions->action(JobActions::Resume));
        menu->addAction(m_jobActions->action(JobActions::Cancel));
        menu->addAction(m_jobActions->action(JobActions::Retry));
        menu->addSeparator();
        menu->addAction(m_jobActions->action(JobActions::MoveUp));
        menu->addAction(m_jobActions->action(JobActions::MoveDown));
        menu->addSeparator();
        menu->addAction(m_jobActions->action(JobActions::Remove));
    }
    // Adding a job from the context menu of an empty list is the obvious first step.
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_addHashAction);
    m_contextMenu->addAction(m_addVerifyAction);
    m_contextMenu->addAction(m_addImagesAction);
    m_contextMenu->addAction(m_addCopyAction);
    m_contextMenu->addAction(m_addCommandAction);
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
    m_addMenu->addActions({m_addHashAction, m_addVerifyAction, m_addImagesAction, m_addCopyAction,
                           m_addCommandAction});
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
        tr("No jobs yet.\nUse “%1” (%2) to hash files and folders.")
            .arg(m_addHashAction->text().remove(QLatin1Char('&')),
                 m_addHashAction->shortcut().toString(QKeySequence::NativeText)));

    setCentralWidget(m_view);

    connect(m_view, &JobTableView::jobSelectionChanged, this, &MainWindow::updateActions);
    // States change under a steady selection; the model already batches these signals.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
}

void MainWindow::createStatusBar() {
    m_summary = new QueueSummaryLabel(m_queue, this);
    statusBar()->addPermanentWidget(m_summary);
    statusBar()->setAccessibleName(tr("Status"));
}

QList<JobId> MainWindow::selectedJobIds() const {
    return m_view->selectedJobIds();
}

void MainWindow::selectJob(JobId id) {
    m_view->selectJob(id);
}

void MainWindow::updateActions() {
    m_jobActions->setSelection(m_view->selectedJobs(), m_model->rowCount());
}

void MainWindow::showContextMenu(const QPoint &position) {
    m_contextMenu->popup(m_view->viewport()->mapToGlobal(position));
}

void MainWindow::showMessage(const QString &message) {
    statusBar()->showMessage(message, messageTimeoutMs);
}

void MainWindow::openAddDialog(QDialog *dialog, std::function<JobSpec()> validatedSpec) {
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, spec = std::move(validatedSpec)] {
        const Expected<JobId> added = m_queue->add(spec());
        if (!added) {
            showMessage(tr("Could not add the job: %1").arg(added.error()));
            return;
        }
        selectJob(added.value());
    });
    dialog->open();
}

void MainWindow::showAddDialog(AddHashDialog::Mode mode) {
    auto *dialog = new AddHashDialog(m_queue->kinds(), mode, this);
    openAddDialog(dialog, [dialog] { return dialog->spec(); });
}

void MainWindow::showAddCopyDialog() {
    auto *dialog = new AddCopyDialog(m_queue->kinds(), this);
    openAddDialog(dialog, [dialog] { return dialog->spec(); });
}

void MainWindow::showAddCommandDialog() {
    auto *dialog = new AddCommandDialog(m_queue->kinds(), this);
    openAddDialog(dialog, [dialog] { return dialog->spec(); });
}

void MainWindow::showAddImagesDialog() {
    auto *dialog = new AddImagesDialog(m_queue->kinds(), this);
    openAddDialog(dialog, [dialog] { return dialog->spec(); });
}
