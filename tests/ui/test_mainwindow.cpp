#include "mainwindow.h"

#include "details/jobdetailspane.h"
#include "jobactions.h"
#include "jobtable/jobfilterbar.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"
#include "promptanswerer.h"
#include "removalprompt.h"
#include "uitestfixture.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

namespace {

class MainWindowTest : public UiTestFixture {
protected:
    MainWindow window{&queue};

    void SetUp() override {
        window.show();
        window.activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    }

    QAction *action(JobActions::Command command) const {
        return window.jobActions()->action(command);
    }
    JobTableView *view() const { return window.view(); }
    JobTableModel *model() const { return window.model(); }

    // A click on the job's row, as a person would (Ctrl adds to the selection).
    void clickRow(JobId id, Qt::KeyboardModifiers modifiers = {}) {
        const QModelIndex index = model()->index(model()->rowOf(id), JobTableModel::TitleColumn);
        ASSERT_TRUE(index.isValid());
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, modifiers,
                          view()->visualRect(index).center());
    }
    void clickToolButton(QAction *action) {
        QWidget *button = window.findChild<QToolBar *>()->widgetForAction(action);
        ASSERT_NE(button, nullptr);
        ASSERT_TRUE(action->isEnabled()) << action->text().toStdString();
        QTest::mouseClick(button, Qt::LeftButton);
    }
    // The window learns of a state at the model's next flush.
    bool waitForShownState(JobId id, JobState state) {
        return waitUntil([&] {
            const int row = model()->rowOf(id);
            return row >= 0 && model()->snapshot(row).state == state;
        });
    }
    bool waitForEnabled(QAction *action, bool enabled = true) {
        return waitUntil([&] { return action->isEnabled() == enabled; });
    }
    QString summary() const {
        return window.statusBar()->findChild<QLabel *>(QStringLiteral("QueueSummary"))->text();
    }
    // A menu's actions and those of its submenus.
    static QList<QAction *> actionsIn(const QMenu *menu) {
        QList<QAction *> actions;
        for (QAction *item : menu->actions()) {
            actions.append(item);
            if (item->menu())
                actions += actionsIn(item->menu());
        }
        return actions;
    }
};

} // namespace

TEST_F(MainWindowTest, TheWindowIsTitledTaskdeckAndEveryCommandHasAnIcon) {
    EXPECT_EQ(window.windowTitle().toStdString(), "Taskdeck");
    EXPECT_FALSE(window.windowIcon().isNull());
    EXPECT_FALSE(window.addJobAction(JobLauncher::Hash)->icon().isNull());
    EXPECT_FALSE(window.addJobAction(JobLauncher::Verify)->icon().isNull());
    for (int c = 0; c < JobActions::CommandCount; ++c) {
        // The priorities are words in a submenu, checked; no icon needed there.
        if (!action(JobActions::Command(c))->isCheckable()) {
            EXPECT_FALSE(action(JobActions::Command(c))->icon().isNull()) << c;
        }
        EXPECT_FALSE(action(JobActions::Command(c))->text().isEmpty()) << c;
    }
    EXPECT_FALSE(view()->accessibleName().isEmpty());
    EXPECT_FALSE(window.findChild<QToolBar *>()->accessibleName().isEmpty());
    EXPECT_EQ(window.addJobAction(JobLauncher::Hash)->shortcut(), QKeySequence(QKeySequence::New));
    EXPECT_EQ(action(JobActions::Remove)->shortcut(), QKeySequence(QKeySequence::Delete));
}

TEST_F(MainWindowTest, JobCommandsAreDisabledUntilAJobIsSelected) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    for (int c = 0; c < JobActions::CommandCount; ++c)
        EXPECT_FALSE(action(JobActions::Command(c))->isEnabled()) << c;
    EXPECT_TRUE(window.addJobAction(JobLauncher::Hash)->isEnabled());

    clickRow(id);
    EXPECT_EQ(window.selectedJobIds(), QList<JobId>{id});
    EXPECT_TRUE(action(JobActions::Pause)->isEnabled());
}

TEST_F(MainWindowTest, PauseThenResumeASelectedRunningJob) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    clickRow(id);
    EXPECT_TRUE(action(JobActions::Pause)->isEnabled());
    EXPECT_FALSE(action(JobActions::Resume)->isEnabled());

    clickToolButton(action(JobActions::Pause));
    ASSERT_TRUE(waitForState(id, JobState::Paused));
    ASSERT_TRUE(waitForEnabled(action(JobActions::Resume)));
    EXPECT_FALSE(action(JobActions::Pause)->isEnabled());

    clickToolButton(action(JobActions::Resume));
    ASSERT_TRUE(waitForState(id, JobState::Running));
    EXPECT_TRUE(waitForEnabled(action(JobActions::Pause)));
}

TEST_F(MainWindowTest, CancelStopsASelectedRunningJob) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    clickRow(id);
    clickToolButton(action(JobActions::Cancel));
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    ASSERT_TRUE(waitForEnabled(action(JobActions::Retry)));
    EXPECT_FALSE(action(JobActions::Cancel)->isEnabled());
}

TEST_F(MainWindowTest, RetryRunsASelectedFailedJobAgain) {
    const JobId id = add(QStringLiteral("fail"));
    ASSERT_TRUE(waitForShownState(id, JobState::Failed));
    clickRow(id);
    EXPECT_TRUE(action(JobActions::Retry)->isEnabled());
    EXPECT_TRUE(action(JobActions::Remove)->isEnabled());
    EXPECT_FALSE(action(JobActions::Pause)->isEnabled());
    EXPECT_FALSE(action(JobActions::Resume)->isEnabled());
    EXPECT_FALSE(action(JobActions::Cancel)->isEnabled());

    QSignalSpy states(&queue, &JobQueue::jobStateChanged);
    QSignalSpy refusals(window.jobActions(), &JobActions::refused);
    clickToolButton(action(JobActions::Retry));
    ASSERT_TRUE(waitUntil([&] {
        return !states.isEmpty() && states.last().at(1).value<JobState>() == JobState::Failed;
    }));
    EXPECT_GE(states.count(), 2); // back in the queue (or running), then failed again
    EXPECT_NE(states.first().at(1).value<JobState>(), JobState::Failed);
    EXPECT_TRUE(refusals.isEmpty());
}

TEST_F(MainWindowTest, TheDeleteKeyRemovesTheSelectedJob) {
    queue.setMaxRunning(1);
    const JobId keep = add(QStringLiteral("spin"));
    const JobId drop = add(QStringLiteral("spin"));
    clickRow(drop);
    QTest::keyClick(view(), Qt::Key_Delete);
    EXPECT_FALSE(queue.job(drop).has_value());
    EXPECT_EQ(model()->rowCount(), 1);
    EXPECT_EQ(model()->snapshot(0).id, keep);
}

TEST_F(MainWindowTest, RemovingARunningJobCancelsItAndItsRowGoes) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    clickRow(id);
    PromptAnswerer answer(RemovalPrompt::removeButtonName); // a running job: asked first
    clickToolButton(action(JobActions::Remove));
    EXPECT_TRUE(answer.asked());
    ASSERT_TRUE(waitUntil([&] { return model()->rowCount() == 0; }));
    EXPECT_FALSE(queue.job(id).has_value());
    EXPECT_FALSE(action(JobActions::Remove)->isEnabled());
}

TEST_F(MainWindowTest, PauseIsDisabledForARunningJobThatCannotPause) {
    const JobId id = add(QStringLiteral("spin-unpausable"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    clickRow(id);
    EXPECT_FALSE(action(JobActions::Pause)->isEnabled());
    EXPECT_TRUE(action(JobActions::Cancel)->isEnabled());
}

TEST_F(MainWindowTest, ACommandIsEnabledWhenItAppliesToAnySelectedJob) {
    queue.setMaxRunning(2);
    const JobId failed = add(QStringLiteral("fail"));
    const JobId running = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(failed, JobState::Failed));
    ASSERT_TRUE(waitForShownState(running, JobState::Running));
    clickRow(failed);
    clickRow(running, Qt::ControlModifier);
    EXPECT_EQ(window.selectedJobIds(), (QList<JobId>{failed, running}));
    EXPECT_TRUE(action(JobActions::Pause)->isEnabled());
    EXPECT_TRUE(action(JobActions::Retry)->isEnabled());

    // Each job gets only the commands that apply to it: nothing is refused.
    clickToolButton(action(JobActions::Pause));
    ASSERT_TRUE(waitForState(running, JobState::Paused));
    EXPECT_EQ(stateOf(failed), JobState::Failed);
    EXPECT_TRUE(window.statusBar()->currentMessage().isEmpty());
}

TEST_F(MainWindowTest, MoveUpAndDownReorderTheQueueAndKeepTheSelection) {
    queue.setMaxRunning(1);
    const JobId a = add(QStringLiteral("spin"));
    const JobId b = add(QStringLiteral("spin"));
    const JobId c = add(QStringLiteral("spin"));
    clickRow(c);
    EXPECT_FALSE(action(JobActions::MoveDown)->isEnabled());

    QTest::keyClick(view(), Qt::Key_Up, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(queue.order(), (QList<JobId>{a, c, b}));
    EXPECT_EQ(window.selectedJobIds(), QList<JobId>{c});
    EXPECT_TRUE(action(JobActions::MoveDown)->isEnabled());

    clickToolButton(action(JobActions::MoveDown));
    EXPECT_EQ(queue.order(), (QList<JobId>{a, b, c}));
    EXPECT_EQ(window.selectedJobIds(), QList<JobId>{c});
}

TEST_F(MainWindowTest, MovingSeveralJobsUpKeepsTheBlockInOrder) {
    queue.setMaxRunning(1);
    const JobId a = add(QStringLiteral("spin"));
    const JobId b = add(QStringLiteral("spin"));
    const JobId c = add(QStringLiteral("spin"));
    const JobId d = add(QStringLiteral("spin"));
    clickRow(a);
    clickRow(c, Qt::ControlModifier);
    clickRow(d, Qt::ControlModifier);
    clickToolButton(action(JobActions::MoveUp));
    // a is already first; c and d each move one place, staying in order.
    EXPECT_EQ(queue.order(), (QList<JobId>{a, c, d, b}));
    EXPECT_EQ(window.selectedJobIds(), (QList<JobId>{a, c, d}));
}

TEST_F(MainWindowTest, ARefusedCommandIsReportedInTheStatusBarNotInADialog) {
    queue.setMaxRunning(1);
    add(QStringLiteral("spin"));
    const JobId queued = add(QStringLiteral("spin"), QStringLiteral("late job"));
    clickRow(queued);
    ASSERT_TRUE(action(JobActions::Pause)->isEnabled());

    // The job moves on before the window hears of it (its next flush): the queue refuses.
    ASSERT_TRUE(queue.cancel(queued).ok());
    action(JobActions::Pause)->trigger();

    const QString message = window.statusBar()->currentMessage();
    EXPECT_TRUE(message.contains(QLatin1String("late job"))) << message.toStdString();
    for (QWidget *widget : QApplication::topLevelWidgets())
        EXPECT_FALSE(widget->isVisible() && qobject_cast<QDialog *>(widget));
}

TEST_F(MainWindowTest, TheStatusBarCountsJobsByState) {
    queue.setMaxRunning(1);
    const JobId failed = add(QStringLiteral("fail"));
    const JobId running = add(QStringLiteral("spin"));
    const JobId queued = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForState(failed, JobState::Failed));
    ASSERT_TRUE(waitForState(running, JobState::Running));
    ASSERT_TRUE(waitUntil([&] {
        return summary() == QStringLiteral("1 active · 1 queued · 0 done · 1 failed");
    })) << summary().toStdString();

    // Held before it started: still queued, as the filter bar counts it.
    ASSERT_TRUE(queue.pause(queued).ok());
    EXPECT_TRUE(waitUntil([&] {
        return summary() == QStringLiteral("1 active · 1 queued · 0 done · 1 failed · 1 paused");
    })) << summary().toStdString();

    // A canceled job is in the Failed group there and here: the two agree.
    ASSERT_TRUE(queue.cancel(queued).ok());
    const auto filterCount = [&](JobFilterProxyModel::StateFilter group) {
        return view()->proxy()->countFor(group);
    };
    EXPECT_TRUE(waitUntil([&] {
        return summary() == QStringLiteral("1 active · 0 queued · 0 done · 2 failed");
    })) << summary().toStdString();
    EXPECT_EQ(filterCount(JobFilterProxyModel::StateFilter::Failed), 2);
    EXPECT_EQ(filterCount(JobFilterProxyModel::StateFilter::Active), 1);
    EXPECT_EQ(filterCount(JobFilterProxyModel::StateFilter::Queued), 0);
}

TEST_F(MainWindowTest, TheContextMenuOffersTheJobCommands) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    clickRow(id);
    const QPoint point = view()->visualRect(model()->index(0, 0)).center();
    Q_EMIT view()->customContextMenuRequested(point);

    QMenu *menu = window.contextMenu();
    ASSERT_TRUE(waitUntil([&] { return menu->isVisible(); }));
    const QList<QAction *> actions = actionsIn(menu);
    for (int c = 0; c < JobActions::CommandCount; ++c)
        EXPECT_TRUE(actions.contains(action(JobActions::Command(c)))) << c;
    EXPECT_TRUE(actions.contains(window.addJobAction(JobLauncher::Hash)));
    menu->close();
}

TEST_F(MainWindowTest, TheMenuBarHoldsEveryCommand) {
    QList<QAction *> inMenus;
    const QList<QAction *> menus = window.menuBar()->actions();
    for (QAction *menuAction : menus) {
        if (menuAction->menu())
            inMenus += actionsIn(menuAction->menu());
    }
    for (int c = 0; c < JobActions::CommandCount; ++c)
        EXPECT_TRUE(inMenus.contains(action(JobActions::Command(c)))) << c;
    EXPECT_TRUE(inMenus.contains(window.addJobAction(JobLauncher::Hash)));
    EXPECT_TRUE(inMenus.contains(window.addJobAction(JobLauncher::Verify)));
}

TEST_F(MainWindowTest, TheToolBarOffersEveryKindOfJobAndKeepsTheCommandsVisible) {
    QToolBar *toolBar = window.findChild<QToolBar *>();
    auto *addButton = toolBar->findChild<QToolButton *>(QStringLiteral("AddJobButton"));
    ASSERT_NE(addButton, nullptr);
    ASSERT_EQ(addButton->menu(), window.addMenu());
    for (QAction *add :
         {window.addJobAction(JobLauncher::Hash), window.addJobAction(JobLauncher::Verify)})
        EXPECT_TRUE(window.addMenu()->actions().contains(add));
    EXPECT_EQ(window.addMenu()->actions().size(), 5);
    // At the window's default size no command hides behind the overflow arrow.
    for (JobActions::Command c :
         {JobActions::Pause, JobActions::Resume, JobActions::Cancel, JobActions::Retry,
          JobActions::MoveUp, JobActions::MoveDown, JobActions::Remove}) {
        QWidget *button = toolBar->widgetForAction(action(c));
        ASSERT_NE(button, nullptr) << c;
        EXPECT_TRUE(button->isVisible()) << c;
    }
}

TEST_F(MainWindowTest, AnEmptyTableSaysHowToAddAJob) {
    const QString hint = view()->placeholderText();
    // Every kind of job, not only hashing.
    for (const char *kind : {"hash", "verify", "convert images", "copy", "command line"})
        EXPECT_TRUE(hint.contains(QLatin1String(kind))) << kind << ": " << hint.toStdString();
    EXPECT_TRUE(hint.contains(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));

    // The hint is painted only while there are no rows.
    const QImage empty = view()->viewport()->grab().toImage();
    add(QStringLiteral("fail"));
    const QImage withJob = view()->viewport()->grab().toImage();
    ASSERT_TRUE(queue.remove(queue.order().first()).ok());
    EXPECT_EQ(view()->viewport()->grab().toImage(), empty);
    EXPECT_NE(withJob, empty);
}

TEST_F(MainWindowTest, TheStatusBarNamesTheSelectionAmongTheShownJobs) {
    QList<JobId> ids;
    for (int i = 0; i < 4; ++i)
        ids << add(QStringLiteral("fail"), QStringLiteral("job %1").arg(i));
    ASSERT_TRUE(waitUntil([&] { return model()->rowCount() == 4; }));
    auto *selection = window.findChild<QLabel *>(QStringLiteral("SelectionSummary"));
    ASSERT_NE(selection, nullptr);
    EXPECT_EQ(selection->text(), QString());

    clickRow(ids.at(0));
    clickRow(ids.at(2), Qt::ControlModifier);
    clickRow(ids.at(3), Qt::ControlModifier);
    EXPECT_TRUE(waitUntil([&] { return selection->text() == QStringLiteral("3 of 4 selected"); }))
        << selection->text().toStdString();
    view()->clearSelection();
    EXPECT_TRUE(waitUntil([&] { return selection->text().isEmpty(); }));
}

// F6 and Shift+F6 go round the panes, as in file managers and browsers.
TEST_F(MainWindowTest, F6CyclesTheFocusThroughTheFilterBarTheTableAndTheDetails) {
    const JobId id = add(QStringLiteral("fail"));
    ASSERT_TRUE(waitUntil([&] { return model()->rowCount() == 1; }));
    clickRow(id); // the details pane shows it
    view()->setFocus();
    ASSERT_TRUE(waitUntil([&] { return view()->hasFocus(); }));
    const auto focusIn = [](QWidget *pane) {
        const QWidget *focused = QApplication::focusWidget();
        return focused && (focused == pane || pane->isAncestorOf(focused));
    };

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    EXPECT_TRUE(waitUntil([&] { return focusIn(window.detailsPane()); }));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    EXPECT_TRUE(waitUntil([&] { return focusIn(window.filterBar()); }));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    EXPECT_TRUE(waitUntil([&] { return view()->hasFocus(); }));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
    EXPECT_TRUE(waitUntil([&] { return focusIn(window.filterBar()); }));

    // A hidden details pane is passed over.
    window.findChild<QDockWidget *>(QStringLiteral("DetailsDock"))->hide();
    view()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    EXPECT_TRUE(waitUntil([&] { return focusIn(window.filterBar()); }));
}
