#include "mainwindow.h"

#include "addjob/addcommanddialog.h"
#include "addjob/addcopydialog.h"
#include "addjob/addhashdialog.h"
#include "addjob/addimagesdialog.h"
#include "addjob/joblauncher.h"
#include "jobactions.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"
#include "queueactions.h"
#include "queueprogress.h"
#include "queueprogressindicator.h"
#include "uitestfixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QUrl>

// The commands beyond pause/resume/cancel: moving to either end, priority, the
// commands on the whole queue, the status bar's queue progress, and files dropped
// on the window.

namespace {

class QueueCommandsTest : public UiTestFixture {
protected:
    MainWindow window{&queue};

    void SetUp() override {
        queue.setMaxRunning(1);
        window.show();
        window.activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    }

    QAction *action(JobActions::Command command) const {
        return window.jobActions()->action(command);
    }
    QAction *queueAction(QueueActions::Command command) const {
        return window.queueActions()->action(command);
    }
    // Selects these jobs' rows (as Ctrl+click would) once the table shows them.
    void select(const QList<JobId> &ids) {
        ASSERT_TRUE(waitUntil([&] {
            for (JobId id : ids)
                if (window.model()->rowOf(id) < 0)
                    return false;
            return true;
        }));
        window.view()->clearSelection();
        for (JobId id : ids) {
            window.view()->selectionModel()->select(
                window.view()
                    ->model()
                    ->match(window.view()->model()->index(0, 0), JobTableModel::JobIdRole,
                            QVariant::fromValue(id), 1, Qt::MatchExactly)
                    .value(0),
                QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        ASSERT_EQ(window.selectedJobIds().size(), ids.size());
    }
    bool trigger(QAction *action) {
        // The table learns of new states at its next refresh; the action follows.
        if (!waitUntil([&] { return action->isEnabled(); }))
            return false;
        action->trigger();
        return true;
    }
    QList<JobId> queuedSpinners(int count) {
        QList<JobId> ids;
        for (int i = 0; i < count; ++i)
            ids.append(add(QStringLiteral("spin"), QStringLiteral("job %1").arg(i)));
        return ids;
    }
};

QStringList titlesInOrder(const JobQueue &queue) {
    QStringList titles;
    for (JobId id : queue.order())
        titles.append(queue.job(id)->spec.title);
    return titles;
}

} // namespace

TEST_F(QueueCommandsTest, MoveToTopAndBottomKeepTheSelectedJobsInTheirOrder) {
    const QList<JobId> ids = queuedSpinners(6); // job 0 runs, the rest wait
    select({ids[2], ids[4]});
    ASSERT_TRUE(trigger(action(JobActions::MoveTop)));
    EXPECT_EQ(titlesInOrder(queue).join(','), "job 2,job 4,job 0,job 1,job 3,job 5");

    select({ids[1], ids[3]});
    ASSERT_TRUE(trigger(action(JobActions::MoveBottom)));
    EXPECT_EQ(titlesInOrder(queue).join(','), "job 2,job 4,job 0,job 5,job 1,job 3");
    // The selection follows the moved jobs.
    EXPECT_TRUE(waitUntil([&] { return window.selectedJobIds() == QList<JobId>{ids[1], ids[3]}; }));
}

TEST_F(QueueCommandsTest, PriorityIsSetOnTheSelectionAndCheckedWhenShared) {
    const QList<JobId> ids = queuedSpinners(3);
    ASSERT_TRUE(waitForState(ids[0], JobState::Running));
    select({ids[1], ids[2]});
    EXPECT_TRUE(action(JobActions::PriorityNormal)->isChecked());
    ASSERT_TRUE(trigger(action(JobActions::PriorityHigh)));
    EXPECT_EQ(queue.job(ids[1])->spec.priority, JobPriority::High);
    EXPECT_EQ(queue.job(ids[2])->spec.priority, JobPriority::High);
    EXPECT_EQ(queue.job(ids[0])->spec.priority, JobPriority::Normal);
    EXPECT_TRUE(waitUntil([&] { return action(JobActions::PriorityHigh)->isChecked(); }));

    // A mixed selection checks none; the running job cannot change priority.
    select({ids[0], ids[1]});
    EXPECT_FALSE(action(JobActions::PriorityHigh)->isChecked());
    EXPECT_FALSE(action(JobActions::PriorityNormal)->isChecked());
    select({ids[0]});
    EXPECT_TRUE(waitUntil([&] { return !action(JobActions::PriorityLow)->isEnabled(); }));
}

TEST_F(QueueCommandsTest, PauseAllResumeAllDrainAndClearFinishedActOnTheWholeQueue) {
    const QList<JobId> ids = queuedSpinners(3);
    ASSERT_TRUE(waitForState(ids[0], JobState::Running));
    EXPECT_FALSE(queueAction(QueueActions::ResumeAll)->isEnabled());

    ASSERT_TRUE(trigger(queueAction(QueueActions::PauseAll)));
    for (JobId id : ids)
        EXPECT_TRUE(waitForState(id, JobState::Paused)) << id;
    EXPECT_TRUE(waitUntil([&] { return queueAction(QueueActions::ResumeAll)->isEnabled(); }));
    EXPECT_TRUE(waitUntil([&] { return !queueAction(QueueActions::PauseAll)->isEnabled(); }));

    ASSERT_TRUE(trigger(queueAction(QueueActions::ResumeAll)));
    EXPECT_TRUE(waitForState(ids[0], JobState::Running));

    // Drain: the running job goes on, nothing new starts after it.
    // It shows: the action is checked, the status bar says so, and each queued
    // job says why it waits.
    ASSERT_TRUE(trigger(queueAction(QueueActions::Drain)));
    EXPECT_TRUE(queue.isDraining());
    EXPECT_TRUE(queueAction(QueueActions::Drain)->isChecked());
    const auto summary = [&] {
        return window.statusBar()->findChild<QLabel *>(QStringLiteral("QueueSummary"))->text();
    };
    EXPECT_TRUE(waitUntil([&] { return summary().contains(QStringLiteral("draining")); }))
        << summary().toStdString();
    ASSERT_TRUE(queue.cancel(ids[0]).ok());
    ASSERT_TRUE(waitForState(ids[0], JobState::Canceled));
    EXPECT_TRUE(waitUntil([&] { return queue.isIdle(); }));
    EXPECT_EQ(stateOf(ids[1]), JobState::Queued);
    EXPECT_TRUE(waitUntil([&] {
        const QModelIndex progress =
            window.model()->index(window.model()->rowOf(ids[1]), JobTableModel::ProgressColumn);
        return progress.data().toString().contains(QStringLiteral("draining"));
    }));
    // A shell's `drain` shows the same; unchecking ends it and jobs start again.
    ASSERT_TRUE(trigger(queueAction(QueueActions::Drain)));
    EXPECT_FALSE(queue.isDraining());
    EXPECT_TRUE(waitForState(ids[1], JobState::Running));
    queue.drain();
    EXPECT_TRUE(queueAction(QueueActions::Drain)->isChecked());
    ASSERT_TRUE(queue.cancel(ids[1]).ok());
    ASSERT_TRUE(waitForState(ids[1], JobState::Canceled));

    ASSERT_TRUE(trigger(queueAction(QueueActions::ClearFinished)));
    EXPECT_FALSE(queue.job(ids[0]).has_value());
    EXPECT_EQ(queue.count(), 1);
    EXPECT_TRUE(waitUntil([&] { return !queueAction(QueueActions::ClearFinished)->isEnabled(); }));
}

TEST_F(QueueCommandsTest, EveryCommandIsInTheMenuBarWithAShortcutWhereStandard) {
    QStringList texts;
    for (QAction *menu : window.menuBar()->actions())
        for (QAction *item : menu->menu()->actions())
            texts.append(item->text());
    for (QueueActions::Command c : {QueueActions::PauseAll, QueueActions::ResumeAll,
                                    QueueActions::Drain, QueueActions::ClearFinished})
        EXPECT_TRUE(texts.contains(queueAction(c)->text())) << queueAction(c)->text().toStdString();
    for (JobActions::Command c : {JobActions::MoveTop, JobActions::MoveBottom}) {
        EXPECT_TRUE(texts.contains(action(c)->text()));
        EXPECT_FALSE(action(c)->shortcut().isEmpty());
    }
    EXPECT_TRUE(texts.contains(QStringLiteral("P&riority")));
}

TEST(QueueProgress, WeighsEveryJobAlikeAndSumsByteSpeedsOfRunningJobs) {
    QueueProgress progress;
    JobSnapshot done;
    done.state = JobState::Succeeded;
    JobSnapshot halfway;
    halfway.state = JobState::Running;
    halfway.unit = ProgressUnit::Bytes;
    halfway.done = 50;
    halfway.total = 100;
    halfway.speed = 1000;
    halfway.etaSeconds = 40;
    JobSnapshot other = halfway;
    other.etaSeconds = 90;
    JobSnapshot canceled;
    canceled.state = JobState::Canceled;

    progress.beginUpdate();
    for (const JobSnapshot &job : {done, halfway, other, canceled})
        progress.addJob(job);
    progress.endUpdate();
    EXPECT_EQ(progress.jobCount(), 3); // the canceled job does not count
    EXPECT_DOUBLE_EQ(progress.fraction(), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(progress.bytesPerSecond(), 2000);
    // Nothing waits behind the running jobs: the queue ends with the slowest.
    EXPECT_EQ(progress.etaSeconds(), 90);
    EXPECT_TRUE(progress.text().startsWith(QStringLiteral("66%"))) << progress.text().toStdString();

    // With a job still waiting the ETA comes from the overall rate, unknown until it
    // grew, but never sooner than the running job with longest to go.
    JobSnapshot queued;
    progress.beginUpdate();
    for (const JobSnapshot &job : {done, halfway, other, queued})
        progress.addJob(job);
    progress.endUpdate();
    EXPECT_EQ(progress.etaSeconds(), 90);
    JobSnapshot unknownEta = halfway;
    unknownEta.etaSeconds = -1;
    QueueProgress fresh;
    fresh.beginUpdate();
    for (const JobSnapshot &job : {unknownEta, queued})
        fresh.addJob(job);
    fresh.endUpdate();
    EXPECT_EQ(fresh.etaSeconds(), -1);
}

TEST(QueueProgress, NoTimeLeftIsShownWhileNothingRuns) {
    // It kept "84 % · 23 s left" after every job was paused.
    JobSnapshot running;
    running.state = JobState::Running;
    running.done = 84;
    running.total = 100;
    running.etaSeconds = 23;
    QueueProgress progress;
    progress.beginUpdate();
    progress.addJob(running);
    progress.endUpdate();
    ASSERT_EQ(progress.etaSeconds(), 23);

    JobSnapshot paused = running;
    paused.state = JobState::Paused;
    paused.etaSeconds = -1;
    progress.beginUpdate();
    progress.addJob(paused);
    progress.endUpdate();
    EXPECT_EQ(progress.etaSeconds(), -1);
    EXPECT_FALSE(progress.text().contains(QStringLiteral("left"))) << progress.text().toStdString();
    EXPECT_TRUE(progress.text().startsWith(QStringLiteral("84%"))) << progress.text().toStdString();
}

// It counted down "7s left", then "10s left", beside `sleep 600` once the jobs
// before it had ended: the rate of finished jobs said nothing about this one.
TEST(QueueProgress, NoTimeLeftIsShownWhileARunningJobCannotSayWhenItEnds) {
    JobSnapshot finished;
    finished.state = JobState::Succeeded;
    JobSnapshot sleeper;
    sleeper.state = JobState::Running;
    sleeper.etaSeconds = -1;
    JobSnapshot copy;
    copy.state = JobState::Running;
    copy.done = 10;
    copy.total = 100;
    copy.etaSeconds = 60;
    QueueProgress progress;
    for (int growth = 0; growth < 3; ++growth) {
        progress.beginUpdate();
        progress.addJob(finished);
        progress.addJob(copy);
        progress.addJob(sleeper);
        progress.endUpdate();
        copy.done += 30;
        EXPECT_EQ(progress.etaSeconds(), -1);
        EXPECT_FALSE(progress.text().contains(QStringLiteral("left")))
            << progress.text().toStdString();
    }
}

TEST(QueueProgress, AnEmptyOrFinishedQueueIsNotActiveAndShowsNothing) {
    QueueProgress progress;
    progress.beginUpdate();
    progress.endUpdate();
    EXPECT_FALSE(progress.active());
    EXPECT_TRUE(progress.text().isEmpty());
}

TEST_F(QueueCommandsTest, TheStatusBarShowsTheWholeQueuesProgress) {
    queuedSpinners(2);
    EXPECT_TRUE(waitUntil([&] { return window.queueProgress()->text().contains('%'); }))
        << window.queueProgress()->text().toStdString();
}

TEST(JobLauncherDrop, ManifestNamesAreRecognized) {
    EXPECT_TRUE(JobLauncher::looksLikeManifest("/a/photos.sha256"));
    EXPECT_TRUE(JobLauncher::looksLikeManifest("/a/SHA256SUMS"));
    EXPECT_TRUE(JobLauncher::looksLikeManifest("/a/disk.MD5"));
    EXPECT_FALSE(JobLauncher::looksLikeManifest("/a/photo.jpg"));
    EXPECT_FALSE(JobLauncher::looksLikeManifest("/a/sums"));
}

namespace {

QStringList entryTexts(const QMenu *menu) {
    QStringList texts;
    for (QAction *action : menu->actions())
        if (!action->isSeparator())
            texts.append(action->text());
    return texts;
}

QAction *entryStartingWith(const QMenu *menu, const QString &prefix) {
    for (QAction *action : menu->actions())
        if (action->text().startsWith(prefix))
            return action;
    return nullptr;
}

} // namespace

TEST_F(QueueCommandsTest, DroppedFilesAreOfferedToTheKindsThatTakeThem) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString folder = dir.filePath("photos");
    ASSERT_TRUE(QDir().mkpath(folder));
    const QString manifest = dir.filePath("photos.sha256");
    QFile file(manifest);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();

    std::unique_ptr<QMenu> folderMenu(window.launcher()->createDropMenu({folder}, &window));
    EXPECT_EQ(entryTexts(folderMenu.get()).join('|'),
              "Hash “photos”…|Convert Images in “photos”…|Copy “photos” to…|"
              "Run a Command in “photos”…|Cancel");
    std::unique_ptr<QMenu> manifestMenu(window.launcher()->createDropMenu({manifest}, &window));
    EXPECT_TRUE(entryTexts(manifestMenu.get()).first().startsWith("Verify"));
    // A manifest is no photo: only what fits is offered.
    EXPECT_EQ(entryStartingWith(manifestMenu.get(), "Convert"), nullptr);
    const QString photo = dir.filePath("beach.JPG");
    QFile photoFile(photo);
    ASSERT_TRUE(photoFile.open(QIODevice::WriteOnly));
    photoFile.close();
    std::unique_ptr<QMenu> photoMenu(window.launcher()->createDropMenu({photo}, &window));
    EXPECT_NE(entryStartingWith(photoMenu.get(), "Convert"), nullptr);
    std::unique_ptr<QMenu> twoMenu(window.launcher()->createDropMenu({folder, manifest}, &window));
    EXPECT_EQ(entryStartingWith(twoMenu.get(), "Run"), nullptr);
    EXPECT_EQ(entryStartingWith(twoMenu.get(), "Verify"), nullptr);

    // Each entry opens its dialog prefilled.
    entryStartingWith(twoMenu.get(), "Hash")->trigger();
    auto *hash = window.findChild<AddHashDialog *>();
    ASSERT_NE(hash, nullptr);
    EXPECT_EQ(hash->paths(), (QStringList{folder, manifest}));
    hash->reject();
    entryStartingWith(folderMenu.get(), "Copy")->trigger();
    ASSERT_NE(window.findChild<AddCopyDialog *>(), nullptr);
    window.findChild<AddCopyDialog *>()->reject();
    entryStartingWith(folderMenu.get(), "Run")->trigger();
    ASSERT_NE(window.findChild<AddCommandDialog *>(), nullptr);
    window.findChild<AddCommandDialog *>()->reject();
    entryStartingWith(manifestMenu.get(), "Verify")->trigger();
    auto *verify = window.findChild<AddHashDialog *>();
    ASSERT_TRUE(waitUntil([&] {
        verify = nullptr;
        for (auto *d : window.findChildren<AddHashDialog *>())
            if (d->isVisible())
                verify = d;
        return verify != nullptr;
    }));
    EXPECT_EQ(verify->mode(), AddHashDialog::Mode::Verify);
    EXPECT_EQ(verify->manifestPath(), manifest);
    verify->reject();
}

TEST_F(QueueCommandsTest, DroppingFilesOnTheTablePopsUpTheOffer) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(dir.path())});
    QWidget *target = window.view()->viewport();
    const QPoint centre = target->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    EXPECT_TRUE(drop.isAccepted());
    QMenu *menu = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        menu = window.findChild<QMenu *>(QStringLiteral("DropMenu"));
        return menu && menu->isVisible();
    }));
    EXPECT_NE(entryStartingWith(menu, "Hash"), nullptr);
    menu->close();
}

TEST_F(QueueCommandsTest, NoTwoCommandsShareAShortcut) {
    // Qt silently ignores an ambiguous shortcut, so a clash would disable both.
    QHash<QString, QString> owners;
    for (const QAction *action : window.findChildren<QAction *>()) {
        const QKeySequence keys = action->shortcut();
        if (keys.isEmpty())
            continue;
        const QString text = keys.toString();
        const auto owner = owners.constFind(text);
        EXPECT_TRUE(owner == owners.constEnd() || owner.value() == action->text())
            << text.toStdString() << ": " << owner.value().toStdString() << " and "
            << action->text().toStdString();
        owners.insert(text, action->text());
    }
    EXPECT_GE(owners.size(), 20);
}
