#include "trayicon.h"

#include "settingstestfixture.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QWidget>

namespace {

class TrayIconTest : public SettingsTestFixture {
protected:
    struct Notification {
        QString title;
        QString body;
    };

    TrayIcon tray{&queue, &settings};
    QList<Notification> notifications;
    QSignalSpy idle{&queue, &JobQueue::idleChanged};

    void SetUp() override {
        QObject::connect(&tray, &TrayIcon::notificationRequested,
                         [this](const QString &title, const QString &body) {
                             notifications.append({title, body});
                         });
    }
    // The queue went idle after work (the tray's own idle handler ran before this spy's).
    bool waitForIdleAfterWork() {
        return waitUntil(
            [&] { return !idle.isEmpty() && idle.constLast().at(0).toBool() && queue.isIdle(); });
    }
    QStringList titles() const {
        QStringList result;
        for (const Notification &notification : notifications)
            result << notification.title;
        return result;
    }
};

} // namespace

TEST_F(TrayIconTest, WithoutASystemTrayNothingIsShownButTheTooltipIsKept) {
    if (QSystemTrayIcon::isSystemTrayAvailable())
        GTEST_SKIP() << "this platform has a system tray";
    EXPECT_FALSE(tray.isAvailable());
    EXPECT_EQ(tray.toolTip(), QStringLiteral("Taskdeck — no jobs running"));
}

TEST_F(TrayIconTest, TheTooltipCountsRunningAndQueuedJobsWithProgressAndSpeed) {
    queue.setMaxRunning(2);
    QList<JobId> ids;
    for (int i = 0; i < 5; ++i)
        ids << add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForState(ids.at(1), JobState::Running));

    // Running spinners report bytes: a percentage and a byte rate join the counts.
    ASSERT_TRUE(waitUntil([&] {
        tray.refresh();
        return tray.toolTip().contains(QStringLiteral("B/s"));
    })) << tray.toolTip().toStdString();
    EXPECT_TRUE(tray.toolTip().startsWith(QStringLiteral("Taskdeck — 2 active · 3 queued · ")))
        << tray.toolTip().toStdString();
    EXPECT_TRUE(tray.toolTip().contains(QLatin1Char('%'))) << tray.toolTip().toStdString();

    // Counted as the status bar counts: a job paused before it started is still
    // queued, one paused while it ran is still active.
    queue.pause(ids.at(4));
    tray.refresh();
    EXPECT_TRUE(
        tray.toolTip().startsWith(QStringLiteral("Taskdeck — 2 active · 3 queued · 1 paused · ")))
        << tray.toolTip().toStdString();
    queue.pause(ids.at(0));
    tray.refresh();
    EXPECT_TRUE(
        tray.toolTip().startsWith(QStringLiteral("Taskdeck — 2 active · 3 queued · 2 paused · ")))
        << tray.toolTip().toStdString();
}

TEST_F(TrayIconTest, TheTooltipFollowsTheQueueOnItsOwnTimer) {
    QSignalSpy changed(&tray, &TrayIcon::toolTipChanged);
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForState(id, JobState::Running));
    EXPECT_TRUE(waitUntil([&] {
        return tray.toolTip().startsWith(QStringLiteral("Taskdeck — 1 active · 0 queued"));
    })) << tray.toolTip().toStdString();
    EXPECT_FALSE(changed.isEmpty());

    queue.cancel(id);
    EXPECT_TRUE(waitUntil([&] {
        return tray.toolTip() == QStringLiteral("Taskdeck — no jobs running");
    })) << tray.toolTip().toStdString();
}

TEST_F(TrayIconTest, AFailedJobAsksForANotificationWithItsError) {
    add(QStringLiteral("fail"), QStringLiteral("Read the backup"),
        {{QStringLiteral("message"),
          QStringLiteral("cannot read /mnt/backup: permission denied")}});
    ASSERT_TRUE(waitUntil([&] { return notifications.size() >= 2; }));

    EXPECT_EQ(notifications.at(0).title, QStringLiteral("Job failed: Read the backup"));
    EXPECT_EQ(notifications.at(0).body,
              QStringLiteral("cannot read /mnt/backup: permission denied"));
    EXPECT_EQ(notifications.at(1).title, QStringLiteral("All jobs finished"));
    EXPECT_EQ(notifications.at(1).body, QStringLiteral("0 succeeded · 1 failed"));
}

TEST_F(TrayIconTest, ABurstOfFailuresGivesFewerNotificationsThanFailures) {
    settings.setNotifyWhenQueueEmpty(false);
    JobSpec spec;
    spec.kind = QStringLiteral("fail");
    ASSERT_TRUE(queue.add(QList<JobSpec>(6, spec)).ok());
    ASSERT_TRUE(waitForIdleAfterWork());

    ASSERT_FALSE(notifications.isEmpty());
    EXPECT_LT(notifications.size(), 6);
    EXPECT_TRUE(notifications.constFirst().body.contains(FailingJobKind::defaultMessage()))
        << notifications.constFirst().body.toStdString();
}

TEST_F(TrayIconTest, NoFailureNotificationWhenThatIsSwitchedOff) {
    settings.setNotifyOnFailure(false);
    add(QStringLiteral("fail"));
    ASSERT_TRUE(waitForIdleAfterWork());
    // The queue-finished notification, still on, comes after any failure one would have.
    EXPECT_EQ(titles(), QStringList{QStringLiteral("All jobs finished")});
}

TEST_F(TrayIconTest, TheQueueRunningOutOfWorkNotifiesOnce) {
    addSucceedingJob(QStringLiteral("one.txt"));
    addSucceedingJob(QStringLiteral("two.txt"));
    ASSERT_TRUE(waitForIdleAfterWork());
    ASSERT_TRUE(waitUntil([&] { return !notifications.isEmpty(); }));
    EXPECT_EQ(titles(), QStringList{QStringLiteral("All jobs finished")});
    EXPECT_EQ(notifications.constFirst().body, QStringLiteral("2 succeeded"));
}

TEST_F(TrayIconTest, NoQueueNotificationWhenThatIsSwitchedOff) {
    settings.setNotifyWhenQueueEmpty(false);
    addSucceedingJob(QStringLiteral("one.txt"));
    add(QStringLiteral("fail"));
    ASSERT_TRUE(waitForIdleAfterWork());
    EXPECT_EQ(titles(), QStringList{QStringLiteral("Job failed: Doomed")});
}

TEST_F(TrayIconTest, PauseAllAndResumeAllDriveTheQueue) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForState(id, JobState::Running));
    tray.pauseAllAction()->trigger();
    ASSERT_TRUE(waitForState(id, JobState::Paused));
    tray.resumeAllAction()->trigger();
    ASSERT_TRUE(waitForState(id, JobState::Running));
    // A paused job still holds its slot, so the queue never looked finished.
    EXPECT_TRUE(notifications.isEmpty());

    queue.cancel(id);
    ASSERT_TRUE(waitForIdleAfterWork());
    EXPECT_EQ(titles(), QStringList{QStringLiteral("All jobs finished")});
    EXPECT_EQ(notifications.constFirst().body, QStringLiteral("0 succeeded · 1 canceled"));
}

TEST_F(TrayIconTest, ShowHideTogglesTheWindowAndQuitIsSignalled) {
    QWidget window;
    tray.setWindow(&window);
    window.show();
    Q_EMIT tray.menu()->aboutToShow();
    EXPECT_EQ(tray.showHideAction()->text(), QStringLiteral("&Hide Taskdeck"));
    tray.showHideAction()->trigger();
    EXPECT_FALSE(window.isVisible());
    EXPECT_EQ(tray.showHideAction()->text(), QStringLiteral("&Show Taskdeck"));
    tray.showHideAction()->trigger();
    EXPECT_TRUE(window.isVisible());

    QSignalSpy quit(&tray, &TrayIcon::quitRequested);
    tray.quitAction()->trigger();
    EXPECT_EQ(quit.count(), 1);
}
