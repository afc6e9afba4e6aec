#include "jobtable/jobtablemodel.h"

#include "uitestfixture.h"

#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QSignalSpy>

namespace {

class JobTableModelTest : public UiTestFixture {
protected:
    JobTableModel model{&queue};

    QString text(JobId id, int column, int role = Qt::DisplayRole) const {
        const int row = model.rowOf(id);
        return row < 0 ? QString() : model.index(row, column).data(role).toString();
    }
    // The model shows a state only after its next flush, so wait on the model.
    bool waitForShownState(JobId id, JobState state) {
        return waitUntil([&] {
            const int row = model.rowOf(id);
            return row >= 0 &&
                   model.index(row, 0).data(JobTableModel::JobStateRole).toInt() == int(state);
        });
    }
    QList<JobId> rowIds() const {
        QList<JobId> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.append(model.index(row, 0).data(JobTableModel::JobIdRole).value<JobId>());
        return ids;
    }
};

} // namespace

TEST_F(JobTableModelTest, AddedJobsBecomeRowsInQueueOrder) {
    queue.setMaxRunning(1);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("first"));
    const JobId second = add(QStringLiteral("spin"), QStringLiteral("second"));

    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.columnCount(), int(JobTableModel::ColumnCount));
    EXPECT_EQ(rowIds(), (QList<JobId>{first, second}));
    EXPECT_EQ(rowIds(), queue.order());
    EXPECT_EQ(text(second, JobTableModel::TitleColumn).toStdString(), "second");
    EXPECT_EQ(inserted.count(), 2);
}

TEST_F(JobTableModelTest, AModelOverABusyQueueStartsWithItsJobs) {
    const JobId id = add(QStringLiteral("spin"), QStringLiteral("already there"));
    JobTableModel late(&queue);
    ASSERT_EQ(late.rowCount(), 1);
    EXPECT_EQ(late.snapshot(0).id, id);
}

TEST_F(JobTableModelTest, StateColumnFollowsTheJob) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    EXPECT_EQ(text(id, JobTableModel::StateColumn).toStdString(), "Running");
    EXPECT_FALSE(model.index(0, JobTableModel::StateColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());

    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForShownState(id, JobState::Canceled));
    EXPECT_EQ(text(id, JobTableModel::StateColumn).toStdString(), "Canceled");
}

TEST_F(JobTableModelTest, ProgressArrivesAsDataChangedNeverAsAReset) {
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    const JobId id = add(QStringLiteral("spin"));

    ASSERT_TRUE(waitUntil([&] {
        return model.index(0, JobTableModel::ProgressColumn)
                   .data(JobTableModel::RawValueRole)
                   .toDouble() > 0.01;
    }));
    EXPECT_TRUE(text(id, JobTableModel::ProgressColumn).endsWith(QLatin1Char('%')));
    EXPECT_TRUE(text(id, JobTableModel::DoneColumn).contains(QLatin1String(" / ")));
    EXPECT_TRUE(text(id, JobTableModel::DoneColumn).contains(QLatin1String("MB")));
    EXPECT_GT(changed.count(), 0);
    EXPECT_EQ(reset.count(), 0);
    EXPECT_EQ(layout.count(), 0);
    for (const QList<QVariant> &arguments : std::as_const(changed)) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        EXPECT_EQ(topLeft.row(), 0);
        EXPECT_EQ(bottomRight.row(), 0);
        EXPECT_EQ(topLeft.column(), 0);
        EXPECT_EQ(bottomRight.column(), JobTableModel::ColumnCount - 1);
    }
}

TEST_F(JobTableModelTest, ProgressUpdatesAreCoalescedToAtMostThirtyASecond) {
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QElapsedTimer clock;
    clock.start();
    add(QStringLiteral("spin"));
    constexpr int updates = 12;
    ASSERT_TRUE(waitUntil([&] { return changed.count() >= updates; }));
    // One row, so one dataChanged per flush; flushes are >= 1000/30 ms apart
    // (less 10% for coarse timers firing early).
    const double minimumMs = (updates - 1) * (1000.0 / JobTableModel::maxUpdatesPerSecond) * 0.9;
    EXPECT_GE(double(clock.elapsed()), minimumMs);
}

TEST_F(JobTableModelTest, ChangesInSeparateRowsComeAsSeparateRanges) {
    queue.setMaxRunning(4);
    const JobId a = add(QStringLiteral("spin"));
    const JobId b = add(QStringLiteral("fail"));
    const JobId c = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(b, JobState::Failed));
    ASSERT_TRUE(waitForShownState(a, JobState::Running));
    ASSERT_TRUE(waitForShownState(c, JobState::Running));

    // Only rows 0 and 2 change from now on: never one range spanning row 1.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    ASSERT_TRUE(waitUntil([&] { return changed.count() >= 6; }));
    for (const QList<QVariant> &arguments : std::as_const(changed)) {
        const int top = arguments.at(0).value<QModelIndex>().row();
        const int bottom = arguments.at(1).value<QModelIndex>().row();
        EXPECT_EQ(top, bottom);
        EXPECT_NE(top, 1);
    }
}

TEST_F(JobTableModelTest, RemovedJobsLeaveTheirRowsWithoutAReset) {
    queue.setMaxRunning(1);
    const JobId running = add(QStringLiteral("spin"));
    const JobId queued = add(QStringLiteral("spin"));
    const JobId last = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForState(running, JobState::Running));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    ASSERT_TRUE(queue.remove(queued).ok());
    ASSERT_EQ(removed.count(), 1);
    EXPECT_EQ(removed.at(0).at(1).toInt(), 1);
    EXPECT_EQ(removed.at(0).at(2).toInt(), 1);
    EXPECT_EQ(rowIds(), (QList<JobId>{running, last}));
    EXPECT_EQ(model.rowOf(queued), -1);

    // A running job is canceled first and leaves when it stops.
    ASSERT_TRUE(queue.remove(running).ok());
    ASSERT_TRUE(waitUntil([&] { return model.rowCount() == 1; }));
    EXPECT_EQ(rowIds(), (QList<JobId>{last}));
    EXPECT_EQ(model.rowOf(last), 0);
    EXPECT_EQ(reset.count(), 0);
}

TEST_F(JobTableModelTest, MovingAJobKeepsPersistentIndexesOnTheirJobs) {
    queue.setMaxRunning(1);
    const JobId a = add(QStringLiteral("spin"));
    const JobId b = add(QStringLiteral("spin"));
    const JobId c = add(QStringLiteral("spin"));
    const QPersistentModelIndex cIndex = model.index(2, JobTableModel::StateColumn);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    ASSERT_TRUE(queue.move(c, MoveTarget::Top).ok());

    EXPECT_EQ(rowIds(), (QList<JobId>{c, a, b}));
    EXPECT_EQ(cIndex.row(), 0);
    EXPECT_EQ(cIndex.column(), int(JobTableModel::StateColumn));
    EXPECT_EQ(cIndex.data(JobTableModel::JobIdRole).value<JobId>(), c);
    EXPECT_EQ(model.snapshot(0).position, 0);
    EXPECT_EQ(layout.count(), 1);
    EXPECT_EQ(reset.count(), 0);
}

TEST_F(JobTableModelTest, AWaitingJobExplainsWhyInItsTooltip) {
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("first"));
    JobSpec afterFirst;
    afterFirst.kind = QStringLiteral("spin");
    afterFirst.after = {first};
    const JobId second = add(afterFirst);
    ASSERT_TRUE(waitForShownState(second, JobState::Waiting));

    const QString tip = text(second, JobTableModel::StateColumn, Qt::ToolTipRole);
    EXPECT_FALSE(tip.isEmpty());
    EXPECT_EQ(tip, queue.job(second)->waitReason);
    EXPECT_EQ(text(second, JobTableModel::StateColumn).toStdString(), "Waiting");
}

TEST_F(JobTableModelTest, AFailedJobShowsItsErrorInTheTooltip) {
    const JobId id = add(QStringLiteral("fail"));
    ASSERT_TRUE(waitForShownState(id, JobState::Failed));
    EXPECT_EQ(text(id, JobTableModel::StateColumn).toStdString(), "Failed");
    EXPECT_EQ(text(id, JobTableModel::StateColumn, Qt::ToolTipRole),
              FailingJobKind::defaultMessage());
}

TEST_F(JobTableModelTest, RawValuesAreNumbersForSortingAndTheDelegate) {
    const JobId id = add(QStringLiteral("spin"), QStringLiteral("raw"));
    ASSERT_TRUE(waitUntil([&] { return model.snapshot(model.rowOf(id)).done > 0; }));
    const int row = model.rowOf(id);
    const auto raw = [&](int column) {
        return model.index(row, column).data(JobTableModel::RawValueRole);
    };
    EXPECT_EQ(raw(JobTableModel::TitleColumn).toString().toStdString(), "raw");
    EXPECT_EQ(raw(JobTableModel::StateColumn).toInt(), int(JobState::Running));
    EXPECT_EQ(raw(JobTableModel::ProgressColumn).typeId(), QMetaType::Double);
    EXPECT_GT(raw(JobTableModel::DoneColumn).toLongLong(), 0);
    EXPECT_EQ(raw(JobTableModel::SpeedColumn).typeId(), QMetaType::Double);
    EXPECT_EQ(raw(JobTableModel::EtaColumn).typeId(), QMetaType::LongLong);
}

TEST_F(JobTableModelTest, NumberColumnsAreRightAligned) {
    add(QStringLiteral("spin"));
    const auto alignment = [&](int column) {
        return model.index(0, column).data(Qt::TextAlignmentRole).toInt() &
               Qt::AlignHorizontal_Mask;
    };
    EXPECT_EQ(alignment(JobTableModel::DoneColumn), int(Qt::AlignRight));
    EXPECT_EQ(alignment(JobTableModel::SpeedColumn), int(Qt::AlignRight));
    EXPECT_EQ(alignment(JobTableModel::EtaColumn), int(Qt::AlignRight));
}

TEST_F(JobTableModelTest, HeadersNameEveryColumn) {
    for (int column = 0; column < JobTableModel::ColumnCount; ++column)
        EXPECT_FALSE(model.headerData(column, Qt::Horizontal).toString().isEmpty()) << column;
}

TEST_F(JobTableModelTest, KindAndPriorityColumnsNameThemAndSortAsRawValues) {
    JobSpec spec;
    spec.kind = QStringLiteral("spin");
    spec.title = QStringLiteral("urgent");
    spec.priority = JobPriority::High;
    const JobId id = add(spec);
    EXPECT_EQ(text(id, JobTableModel::KindColumn).toStdString(), "Spinning job");
    EXPECT_EQ(text(id, JobTableModel::KindColumn, JobTableModel::RawValueRole).toStdString(),
              "spin");
    EXPECT_EQ(text(id, JobTableModel::PriorityColumn).toStdString(), "High");
    const QModelIndex priority = model.index(model.rowOf(id), JobTableModel::PriorityColumn);
    EXPECT_EQ(priority.data(JobTableModel::RawValueRole).toInt(), int(JobPriority::High));
}

TEST_F(JobTableModelTest, AddedAndFinishedShowLocalTimesAndFinishedOnlyWhenFinished) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    const JobSnapshot job = *queue.job(id);
    const auto raw = [&](int column) {
        return model.index(model.rowOf(id), column).data(JobTableModel::RawValueRole);
    };
    EXPECT_EQ(raw(JobTableModel::AddedColumn).toDateTime(), job.addedAt);
    EXPECT_EQ(text(id, JobTableModel::AddedColumn),
              QLocale().toString(job.addedAt.toLocalTime(), QLocale::ShortFormat));
    EXPECT_TRUE(text(id, JobTableModel::FinishedColumn).isEmpty());
    EXPECT_EQ(raw(JobTableModel::FinishedColumn).typeId(), QMetaType::QDateTime);
    EXPECT_FALSE(raw(JobTableModel::FinishedColumn).toDateTime().isValid());

    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForShownState(id, JobState::Canceled));
    const QDateTime finished = queue.job(id)->finishedAt;
    ASSERT_TRUE(finished.isValid());
    EXPECT_EQ(raw(JobTableModel::FinishedColumn).toDateTime(), finished);
    EXPECT_EQ(text(id, JobTableModel::FinishedColumn),
              QLocale().toString(finished.toLocalTime(), QLocale::ShortFormat));
    EXPECT_FALSE(text(id, JobTableModel::FinishedColumn, Qt::ToolTipRole).isEmpty());
}

TEST_F(JobTableModelTest, ElapsedIsEmptyBeforeAJobStartsAndFixedAfterItEnds) {
    queue.setMaxRunning(1);
    const JobId running = add(QStringLiteral("spin"));
    const JobId queued = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(running, JobState::Running));
    EXPECT_TRUE(text(queued, JobTableModel::ElapsedColumn).isEmpty());
    const auto elapsed = [&](JobId id) {
        return model.index(model.rowOf(id), JobTableModel::ElapsedColumn)
            .data(JobTableModel::RawValueRole);
    };
    EXPECT_EQ(elapsed(queued).toLongLong(), -1);
    EXPECT_GE(elapsed(running).toLongLong(), 0);
    EXPECT_FALSE(text(running, JobTableModel::ElapsedColumn).isEmpty());
    EXPECT_EQ(int(model.index(0, JobTableModel::ElapsedColumn).data(Qt::TextAlignmentRole).toInt() &
                  Qt::AlignHorizontal_Mask),
              int(Qt::AlignRight));

    ASSERT_TRUE(queue.cancel(running).ok());
    ASSERT_TRUE(waitForShownState(running, JobState::Canceled));
    const JobSnapshot job = *queue.job(running);
    EXPECT_EQ(elapsed(running).toLongLong(), job.startedAt.secsTo(job.finishedAt));
}

TEST_F(JobTableModelTest, ElapsedTicksForAStartedJobThatReportsNothing) {
    const JobId id = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(id, JobState::Running));
    ASSERT_TRUE(queue.pause(id).ok());
    ASSERT_TRUE(waitForShownState(id, JobState::Paused));
    ASSERT_TRUE(model.snapshot(model.rowOf(id)).started);

    // A paused job sends no progress, yet its Elapsed cell is refreshed once a second.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const auto elapsed = [&] {
        return model.index(model.rowOf(id), JobTableModel::ElapsedColumn)
            .data(JobTableModel::RawValueRole)
            .toLongLong();
    };
    const qint64 before = elapsed();
    ASSERT_TRUE(waitUntil([&] { return changed.count() >= 2; }));
    EXPECT_GT(elapsed(), before);
    const auto topLeft = changed.first().at(0).value<QModelIndex>();
    EXPECT_EQ(topLeft.row(), model.rowOf(id));
}

TEST_F(JobTableModelTest, CountsFollowTheShownStates) {
    queue.setMaxRunning(1);
    const JobId failed = add(QStringLiteral("fail"));
    const JobId running = add(QStringLiteral("spin"));
    add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForShownState(failed, JobState::Failed));
    ASSERT_TRUE(waitForShownState(running, JobState::Running));
    EXPECT_EQ(model.countIn(JobState::Failed), 1);
    EXPECT_EQ(model.countIn(JobState::Running), 1);
    EXPECT_EQ(model.countIn(JobState::Queued), 1);
    ASSERT_TRUE(queue.remove(failed).ok());
    EXPECT_EQ(model.countIn(JobState::Failed), 0);
}

TEST_F(JobTableModelTest, TheIdColumnShowsTheIdTheShellUses) {
    const JobId first = add(QStringLiteral("spin"));
    const JobId second = add(QStringLiteral("spin"));
    EXPECT_EQ(model.index(model.rowOf(second), JobTableModel::IdColumn).data().toString(),
              QString::number(second));
    EXPECT_EQ(model.index(model.rowOf(first), JobTableModel::IdColumn)
                  .data(JobTableModel::RawValueRole)
                  .toULongLong(),
              first);
    EXPECT_EQ(model.headerData(JobTableModel::IdColumn, Qt::Horizontal).toString(),
              QStringLiteral("ID"));
}
