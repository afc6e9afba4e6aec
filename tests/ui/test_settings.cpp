#include "appsettings.h"

#include "settingstestfixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QThread>

#include <algorithm>

namespace {

using Behavior = AppSettings::CloseBehavior;

class AppSettingsTest : public SettingsTestFixture {};

} // namespace

TEST_F(AppSettingsTest, NothingStoredReadsAsTheDefaults) {
    EXPECT_EQ(settings.maxParallelJobs(), std::clamp(QThread::idealThreadCount(), 1, 64));
    EXPECT_EQ(settings.maxParallelJobs(), AppSettings::defaultMaxParallelJobs());
    EXPECT_TRUE(settings.groupLimits().isEmpty());
    EXPECT_TRUE(settings.notifyOnFailure());
    EXPECT_TRUE(settings.notifyWhenQueueEmpty());
    EXPECT_EQ(settings.closeBehavior(), Behavior::Ask);
    EXPECT_TRUE(settings.state(QStringLiteral("geometry")).isEmpty());
}

TEST_F(AppSettingsTest, EveryPreferenceSurvivesARoundTripThroughTheIniFile) {
    const QByteArray geometry("\x01\x02\x00\xff geometry", 13);
    settings.setMaxParallelJobs(5);
    settings.setGroupLimits({{QStringLiteral("usb disk"), 1}, {QStringLiteral("net"), 3}});
    settings.setNotifyOnFailure(false);
    settings.setNotifyWhenQueueEmpty(false);
    settings.setCloseBehavior(Behavior::CancelAndQuit);
    settings.setState(QStringLiteral("geometry"), geometry);
    ini->sync();
    ini.reset();

    const std::unique_ptr<QSettings> reopened = openIni();
    const AppSettings again(reopened.get());
    EXPECT_EQ(again.maxParallelJobs(), 5);
    const QHash<QString, int> expected{{QStringLiteral("usb disk"), 1}, {QStringLiteral("net"), 3}};
    EXPECT_EQ(again.groupLimits(), expected);
    EXPECT_FALSE(again.notifyOnFailure());
    EXPECT_FALSE(again.notifyWhenQueueEmpty());
    EXPECT_EQ(again.closeBehavior(), Behavior::CancelAndQuit);
    EXPECT_EQ(again.state(QStringLiteral("geometry")), geometry);

    // Stored by name, so the file stays readable and survives a reordered enum.
    QFile file(iniPath());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.readAll().contains("closeBehavior=CancelAndQuit"));
}

TEST_F(AppSettingsTest, ChangedFiresOnceForEachRealChange) {
    QSignalSpy changed(&settings, &AppSettings::changed);
    settings.setNotifyOnFailure(true); // already the default
    settings.setCloseBehavior(Behavior::Ask);
    settings.setMaxParallelJobs(settings.maxParallelJobs());
    settings.setGroupLimits({});
    settings.setState(QStringLiteral("geometry"), "abc");
    EXPECT_EQ(changed.count(), 0);

    settings.setNotifyOnFailure(false);
    settings.setCloseBehavior(Behavior::PauseAndQuit);
    settings.setMaxParallelJobs(settings.maxParallelJobs() == 7 ? 8 : 7);
    settings.setGroupLimits({{QStringLiteral("disk"), 2}});
    EXPECT_EQ(changed.count(), 4);
    settings.setGroupLimits({{QStringLiteral("disk"), 2}});
    EXPECT_EQ(changed.count(), 4);
}

TEST_F(AppSettingsTest, OutOfRangeOrDamagedValuesReadAsSafeOnes) {
    settings.setMaxParallelJobs(0);
    EXPECT_EQ(settings.maxParallelJobs(), 1);
    settings.setMaxParallelJobs(1000);
    EXPECT_EQ(settings.maxParallelJobs(), 64);
    settings.setGroupLimits({{QString(), 2},
                             {QStringLiteral("  "), 2},
                             {QStringLiteral("zero"), 0},
                             {QStringLiteral(" disk "), 2}});
    const QHash<QString, int> onlyDisk{{QStringLiteral("disk"), 2}};
    EXPECT_EQ(settings.groupLimits(), onlyDisk);

    ini->setValue(QStringLiteral("window/closeBehavior"), QStringLiteral("Sideways"));
    ini->setValue(QStringLiteral("queue/maxParallelJobs"), QStringLiteral("many"));
    EXPECT_EQ(settings.closeBehavior(), Behavior::Ask);
    EXPECT_EQ(settings.maxParallelJobs(), AppSettings::defaultMaxParallelJobs());
}

TEST_F(AppSettingsTest, ApplyToSetsTheQueuesLimitsAndLiftsRemovedOnes) {
    settings.setMaxParallelJobs(3);
    settings.setGroupLimits({{QStringLiteral("disk"), 1}, {QStringLiteral("net"), 2}});
    settings.applyTo(queue);
    EXPECT_EQ(queue.maxRunning(), 3);
    EXPECT_EQ(queue.groupLimit(QStringLiteral("disk")), 1);
    EXPECT_EQ(queue.groupLimit(QStringLiteral("net")), 2);

    settings.setMaxParallelJobs(1);
    settings.setGroupLimits({{QStringLiteral("net"), 4}});
    settings.applyTo(queue);
    EXPECT_EQ(queue.maxRunning(), 1);
    EXPECT_EQ(queue.groupLimit(QStringLiteral("disk")), 0);
    EXPECT_EQ(queue.groupLimit(QStringLiteral("net")), 4);
}

TEST_F(AppSettingsTest, AnAppliedGroupLimitHoldsBackTheGroupsOtherJobs) {
    settings.setMaxParallelJobs(4);
    settings.setGroupLimits({{QStringLiteral("disk"), 1}});
    settings.applyTo(queue);
    JobSpec spec;
    spec.kind = QStringLiteral("spin");
    spec.group = QStringLiteral("disk");
    const JobId first = add(spec);
    const JobId second = add(spec);
    const JobId other = add(QStringLiteral("spin"));

    ASSERT_TRUE(waitForState(first, JobState::Running));
    ASSERT_TRUE(waitForState(other, JobState::Running));
    EXPECT_EQ(stateOf(second), JobState::Waiting);
    EXPECT_EQ(queue.countIn(JobState::Running), 2);

    settings.setGroupLimits({});
    settings.applyTo(queue);
    EXPECT_TRUE(waitForState(second, JobState::Running));
}
