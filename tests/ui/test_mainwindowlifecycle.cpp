#include "mainwindow.h"

#include "addjob/joblauncher.h"
#include "details/jobdetailspane.h"
#include "jobtable/jobfilterbar.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"
#include "promptanswerer.h"
#include "settingsdialog.h"
#include "settingstestfixture.h"
#include "trayicon.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QScreen>
#include <QSignalSpy>
#include <QStatusBar>

// The window's life around the queue: closing it with unfinished jobs asks what to
// do with them, its layout is kept between runs, the details pane follows the
// current job, settings open from the menu, notifications reach the status bar.

namespace {

class MainWindowLifecycleTest : public SettingsTestFixture {
protected:
    std::unique_ptr<MainWindow> window = std::make_unique<MainWindow>(&queue, &settings);

    void SetUp() override {
        window->show();
        window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    }
    // One running job and one queued behind it.
    QList<JobId> addRunningAndQueued() {
        queue.setMaxRunning(1);
        const JobId running = add(QStringLiteral("spin"));
        const JobId queued = add(QStringLiteral("spin"));
        EXPECT_TRUE(waitForState(running, JobState::Running));
        return {running, queued};
    }
};

} // namespace

TEST_F(MainWindowLifecycleTest, ClosingAnIdleQueueQuitsWithoutAsking) {
    QSignalSpy quit(window.get(), &MainWindow::quitConfirmed);
    PromptAnswerer answerer(ClosePrompt::dontCloseButtonName);
    EXPECT_TRUE(window->close());
    EXPECT_EQ(quit.count(), 1);
    EXPECT_FALSE(answerer.asked());
}

TEST_F(MainWindowLifecycleTest, ClosingWithRunningJobsAsksAndCancelAndQuitCancelsThem) {
    const QList<JobId> ids = addRunningAndQueued();
    QSignalSpy quit(window.get(), &MainWindow::quitConfirmed);
    PromptAnswerer answerer(ClosePrompt::cancelAndQuitButtonName);
    EXPECT_TRUE(window->close());
    EXPECT_TRUE(answerer.asked());
    EXPECT_EQ(quit.count(), 1);
    EXPECT_FALSE(window->isVisible());
    for (JobId id : ids)
        EXPECT_TRUE(waitForState(id, JobState::Canceled)) << id;
}

TEST_F(MainWindowLifecycleTest, PauseAndQuitPausesEveryJob) {
    const QList<JobId> ids = addRunningAndQueued();
    QSignalSpy quit(window.get(), &MainWindow::quitConfirmed);
    PromptAnswerer answerer(ClosePrompt::pauseAndQuitButtonName);
    EXPECT_TRUE(window->close());
    EXPECT_EQ(quit.count(), 1);
    for (JobId id : ids)
        EXPECT_TRUE(waitForState(id, JobState::Paused)) << id;
}

TEST_F(MainWindowLifecycleTest, DontCloseKeepsTheWindowAndTheJobsRunning) {
    const QList<JobId> ids = addRunningAndQueued();
    QSignalSpy quit(window.get(), &MainWindow::quitConfirmed);
    PromptAnswerer answerer(ClosePrompt::dontCloseButtonName);
    EXPECT_FALSE(window->close());
    EXPECT_TRUE(answerer.asked());
    EXPECT_EQ(quit.count(), 0);
    EXPECT_TRUE(window->isVisible());
    EXPECT_EQ(stateOf(ids[0]), JobState::Running);
    EXPECT_EQ(stateOf(ids[1]), JobState::Queued);
}

TEST_F(MainWindowLifecycleTest, TheQuitMenuEntryAsksTheSameQuestion) {
    addRunningAndQueued();
    QSignalSpy quit(window.get(), &MainWindow::quitConfirmed);
    PromptAnswerer answerer(Qt::Key_Escape);
    window->requestQuit();
    EXPECT_TRUE(answerer.asked());
    EXPECT_EQ(quit.count(), 0); // Escape: don't close
    EXPECT_TRUE(window->isVisible());
}

TEST_F(MainWindowLifecycleTest, TheDetailsPaneFollowsTheCurrentJob) {
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("first"));
    const JobId second = add(QStringLiteral("spin"), QStringLiteral("second"));
    ASSERT_TRUE(waitUntil([&] { return window->view()->model()->rowCount() == 2; }));
    window->selectJob(second);
    EXPECT_EQ(window->detailsPane()->job(), second);
    window->selectJob(first);
    EXPECT_EQ(window->detailsPane()->job(), first);
    EXPECT_TRUE(window->detailsDock()->isVisible());
}

TEST_F(MainWindowLifecycleTest, TheLayoutIsKeptBetweenRuns) {
    window->detailsDock()->toggleViewAction()->trigger();
    ASSERT_FALSE(window->detailsDock()->isVisible());
    window->resize(700, 450); // within the 800x600 offscreen screen
    window->view()->horizontalHeader()->hideSection(JobTableModel::SpeedColumn);
    ASSERT_TRUE(window->close());

    MainWindow again(&queue, &settings);
    again.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&again));
    EXPECT_FALSE(again.detailsDock()->isVisible());
    EXPECT_EQ(again.size(), QSize(700, 450));
    EXPECT_TRUE(again.view()->horizontalHeader()->isSectionHidden(JobTableModel::SpeedColumn));
}

TEST_F(MainWindowLifecycleTest, FindFocusesTheSearchFieldAndANewJobIsNeverHiddenByTheFilter) {
    QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
    EXPECT_TRUE(waitUntil([&] { return window->filterBar()->searchField()->hasFocus(); }));
    QTest::keyClicks(window->filterBar()->searchField(), QStringLiteral("nothing matches"));
    window->view()->setStateFilter(JobFilterProxyModel::StateFilter::Failed);

    // As if accepted from an add dialog: the window shows it, clearing the filter.
    const JobId id = add(QStringLiteral("spin"), QStringLiteral("new one"));
    Q_EMIT window->launcher()->jobAdded(id);
    EXPECT_EQ(window->selectedJobIds(), QList<JobId>{id});
    EXPECT_TRUE(window->filterBar()->searchField()->text().isEmpty());
}

TEST_F(MainWindowLifecycleTest, TheSettingsEntryOpensTheSettingsDialog) {
    window->settingsAction()->trigger();
    SettingsDialog *dialog = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        dialog = window->findChild<SettingsDialog *>();
        return dialog && dialog->isVisible();
    }));
    dialog->reject();
}

TEST_F(MainWindowLifecycleTest, AFailedJobIsAnnouncedInTheStatusBar) {
    QSignalSpy messages(window->statusBar(), &QStatusBar::messageChanged);
    add(QStringLiteral("fail"), QStringLiteral("doomed"));
    // Then "All jobs finished" may follow it; the failure must have been said.
    const auto announced = [&] {
        for (const QList<QVariant> &message : std::as_const(messages))
            if (message.at(0).toString().contains(QStringLiteral("Job failed: doomed")))
                return true;
        return false;
    };
    EXPECT_TRUE(waitUntil(announced));
}

TEST_F(MainWindowLifecycleTest, TheLayoutIsSavedAsItChangesNotOnlyOnAQuit) {
    window->resize(780, 470);
    window->view()->horizontalHeader()->hideSection(JobTableModel::EtaColumn);
    // No close: as if the application died now.
    ASSERT_TRUE(waitUntil([&] {
        MainWindow probe(&queue, &settings);
        return probe.size() == QSize(780, 470) &&
               probe.view()->horizontalHeader()->isSectionHidden(JobTableModel::EtaColumn);
    }));
}

TEST_F(MainWindowLifecycleTest, ASavedSizeLargerThanTheScreenIsShrunkToFit) {
    const QRect available = window->screen()->availableGeometry();
    window->resize(available.width() * 2, available.height() * 2);
    ASSERT_TRUE(window->close());

    MainWindow again(&queue, &settings);
    again.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&again));
    EXPECT_LE(again.width(), available.width());
    EXPECT_LE(again.height(), available.height());
    EXPECT_TRUE(available.contains(again.geometry().topLeft()));
}
