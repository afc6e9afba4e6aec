#include "jobtable/jobfilterproxymodel.h"
#include "jobtable/jobtablemodel.h"

#include "uitestfixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

namespace {

using StateFilter = JobFilterProxyModel::StateFilter;

class JobFilterProxyModelTest : public UiTestFixture {
protected:
    JobTableModel model{&queue};
    JobFilterProxyModel proxy;

    void SetUp() override { proxy.setSourceModel(&model); }

    QList<JobId> shownIds() const {
        QList<JobId> ids;
        for (int row = 0; row < proxy.rowCount(); ++row)
            ids.append(proxy.index(row, 0).data(JobTableModel::JobIdRole).value<JobId>());
        return ids;
    }
    bool waitForShownState(JobId id, JobState state) {
        return waitUntil([&] {
            const int row = model.rowOf(id);
            return row >= 0 && model.snapshot(row).state == state;
        });
    }
    JobId addWithPriority(const QString &title, JobPriority priority) {
        JobSpec spec;
        spec.kind = QStringLiteral("spin");
        spec.title = title;
        spec.priority = priority;
        return add(spec);
    }
};

} // namespace

TEST_F(JobFilterProxyModelTest, EachStateFilterShowsItsStates) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("data.txt")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("taskdeck");
    file.close();

    queue.setMaxRunning(1);
    const JobId succeeded = add(QStringLiteral("hash"), QStringLiteral("hash it"),
                                {{QStringLiteral("paths"), QStringList{file.fileName()}},
                                 {QStringLiteral("base_dir"), dir.path()}});
    ASSERT_TRUE(waitForShownState(succeeded, JobState::Succeeded));
    const JobId failed = add(QStringLiteral("fail"));
    ASSERT_TRUE(waitForShownState(failed, JobState::Failed));
    const JobId running = add(QStringLiteral("spin"), QStringLiteral("running"));
    ASSERT_TRUE(waitForShownState(running, JobState::Running));
    const JobId queued = add(QStringLiteral("spin"), QStringLiteral("queued"));
    const JobId paused = add(QStringLiteral("spin"), QStringLiteral("paused"));
    ASSERT_TRUE(queue.pause(paused).ok());
    const JobId canceled = add(QStringLiteral("spin"), QStringLiteral("canceled"));
    ASSERT_TRUE(queue.cancel(canceled).ok());
    JobSpec waitingSpec;
    waitingSpec.kind = QStringLiteral("spin");
    waitingSpec.after = {running};
    const JobId waiting = add(waitingSpec);
    ASSERT_TRUE(waitForShownState(paused, JobState::Paused));
    ASSERT_TRUE(waitForShownState(canceled, JobState::Canceled));
    ASSERT_TRUE(waitForShownState(waiting, JobState::Waiting));

    EXPECT_EQ(shownIds(), queue.order());
    proxy.setStateFilter(StateFilter::Active);
    EXPECT_EQ(shownIds(), QList<JobId>{running});
    // Paused before it started: held back, not active.
    proxy.setStateFilter(StateFilter::Queued);
    EXPECT_EQ(shownIds(), (QList<JobId>{queued, paused, waiting}));
    proxy.setStateFilter(StateFilter::Done);
    EXPECT_EQ(shownIds(), (QList<JobId>{succeeded}));
    proxy.setStateFilter(StateFilter::Failed);
    EXPECT_EQ(shownIds(), (QList<JobId>{failed, canceled}));
    EXPECT_EQ(proxy.countFor(StateFilter::Failed), 2);
    EXPECT_EQ(proxy.countFor(StateFilter::Active), 1);
    EXPECT_EQ(proxy.countFor(StateFilter::Queued), 3);
    EXPECT_EQ(proxy.countFor(StateFilter::All), 7);
    proxy.setStateFilter(StateFilter::All);
    EXPECT_EQ(shownIds(), queue.order());
}

TEST_F(JobFilterProxyModelTest, EveryStateIsInExactlyOneGroup) {
    for (int s = int(JobState::Queued); s <= int(JobState::Interrupted); ++s) {
        for (bool started : {false, true}) {
            int groups = 0;
            for (int f = int(StateFilter::Active); f < JobFilterProxyModel::stateFilterCount; ++f)
                groups +=
                    JobFilterProxyModel::matches(StateFilter(f), JobState(s), started) ? 1 : 0;
            EXPECT_EQ(groups, 1) << s << " started " << started;
        }
        EXPECT_TRUE(JobFilterProxyModel::matches(StateFilter::All, JobState(s)));
    }
}

TEST(JobFilterGroups, APausedJobIsActiveOnlyOnceItHasStarted) {
    EXPECT_TRUE(JobFilterProxyModel::matches(StateFilter::Active, JobState::Paused, true));
    EXPECT_TRUE(JobFilterProxyModel::matches(StateFilter::Queued, JobState::Paused, false));
    EXPECT_FALSE(JobFilterProxyModel::matches(StateFilter::Active, JobState::Paused, false));
}

TEST_F(JobFilterProxyModelTest, AJobLeavesTheFilterWhenItsStateChanges) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    proxy.setStateFilter(StateFilter::Active);
    ASSERT_EQ(shownIds(), QList<JobId>{id});

    ASSERT_TRUE(queue.cancel(id).ok());
    EXPECT_TRUE(waitUntil([&] { return proxy.rowCount() == 0; }));
    proxy.setStateFilter(StateFilter::Failed);
    EXPECT_EQ(shownIds(), QList<JobId>{id});
}

TEST_F(JobFilterProxyModelTest, SearchMatchesTitleKindAndPathsIgnoringCase) {
    queue.setMaxRunning(1);
    const JobId photos = add(QStringLiteral("spin"), QStringLiteral("Holiday Photos"));
    const JobId backup =
        add(QStringLiteral("spin"), QStringLiteral("backup"),
            {{QStringLiteral("paths"), QStringList{QStringLiteral("/media/Disk/archive")}}});
    const JobId doomed = add(QStringLiteral("fail"));

    QSignalSpy changed(&proxy, &JobFilterProxyModel::searchTextChanged);
    proxy.setSearchText(QStringLiteral("  photos "));
    EXPECT_EQ(proxy.searchText().toStdString(), "photos");
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(shownIds(), QList<JobId>{photos});
    proxy.setSearchText(QStringLiteral("ARCHIVE"));
    EXPECT_EQ(shownIds(), QList<JobId>{backup});
    // The kind, by name and by display name.
    proxy.setSearchText(QStringLiteral("fail"));
    EXPECT_EQ(shownIds(), QList<JobId>{doomed});
    proxy.setSearchText(QStringLiteral("spinning job"));
    EXPECT_EQ(shownIds(), (QList<JobId>{photos, backup}));
    proxy.setSearchText(QStringLiteral("nothing like it"));
    EXPECT_EQ(proxy.rowCount(), 0);
    proxy.setSearchText({});
    EXPECT_EQ(proxy.rowCount(), 3);
}

TEST_F(JobFilterProxyModelTest, SearchAndStateFilterCombine) {
    queue.setMaxRunning(1);
    const JobId alphaFailed = add(QStringLiteral("fail"), QStringLiteral("alpha two"));
    const JobId betaFailed = add(QStringLiteral("fail"), QStringLiteral("beta"));
    add(QStringLiteral("spin"), QStringLiteral("alpha one"));
    ASSERT_TRUE(waitForShownState(alphaFailed, JobState::Failed));
    ASSERT_TRUE(waitForShownState(betaFailed, JobState::Failed));
    proxy.setSearchText(QStringLiteral("alpha"));
    proxy.setStateFilter(StateFilter::Failed);
    EXPECT_EQ(shownIds(), QList<JobId>{alphaFailed});
}

TEST_F(JobFilterProxyModelTest, SortingByAColumnAndBackToQueueOrder) {
    queue.setMaxRunning(1);
    const JobId b = add(QStringLiteral("spin"), QStringLiteral("banana"));
    const JobId c = add(QStringLiteral("spin"), QStringLiteral("Cherry"));
    const JobId a = add(QStringLiteral("spin"), QStringLiteral("apple"));

    proxy.sort(JobTableModel::TitleColumn, Qt::AscendingOrder);
    EXPECT_FALSE(proxy.isQueueOrder());
    EXPECT_EQ(shownIds(), (QList<JobId>{a, b, c}));
    proxy.sort(JobTableModel::TitleColumn, Qt::DescendingOrder);
    EXPECT_EQ(shownIds(), (QList<JobId>{c, b, a}));
    proxy.sort(-1, Qt::AscendingOrder);
    EXPECT_TRUE(proxy.isQueueOrder());
    EXPECT_EQ(shownIds(), (QList<JobId>{b, c, a}));
    EXPECT_EQ(shownIds(), queue.order());
}

TEST_F(JobFilterProxyModelTest, EqualValuesKeepQueueOrderInEitherDirection) {
    queue.setMaxRunning(1);
    const JobId n1 = addWithPriority(QStringLiteral("n1"), JobPriority::Normal);
    const JobId low = addWithPriority(QStringLiteral("low"), JobPriority::Low);
    const JobId n2 = addWithPriority(QStringLiteral("n2"), JobPriority::Normal);
    const JobId high = addWithPriority(QStringLiteral("high"), JobPriority::High);
    ASSERT_EQ(model.rowCount(), 4);
    const QList<JobId> order = queue.order();
    ASSERT_LT(order.indexOf(n1), order.indexOf(n2));

    proxy.sort(JobTableModel::PriorityColumn, Qt::AscendingOrder);
    EXPECT_EQ(shownIds(), (QList<JobId>{low, n1, n2, high}));
    proxy.sort(JobTableModel::PriorityColumn, Qt::DescendingOrder);
    EXPECT_EQ(shownIds(), (QList<JobId>{high, n1, n2, low}));
}

TEST_F(JobFilterProxyModelTest, ASortedViewFollowsChangingValues) {
    queue.setMaxRunning(2);
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("first"));
    const JobId second = add(QStringLiteral("spin"), QStringLiteral("second"));
    ASSERT_TRUE(waitForShownState(first, JobState::Running));
    ASSERT_TRUE(waitForShownState(second, JobState::Running));
    proxy.sort(JobTableModel::StateColumn, Qt::AscendingOrder);
    ASSERT_EQ(shownIds(), (QList<JobId>{first, second}));

    // Canceled sorts after Running: the first job moves below the second.
    ASSERT_TRUE(queue.cancel(first).ok());
    EXPECT_TRUE(waitUntil([&] { return shownIds() == QList<JobId>{second, first}; }));
}

TEST_F(JobFilterProxyModelTest, ModelUpdatesAreDataChangedInTheProxyNotResets) {
    queue.setMaxRunning(1);
    add(QStringLiteral("spin"));
    add(QStringLiteral("spin"));
    QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
    proxy.setStateFilter(StateFilter::Active);
    ASSERT_TRUE(waitUntil([&] { return changed.count() >= 5; }));
    EXPECT_EQ(reset.count(), 0);
}

TEST_F(JobFilterProxyModelTest, ManyRowsFilteredAndSortedTakeInsertionsAtPace) {
    queue.setMaxRunning(1);
    QList<JobSpec> specs;
    for (int i = 0; i < 10000; ++i) {
        JobSpec spec;
        spec.kind = QStringLiteral("spin");
        spec.title = QStringLiteral("job %1").arg(i);
        specs.append(spec);
    }
    ASSERT_TRUE(queue.add(specs).ok());
    proxy.setSearchText(QStringLiteral("7"));
    proxy.sort(JobTableModel::TitleColumn, Qt::DescendingOrder);
    const int before = proxy.rowCount();
    ASSERT_GT(before, 0);

    // One add at a time, as a person or a script feeding the queue would.
    for (int i = 0; i < 1000; ++i)
        add(QStringLiteral("spin"), QStringLiteral("late 7 %1").arg(i));
    EXPECT_EQ(proxy.rowCount(), before + 1000);
    EXPECT_EQ(proxy.index(0, 0).data().toString().toStdString(), "late 7 999");
}
