#include "jobtable/jobdragdata.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"

#include "uitestfixture.h"

#include <QHeaderView>
#include <QMenu>
#include <QMimeData>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>

#include <memory>

namespace {

using StateFilter = JobFilterProxyModel::StateFilter;

class JobTableViewTest : public UiTestFixture {
protected:
    JobTableModel model{&queue};
    JobTableView view;

    void SetUp() override {
        queue.setMaxRunning(1);
        view.setJobModel(&model);
        view.resize(1000, 400);
        view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    }

    QList<JobId> shownIds() const {
        QList<JobId> ids;
        for (int row = 0; row < view.model()->rowCount(); ++row)
            ids.append(view.model()->index(row, 0).data(JobTableModel::JobIdRole).value<JobId>());
        return ids;
    }
    QList<JobId> addJobs(const QStringList &titles) {
        QList<JobId> ids;
        for (const QString &title : titles)
            ids.append(add(QStringLiteral("spin"), title));
        return ids;
    }
    void clickHeader(int column) {
        QHeaderView *header = view.horizontalHeader();
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    }
    // Drags the jobs' rows and drops them at the view's row `row`, through the
    // view's model as the view's own drag and drop does.
    bool dragAndDrop(const QList<JobId> &ids, int row) {
        QModelIndexList indexes;
        for (JobId id : ids)
            indexes.append(view.proxy()->mapFromSource(model.index(model.rowOf(id), 0)));
        std::unique_ptr<QMimeData> data(view.model()->mimeData(indexes));
        if (!data || !data->hasFormat(JobTableModel::jobIdsMimeType()))
            return false;
        if (!view.model()->canDropMimeData(data.get(), Qt::MoveAction, row, 0, {}))
            return false;
        return view.model()->dropMimeData(data.get(), Qt::MoveAction, row, 0, {});
    }
};

} // namespace

TEST_F(JobTableViewTest, HeaderClicksSortAscendingDescendingThenQueueOrder) {
    const QList<JobId> ids =
        addJobs({QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("a")});
    QSignalSpy orderSpy(&view, &JobTableView::queueOrderChanged);
    ASSERT_TRUE(view.isQueueOrder());
    ASSERT_EQ(view.dragDropMode(), QAbstractItemView::InternalMove);

    clickHeader(JobTableModel::TitleColumn);
    EXPECT_EQ(shownIds(), (QList<JobId>{ids[2], ids[0], ids[1]}));
    EXPECT_FALSE(view.isQueueOrder());
    EXPECT_FALSE(view.dragEnabled());
    const std::unique_ptr<QMimeData> rows(view.model()->mimeData({view.model()->index(0, 0)}));
    EXPECT_FALSE(view.model()->canDropMimeData(rows.get(), Qt::MoveAction, 0, 0, {}));

    clickHeader(JobTableModel::TitleColumn);
    EXPECT_EQ(shownIds(), (QList<JobId>{ids[1], ids[0], ids[2]}));

    clickHeader(JobTableModel::TitleColumn);
    EXPECT_TRUE(view.isQueueOrder());
    EXPECT_EQ(shownIds(), queue.order());
    EXPECT_TRUE(view.dragEnabled());
    EXPECT_TRUE(view.acceptDrops());
    EXPECT_EQ(orderSpy.count(), 2);
}

TEST_F(JobTableViewTest, TheHeaderMenuReturnsToQueueOrder) {
    const QList<JobId> ids = addJobs({QStringLiteral("b"), QStringLiteral("a")});
    view.sortByColumn(JobTableModel::TitleColumn, Qt::DescendingOrder);
    ASSERT_FALSE(view.isQueueOrder());
    std::unique_ptr<QMenu> menu(view.createHeaderMenu());
    auto *queueOrder = menu->findChild<QAction *>(QStringLiteral("QueueOrderAction"));
    ASSERT_NE(queueOrder, nullptr);
    ASSERT_TRUE(queueOrder->isEnabled());
    queueOrder->trigger();
    EXPECT_TRUE(view.isQueueOrder());
    EXPECT_EQ(shownIds(), ids);
    EXPECT_EQ(view.horizontalHeader()->sortIndicatorSection(), -1);
}

TEST_F(JobTableViewTest, TheHeaderMenuShowsAndHidesColumnsButNotTitle) {
    QHeaderView *header = view.horizontalHeader();
    EXPECT_TRUE(header->isSectionHidden(JobTableModel::AddedColumn));
    EXPECT_FALSE(header->isSectionHidden(JobTableModel::ElapsedColumn));

    std::unique_ptr<QMenu> menu(view.createHeaderMenu());
    QHash<int, QAction *> byColumn;
    for (QAction *action : menu->actions()) {
        if (action->isCheckable())
            byColumn.insert(action->data().toInt(), action);
    }
    ASSERT_EQ(byColumn.size(), int(JobTableModel::ColumnCount));
    EXPECT_FALSE(byColumn[JobTableModel::TitleColumn]->isEnabled());
    EXPECT_TRUE(byColumn[JobTableModel::TitleColumn]->isChecked());
    EXPECT_FALSE(byColumn[JobTableModel::AddedColumn]->isChecked());

    byColumn[JobTableModel::AddedColumn]->trigger();
    EXPECT_FALSE(header->isSectionHidden(JobTableModel::AddedColumn));
    byColumn[JobTableModel::SpeedColumn]->trigger();
    EXPECT_TRUE(header->isSectionHidden(JobTableModel::SpeedColumn));
    for (int column = 0; column < JobTableModel::ColumnCount; ++column)
        EXPECT_FALSE(model.headerData(column, Qt::Horizontal).toString().isEmpty());
}

TEST_F(JobTableViewTest, HeaderStateRoundTripsColumnsWidthsAndSort) {
    addJobs({QStringLiteral("b"), QStringLiteral("a")});
    QHeaderView *header = view.horizontalHeader();
    header->setSectionHidden(JobTableModel::KindColumn, false);
    header->setSectionHidden(JobTableModel::EtaColumn, true);
    header->resizeSection(JobTableModel::SpeedColumn, 177);
    view.sortByColumn(JobTableModel::TitleColumn, Qt::DescendingOrder);
    const QByteArray state = view.saveHeaderState();
    ASSERT_FALSE(state.isEmpty());

    JobTableView other;
    other.setJobModel(&model);
    ASSERT_TRUE(other.isQueueOrder());
    ASSERT_TRUE(other.restoreHeaderState(state));
    QHeaderView *restored = other.horizontalHeader();
    EXPECT_FALSE(restored->isSectionHidden(JobTableModel::KindColumn));
    EXPECT_TRUE(restored->isSectionHidden(JobTableModel::EtaColumn));
    EXPECT_EQ(restored->sectionSize(JobTableModel::SpeedColumn), 177);
    EXPECT_FALSE(other.isQueueOrder());
    EXPECT_EQ(other.proxy()->sortColumn(), int(JobTableModel::TitleColumn));
    EXPECT_EQ(other.proxy()->sortOrder(), Qt::DescendingOrder);
    EXPECT_FALSE(other.dragEnabled());

    EXPECT_FALSE(other.restoreHeaderState(QByteArray("not a header state")));
    EXPECT_FALSE(other.restoreHeaderState({}));
}

TEST_F(JobTableViewTest, SelectionIsInQueueOrderWhileSortedDescending) {
    const QList<JobId> ids = addJobs(
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});
    view.sortByColumn(JobTableModel::TitleColumn, Qt::DescendingOrder);
    ASSERT_EQ(shownIds(), (QList<JobId>{ids[3], ids[2], ids[1], ids[0]}));
    QSignalSpy selection(&view, &JobTableView::jobSelectionChanged);
    QSignalSpy current(&view, &JobTableView::currentJobChanged);

    ASSERT_TRUE(view.selectJob(ids[1]));
    EXPECT_EQ(view.currentJobId(), ids[1]);
    ASSERT_GE(current.count(), 1);
    EXPECT_EQ(current.last().at(0).value<JobId>(), ids[1]);
    EXPECT_EQ(view.currentIndex().row(), 2);

    // Rows 0 and 1 on screen are d and c; add them with Ctrl-clicks.
    for (int row : {0, 1}) {
        const QRect rect = view.visualRect(view.model()->index(row, 0));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier, rect.center());
    }
    EXPECT_GE(selection.count(), 3);
    EXPECT_EQ(view.selectedJobIds(), (QList<JobId>{ids[1], ids[2], ids[3]}));
    const QList<JobSnapshot> jobs = view.selectedJobs();
    ASSERT_EQ(jobs.size(), 3);
    EXPECT_EQ(jobs[0].id, ids[1]);
    EXPECT_EQ(jobs[2].id, ids[3]);
    // A model index is accepted where a view index is expected.
    EXPECT_EQ(view.visualRect(model.index(model.rowOf(ids[3]), 0)),
              view.visualRect(view.model()->index(0, 0)));
}

TEST_F(JobTableViewTest, AJobHiddenByTheFilterIsNotSelected) {
    const JobId running = add(QStringLiteral("spin"));
    const JobId queued = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitUntil([&] { return model.snapshot(0).state == JobState::Running; }));
    view.setStateFilter(StateFilter::Active);
    EXPECT_EQ(shownIds(), QList<JobId>{running});
    EXPECT_FALSE(view.selectJob(queued));
    EXPECT_TRUE(view.selectedJobIds().isEmpty());
    EXPECT_TRUE(view.selectJob(running));
    EXPECT_EQ(view.selectedJobIds(), QList<JobId>{running});
    view.setSearchText(QStringLiteral("no such job"));
    EXPECT_TRUE(view.selectedJobIds().isEmpty());
}

TEST_F(JobTableViewTest, DroppingRowsMovesThemInTheQueue) {
    const QList<JobId> ids = addJobs({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                      QStringLiteral("d"), QStringLiteral("e")});
    const JobId a = ids[0], b = ids[1], c = ids[2], d = ids[3], e = ids[4];
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    // e dropped above row 1 (b).
    ASSERT_TRUE(dragAndDrop({e}, 1));
    EXPECT_EQ(queue.order(), (QList<JobId>{a, e, b, c, d}));
    EXPECT_EQ(shownIds(), queue.order());

    // a and c, dragged together, land as a block in queue order below the last row.
    ASSERT_TRUE(dragAndDrop({c, a}, 5));
    EXPECT_EQ(queue.order(), (QList<JobId>{e, b, d, a, c}));
    EXPECT_EQ(shownIds(), queue.order());

    // A block dropped onto one of its own rows gathers before the next job.
    ASSERT_TRUE(dragAndDrop({e, d}, 0));
    EXPECT_EQ(queue.order(), (QList<JobId>{e, d, b, a, c}));
    EXPECT_EQ(removed.count(), 0);
    // One rearrangement per drop, however many jobs moved.
    EXPECT_EQ(layout.count(), 3);
}

TEST_F(JobTableViewTest, ADropBelowTheLastFilteredRowLandsAfterItsJob) {
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("one"));
    const JobId second = add(QStringLiteral("spin"), QStringLiteral("two match"));
    const JobId third = add(QStringLiteral("spin"), QStringLiteral("three"));
    const JobId fourth = add(QStringLiteral("spin"), QStringLiteral("four match"));
    const JobId fifth = add(QStringLiteral("spin"), QStringLiteral("five"));
    view.setSearchText(QStringLiteral("match"));
    ASSERT_EQ(shownIds(), (QList<JobId>{second, fourth}));
    ASSERT_TRUE(dragAndDrop({second}, 2));
    EXPECT_EQ(queue.order(), (QList<JobId>{first, third, fourth, second, fifth}));
}

TEST_F(JobTableViewTest, RowsCannotBeDroppedWhileSorted) {
    const QList<JobId> ids = addJobs({QStringLiteral("b"), QStringLiteral("a")});
    view.sortByColumn(JobTableModel::TitleColumn, Qt::AscendingOrder);
    EXPECT_FALSE(dragAndDrop({ids[0]}, 0));
    EXPECT_EQ(queue.order(), ids);
}

TEST_F(JobTableViewTest, ADropFromAnotherQueueIsRefused) {
    const QList<JobId> ids = addJobs({QStringLiteral("a"), QStringLiteral("b")});
    JobQueue otherQueue(kinds);
    std::unique_ptr<QMimeData> foreign(JobDragData::encode(otherQueue, {ids[1]}));
    EXPECT_FALSE(view.model()->canDropMimeData(foreign.get(), Qt::MoveAction, 0, 0, {}));
    EXPECT_FALSE(view.model()->dropMimeData(foreign.get(), Qt::MoveAction, 0, 0, {}));
    EXPECT_EQ(queue.order(), ids);
}

TEST_F(JobTableViewTest, MovingABlockKeepsItsOrderFromEitherSideOfTheTarget) {
    const QList<JobId> ids = addJobs(
        {QStringLiteral("b0"), QStringLiteral("r0"), QStringLiteral("b1"), QStringLiteral("r1")});
    ASSERT_TRUE(JobDragData::moveBlock(queue, {ids[2], ids[0]}, 0));
    EXPECT_EQ(queue.order(), (QList<JobId>{ids[1], ids[3], ids[0], ids[2]}));
    ASSERT_TRUE(JobDragData::moveBlock(queue, {ids[0], ids[2]}, ids[3]));
    EXPECT_EQ(queue.order(), (QList<JobId>{ids[1], ids[0], ids[2], ids[3]}));
    EXPECT_FALSE(JobDragData::moveBlock(queue, {ids[0], ids[2]}, ids[3]));
}

TEST_F(JobTableViewTest, AnEmptyFilterResultSaysSo) {
    view.setPlaceholderText(QStringLiteral("No jobs yet."));
    const QImage empty = view.viewport()->grab().toImage();
    add(QStringLiteral("spin"), QStringLiteral("present"));
    const QImage withJob = view.viewport()->grab().toImage();
    view.setSearchText(QStringLiteral("absent"));
    const QImage filteredOut = view.viewport()->grab().toImage();
    EXPECT_NE(filteredOut, withJob);
    EXPECT_NE(filteredOut, empty);
}

TEST_F(JobTableViewTest, FilteringASelectionKeepsItInFewRanges) {
    QStringList titles;
    for (int i = 0; i < 20; ++i)
        titles.append(i % 2 ? QStringLiteral("odd %1").arg(i) : QStringLiteral("even %1").arg(i));
    addJobs(titles);
    view.selectAll();
    view.setSearchText(QStringLiteral("odd"));
    ASSERT_EQ(view.model()->rowCount(), 10);
    EXPECT_EQ(view.selectedJobIds().size(), 10);
    EXPECT_EQ(view.selectionModel()->selection().size(), 1);
}

TEST_F(JobTableViewTest, RowsAddedBelowTheViewportStillReachTheScrollRange) {
    QStringList titles;
    for (int i = 0; i < 100; ++i)
        titles.append(QStringLiteral("first %1").arg(i));
    addJobs(titles);
    ASSERT_TRUE(waitUntil([&] { return view.verticalScrollBar()->maximum() > 0; }));
    const int before = view.verticalScrollBar()->maximum();

    titles.clear();
    for (int i = 0; i < 50; ++i)
        titles.append(QStringLiteral("later %1").arg(i));
    const QList<JobId> later = addJobs(titles);
    ASSERT_TRUE(waitUntil([&] { return view.verticalScrollBar()->maximum() > before; }));
    // Scrolled to the end, the last job shows.
    view.scrollToBottom();
    ASSERT_TRUE(waitUntil([&] {
        const QModelIndex last = view.indexAt(QPoint(5, view.viewport()->height() - 2));
        return last.isValid() && last.data(JobTableModel::JobIdRole).value<JobId>() == later.last();
    }));
}

TEST_F(JobTableViewTest, SelectedJobsFollowQueueOrderWhateverTheSortAndFilter) {
    QStringList titles;
    for (int i = 0; i < 3000; ++i)
        titles.append(QStringLiteral("job %1").arg(i));
    const QList<JobId> ids = addJobs(titles);
    view.sortByColumn(JobTableModel::TitleColumn, Qt::DescendingOrder);
    view.selectAll();
    EXPECT_EQ(view.selectedJobIds(), ids);

    view.setSearchText(QStringLiteral("job 12"));
    view.selectAll();
    QList<JobId> shown;
    for (int i = 0; i < ids.size(); ++i) {
        if (titles[i].contains(QStringLiteral("job 12")))
            shown.append(ids[i]);
    }
    EXPECT_EQ(view.selectedJobIds(), shown);
}

namespace {

// What the person sees: every row on screen, top to bottom, as the view maps it,
// and whether the pixels on screen (the window's backing store) are what a full
// repaint of the viewport draws now (a stale region shows rows twice or gaps).
struct ScreenCheck {
    QStringList mappedTitles;
    bool pixelsCurrent = false;
    QRect staleArea; // where the pixels on screen differ from a repaint
};

ScreenCheck checkScreen(JobTableView &view) {
    ScreenCheck check;
    QWidget *viewport = view.viewport();
    const int rowHeight = view.verticalHeader()->defaultSectionSize();
    for (int y = rowHeight / 2; y < viewport->height(); y += rowHeight) {
        const QModelIndex index = view.indexAt(QPoint(5, y));
        if (index.isValid())
            check.mappedTitles.append(
                index.siblingAtColumn(JobTableModel::TitleColumn).data().toString());
    }
    QCoreApplication::processEvents();
    const QPoint origin = viewport->mapTo(view.window(), QPoint(0, 0));
    const QImage onScreen = view.screen()
                                ->grabWindow(view.window()->winId(), origin.x(), origin.y(),
                                             viewport->width(), viewport->height())
                                .toImage()
                                .convertToFormat(QImage::Format_RGB32);
    const QImage repainted = viewport->grab().toImage().convertToFormat(QImage::Format_RGB32);
    check.pixelsCurrent = onScreen == repainted;
    if (!check.pixelsCurrent && onScreen.size() == repainted.size()) {
        for (int y = 0; y < onScreen.height(); ++y)
            for (int x = 0; x < onScreen.width(); ++x)
                if (onScreen.pixel(x, y) != repainted.pixel(x, y))
                    check.staleArea |= QRect(x, y, 1, 1);
    }
    return check;
}

} // namespace

TEST_F(JobTableViewTest, ClearFinishedThenJobsAddedElsewhereDrawTheQueueAsItIs) {
    // The sequence that drew "keep 26" twice and left gaps until a resize:
    // finished jobs among waiting ones, scrolled to the middle, Clear Finished,
    // then jobs added one request at a time by another client (the shell), some
    // of high priority, then scrolling. After every step, each row on
    // screen is the queue's job at that place, and the pixels are current.
    queue.pauseAll();
    QStringList titles;
    for (int i = 0; i < 60; ++i)
        titles.append(i % 3 == 0 ? QStringLiteral("keep %1").arg(i)
                                 : QStringLiteral("done %1").arg(i));
    const QList<JobId> ids = addJobs(titles);
    queue.pauseAll();
    for (int i = 0; i < ids.size(); ++i) {
        if (i % 3 != 0) {
            ASSERT_TRUE(queue.cancel(ids[i]).ok());
        }
    }
    ASSERT_TRUE(waitUntil([&] { return model.countIn(JobState::Canceled) == 40; }));
    // Selected, but not current: the current cell's focus frame is drawn by a
    // scroll-and-repaint path of Qt's own that the test does not judge.
    view.selectionModel()->select(view.proxy()->mapFromSource(model.index(model.rowOf(ids[30]), 0)),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);

    const auto screenIsTrue = [&](const char *step) {
        const auto check = [&] {
            const ScreenCheck screen = checkScreen(view);
            const QList<JobId> order = queue.order();
            const int first = view.rowAt(view.verticalHeader()->defaultSectionSize() / 2);
            QStringList expected;
            for (int row = first; first >= 0 && row < int(order.size()) &&
                                  expected.size() < screen.mappedTitles.size();
                 ++row)
                expected.append(queue.job(order[row])->spec.title);
            return screen.pixelsCurrent && !screen.mappedTitles.isEmpty() &&
                   screen.mappedTitles == expected;
        };
        EXPECT_TRUE(waitUntil(check, 5000))
            << step << ": " << checkScreen(view).mappedTitles.join(", ").toStdString()
            << " stale pixels in (" << checkScreen(view).staleArea.x() << ", "
            << checkScreen(view).staleArea.y() << ") " << checkScreen(view).staleArea.width() << "x"
            << checkScreen(view).staleArea.height();
    };
    screenIsTrue("before");
    queue.clearFinished();
    screenIsTrue("after Clear Finished");
    for (int i = 0; i < 30; ++i) {
        JobSpec spec;
        spec.kind = QStringLiteral("spin");
        spec.title = QStringLiteral("shell %1").arg(i);
        spec.priority = i % 4 == 0 ? JobPriority::High : JobPriority::Normal;
        add(spec);
        queue.pauseAll();
        screenIsTrue("after a job added elsewhere");
    }
    for (int value :
         {0, view.verticalScrollBar()->maximum() / 2, view.verticalScrollBar()->maximum()}) {
        view.verticalScrollBar()->setValue(value);
        screenIsTrue("scrolled");
    }
}

TEST_F(JobTableViewTest, TheIdColumnIsShownFirst) {
    QHeaderView *header = view.horizontalHeader();
    EXPECT_EQ(header->logicalIndex(0), JobTableModel::IdColumn);
    EXPECT_FALSE(header->isSectionHidden(JobTableModel::IdColumn));
}
