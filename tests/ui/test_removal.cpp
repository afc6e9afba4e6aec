// Nothing lost by a slip: shortcuts act where the focus is, removing several
// jobs or a running one asks first, and Edit > Undo brings removed jobs back.
#include "mainwindow.h"

#include "details/jobdetailspane.h"
#include "details/joblogview.h"
#include "jobactions.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"
#include "loggingjobkind.h"
#include "promptanswerer.h"
#include "queueactions.h"
#include "removalhistory.h"
#include "removalprompt.h"
#include "settingstestfixture.h"

#include <QAction>
#include <QClipboard>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>

namespace {

class RemovalTest : public SettingsTestFixture {
protected:
    std::unique_ptr<MainWindow> window;

    void SetUp() override {
        kinds->add(std::make_shared<LoggingJobKind>());
        queue.setMaxRunning(2);
        window = std::make_unique<MainWindow>(&queue, &settings);
        window->show();
        window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    }

    JobTableView *view() const { return window->view(); }
    JobTableModel *model() const { return window->model(); }
    QAction *undo() const { return window->removalHistory()->undoAction(); }
    QAction *remove() const { return window->jobActions()->action(JobActions::Remove); }

    // Selects these jobs in the table, which gets the focus, as clicks would.
    void select(const QList<JobId> &ids) {
        view()->setFocus();
        ASSERT_TRUE(view()->selectJobs(ids));
        ASSERT_TRUE(waitUntil([&] { return view()->selectedJobIds().size() == ids.size(); }));
    }
    JobId addLogged(const QString &title, int lines) {
        return add(QStringLiteral("log"), title, {{QStringLiteral("lines"), lines}});
    }
    QStringList titlesInOrder() const {
        QStringList titles;
        for (JobId id : queue.order())
            titles.append(queue.job(id)->spec.title);
        return titles;
    }
};

} // namespace

TEST_F(RemovalTest, CtrlAAndDeleteInTheLogActOnItsTextNotOnTheJobs) {
    QList<JobId> ids;
    for (int i = 0; i < 5; ++i)
        ids.append(addLogged(QStringLiteral("chatty %1").arg(i), 3));
    for (JobId id : ids)
        ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    select({ids[2]});
    JobDetailsPane *details = window->detailsPane();
    details->tabs()->setCurrentWidget(details->logView());
    ASSERT_TRUE(waitUntil([&] { return details->logView()->toPlainText().contains("line 3"); }));
    details->logView()->setFocus();
    ASSERT_TRUE(waitUntil([&] { return details->logView()->hasFocus(); }));

    QTest::keyClick(details->logView(), Qt::Key_A, Qt::ControlModifier);
    EXPECT_EQ(details->logView()->textCursor().selectedText().count(QChar::ParagraphSeparator), 2);
    EXPECT_EQ(view()->selectedJobIds(), QList<JobId>{ids[2]});
    QTest::keyClick(details->logView(), Qt::Key_C, Qt::ControlModifier);
    EXPECT_TRUE(QGuiApplication::clipboard()->text().contains(QStringLiteral("line 1")));
    QTest::keyClick(details->logView(), Qt::Key_Delete);
    EXPECT_EQ(queue.count(), 5);

    // In the table the same keys select every job and remove them (asking first).
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_A, Qt::ControlModifier);
    EXPECT_EQ(view()->selectedJobIds(), ids);
    PromptAnswerer answer(RemovalPrompt::removeButtonName);
    QTest::keyClick(view(), Qt::Key_Delete);
    EXPECT_TRUE(answer.asked());
    EXPECT_EQ(queue.count(), 0);
}

TEST_F(RemovalTest, OneJobThatHasNotStartedGoesWithoutAQuestionAndComesBackWithUndo) {
    queue.drain();
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("first"));
    const JobId middle = add(QStringLiteral("spin"), QStringLiteral("middle"));
    add(QStringLiteral("spin"), QStringLiteral("last"));
    select({middle});
    PromptAnswerer answer(RemovalPrompt::keepButtonName);
    QTest::keyClick(view(), Qt::Key_Delete);
    EXPECT_FALSE(answer.asked());
    ASSERT_FALSE(queue.job(middle).has_value());
    EXPECT_TRUE(undo()->isEnabled());
    EXPECT_TRUE(undo()->text().contains(QStringLiteral("middle")));

    QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
    ASSERT_TRUE(queue.job(middle).has_value());
    EXPECT_EQ(titlesInOrder(), (QStringList{"first", "middle", "last"}));
    EXPECT_EQ(queue.job(middle)->state, JobState::Queued);
    EXPECT_EQ(view()->selectedJobIds(), QList<JobId>{middle});
    EXPECT_FALSE(undo()->isEnabled());
    EXPECT_EQ(model()->snapshot(model()->rowOf(first)).position, 0);
}

TEST_F(RemovalTest, SeveralJobsOrARunningOneAskFirstAndKeepLeavesThemAll) {
    const JobId running = add(QStringLiteral("spin"), QStringLiteral("running"));
    const JobId other = add(QStringLiteral("spin"), QStringLiteral("also running"));
    ASSERT_TRUE(waitForState(running, JobState::Running));
    ASSERT_TRUE(waitForState(other, JobState::Running));
    const JobId waiting = add(QStringLiteral("spin"), QStringLiteral("waiting"));

    select({running});
    {
        PromptAnswerer keep(RemovalPrompt::keepButtonName);
        remove()->trigger();
        EXPECT_TRUE(keep.asked());
        EXPECT_TRUE(keep.text().contains(QStringLiteral("“running”"))) << keep.text().toStdString();
        EXPECT_TRUE(keep.text().contains(QStringLiteral("canceled")));
    }
    EXPECT_EQ(stateOf(running), JobState::Running);

    select({running, other, waiting});
    PromptAnswerer keep(Qt::Key_Escape);
    remove()->trigger();
    EXPECT_TRUE(keep.asked());
    EXPECT_TRUE(keep.text().contains(QStringLiteral("Remove 3 jobs?")))
        << keep.text().toStdString();
    EXPECT_TRUE(keep.text().contains(QStringLiteral("2 of them are running and will be canceled")))
        << keep.text().toStdString();
    EXPECT_EQ(queue.count(), 3);
    EXPECT_EQ(stateOf(other), JobState::Running);
}

TEST_F(RemovalTest, EnterKeepsARunningJobButRemovesJobsThatUndoCanBringBack) {
    const JobId running = add(QStringLiteral("spin"), QStringLiteral("running"));
    ASSERT_TRUE(waitForState(running, JobState::Running));
    queue.drain();
    const JobId a = add(QStringLiteral("spin"), QStringLiteral("a"));
    const JobId b = add(QStringLiteral("spin"), QStringLiteral("b"));

    select({running, a});
    {
        PromptAnswerer enter(Qt::Key_Return);
        remove()->trigger();
        ASSERT_TRUE(enter.asked());
        // Wide enough that its title and sentences are not cut to a sliver.
        EXPECT_GE(enter.width(), 420);
    }
    EXPECT_EQ(queue.count(), 3);
    EXPECT_EQ(stateOf(running), JobState::Running);

    select({a, b});
    PromptAnswerer enter(Qt::Key_Return);
    remove()->trigger();
    ASSERT_TRUE(enter.asked());
    EXPECT_EQ(queue.order(), QList<JobId>{running});
}

TEST_F(RemovalTest, DontAskAgainIsRememberedAndTheSettingsTurnItBackOn) {
    queue.drain();
    const QList<JobId> first = {add(QStringLiteral("spin")), add(QStringLiteral("spin"))};
    const QList<JobId> second = {add(QStringLiteral("spin")), add(QStringLiteral("spin"))};
    select(first);
    {
        PromptAnswerer answer(RemovalPrompt::removeButtonName, true,
                              RemovalPrompt::dontAskCheckBoxName);
        remove()->trigger();
        EXPECT_TRUE(answer.asked());
    }
    EXPECT_FALSE(settings.confirmRemoval());
    EXPECT_EQ(queue.count(), 2);

    select(second);
    PromptAnswerer none(RemovalPrompt::keepButtonName);
    remove()->trigger();
    EXPECT_FALSE(none.asked());
    EXPECT_EQ(queue.count(), 0);
}

TEST_F(RemovalTest, UndoBringsBackFinishedJobsWithTheirResultsAndLogsButNotARunningOne) {
    const JobId done = addLogged(QStringLiteral("done"), 40);
    ASSERT_TRUE(waitForState(done, JobState::Succeeded));
    const QString summary = queue.job(done)->result.summary;
    const JobId running = add(QStringLiteral("spin"), QStringLiteral("running"));
    ASSERT_TRUE(waitForState(running, JobState::Running));

    select({done, running});
    {
        PromptAnswerer answer(RemovalPrompt::removeButtonName);
        remove()->trigger();
        EXPECT_TRUE(answer.asked());
    }
    ASSERT_TRUE(waitUntil([&] { return queue.count() == 0; }));
    undo()->trigger();
    EXPECT_EQ(queue.order(), QList<JobId>{done});
    EXPECT_EQ(stateOf(done), JobState::Succeeded);
    EXPECT_EQ(queue.job(done)->result.summary, summary);
    EXPECT_EQ(queue.logTail(done).size(), 40);
    select({done});
    JobDetailsPane *details = window->detailsPane();
    ASSERT_TRUE(waitUntil([&] { return details->logView()->toPlainText().contains("line 40"); }));
}

TEST_F(RemovalTest, ClearFinishedIsUndoneWithEveryJobInItsPlace) {
    QList<JobId> ids;
    for (int i = 0; i < 9; ++i) {
        if (i % 3 == 0) {
            ids.append(addLogged(QStringLiteral("job %1").arg(i), 2));
        } else {
            ids.append(add(QStringLiteral("spin"), QStringLiteral("job %1").arg(i)));
            ASSERT_TRUE(queue.cancel(ids.last()));
        }
    }
    ASSERT_TRUE(waitUntil([&] {
        return queue.countIn(JobState::Succeeded) == 3 && queue.countIn(JobState::Canceled) == 6;
    }));
    const QStringList before = titlesInOrder();
    ASSERT_TRUE(window->queueActions()->action(QueueActions::ClearFinished)->isEnabled() ||
                waitUntil([&] {
                    return window->queueActions()->action(QueueActions::ClearFinished)->isEnabled();
                }));
    window->queueActions()->action(QueueActions::ClearFinished)->trigger();
    ASSERT_EQ(queue.count(), 0);
    EXPECT_TRUE(undo()->text().contains(QStringLiteral("Clear Finished (9 Jobs)")))
        << undo()->text().toStdString();
    undo()->trigger();
    EXPECT_EQ(titlesInOrder(), before);
    EXPECT_EQ(queue.order(), ids);
    EXPECT_EQ(model()->rowCount(), 9);
    EXPECT_EQ(view()->selectedJobIds(), ids);
}

TEST_F(RemovalTest, TheEditMenuOffersUndoWithItsShortcut) {
    QMenu *edit = nullptr;
    for (QAction *menu : window->menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&Edit"))
            edit = menu->menu();
    }
    ASSERT_NE(edit, nullptr);
    EXPECT_TRUE(edit->actions().contains(undo()));
    EXPECT_EQ(undo()->shortcut(), QKeySequence(QKeySequence::Undo));
    EXPECT_FALSE(undo()->isEnabled());
}

TEST_F(RemovalTest, TabLeavesTheTableForTheNextPane) {
    add(QStringLiteral("spin"));
    view()->setFocus();
    ASSERT_TRUE(waitUntil([&] { return view()->hasFocus(); }));
    QTest::keyClick(view(), Qt::Key_Tab);
    EXPECT_TRUE(waitUntil([&] { return !view()->hasFocus(); }));
    EXPECT_NE(QApplication::focusWidget(), nullptr);
}
