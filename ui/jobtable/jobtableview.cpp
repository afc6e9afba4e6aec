#include "jobtable/jobtableview.h"

#include "jobtable/jobtablemodel.h"
#include "jobtable/progressdelegate.h"

#include <QDrag>
#include <QDropEvent>
#include <QHeaderView>
#include <QMenu>
#include <QPainter>

#include <algorithm>

namespace {

// Hidden until asked for: the default columns fit a 1000 px window with room for titles.
constexpr JobTableModel::Column hiddenByDefault[] = {
    JobTableModel::KindColumn, JobTableModel::PriorityColumn, JobTableModel::AddedColumn,
    JobTableModel::FinishedColumn};

} // namespace

JobTableView::JobTableView(QWidget *parent)
    : QTableView(parent)
    , m_proxy(new JobFilterProxyModel(this)) {
    setItemDelegateForColumn(JobTableModel::ProgressColumn, new ProgressDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setShowGrid(false);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle); // titles are mostly paths: keep both ends
    setDragDropOverwriteMode(false);
    setDropIndicatorShown(true);
    setDefaultDropAction(Qt::MoveAction);
    setDragDropMode(QAbstractItemView::InternalMove);

    QHeaderView *vertical = verticalHeader();
    vertical->hide();
    vertical->setSectionResizeMode(QHeaderView::Fixed);
    vertical->setDefaultSectionSize(std::max(26, fontMetrics().height() + 10));

    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(40);
    header->setSectionsMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &JobTableView::showHeaderMenu);

    setModel(m_proxy);
    // After setModel, which sorts by the indicator: -1, queue order.
    setSortingEnabled(true);
    // After QTableView's own handler, which passes the cleared indicator's order on.
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            [this](int column) { onSortChanged(column); });

    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JobTableView::jobSelectionChanged);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                Q_EMIT currentJobChanged(current.isValid()
                                             ? current.data(JobTableModel::JobIdRole).value<JobId>()
                                             : JobId(0));
            });
    // Filtering splits a large selection into a range per row, and painting asks
    // every range about every cell: merge them again.
    connect(m_proxy, &JobFilterProxyModel::stateFilterChanged, this,
            &JobTableView::compactSelection);
    connect(m_proxy, &JobFilterProxyModel::searchTextChanged, this,
            &JobTableView::compactSelection);
    // The placeholder comes and goes with the rows: repaint when the table turns
    // empty or stops being empty, not on every insert (each is a full repaint).
    const auto repaintIfEmptinessFlipped = [this] {
        const bool empty = m_proxy->rowCount() == 0;
        if (empty != m_wasEmpty) {
            m_wasEmpty = empty;
            viewport()->update();
        }
    };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, repaintIfEmptinessFlipped);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, repaintIfEmptinessFlipped);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, repaintIfEmptinessFlipped);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, repaintIfEmptinessFlipped);
    // Anything but rows appended off screen needs the full layout and repaint.
    const auto needFullLayout = [this] { m_fullLayoutPending = true; };
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this, needFullLayout);
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeMoved, this, needFullLayout);
    connect(m_proxy, &QAbstractItemModel::layoutAboutToBeChanged, this, needFullLayout);
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, needFullLayout);
    connect(m_proxy, &QAbstractItemModel::columnsAboutToBeInserted, this, needFullLayout);
    connect(m_proxy, &QAbstractItemModel::columnsAboutToBeRemoved, this, needFullLayout);
    connect(m_proxy, &QAbstractItemModel::columnsAboutToBeMoved, this, needFullLayout);
    connect(m_proxy, &QAbstractItemModel::headerDataChanged, this, needFullLayout);
}

void JobTableView::setJobModel(JobTableModel *model) {
    const bool first = m_jobModel == nullptr;
    m_jobModel = model;
    m_proxy->setSourceModel(model);
    // With every job filtered out, the hint says "no match" or "no jobs" by the
    // model's own rows, which the proxy does not report.
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                &JobTableView::repaintIfFilteredEmpty, Qt::UniqueConnection);
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                &JobTableView::repaintIfFilteredEmpty, Qt::UniqueConnection);
    }
    if (first)
        setUpHeader();
}

void JobTableView::repaintIfFilteredEmpty() {
    if (m_proxy->rowCount() == 0)
        viewport()->update();
}

void JobTableView::setUpHeader() {
    QHeaderView *header = horizontalHeader();
    for (int column = 0; column < JobTableModel::ColumnCount; ++column)
        header->setSectionHidden(column, false);
    for (JobTableModel::Column column : hiddenByDefault)
        header->setSectionHidden(column, true);
    // Last in the model (layouts saved before it existed stay valid), first on screen.
    header->moveSection(header->visualIndex(JobTableModel::IdColumn), 0);
    sizeColumns();
}

void JobTableView::setStateFilter(JobFilterProxyModel::StateFilter filter) {
    m_proxy->setStateFilter(filter);
}

void JobTableView::setSearchText(const QString &text) {
    m_proxy->setSearchText(text);
}

bool JobTableView::isQueueOrder() const {
    return m_proxy->isQueueOrder();
}

void JobTableView::showQueueOrder() {
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
}

void JobTableView::onSortChanged(int column) {
    // A cleared indicator keeps its last order; queue order is ascending source order.
    if (column < 0 && m_proxy->sortOrder() != Qt::AscendingOrder)
        m_proxy->sort(-1, Qt::AscendingOrder);
    const bool queueOrder = m_proxy->isQueueOrder();
    const bool wasQueueOrder = dragEnabled();
    // Drops stay accepted (files dropped on the table are the window's); the proxy
    // refuses row drops while sorted.
    setDragEnabled(queueOrder);
    if (queueOrder != wasQueueOrder)
        Q_EMIT queueOrderChanged(queueOrder);
}

QByteArray JobTableView::saveHeaderState() const {
    return horizontalHeader()->saveState();
}

bool JobTableView::restoreHeaderState(const QByteArray &state) {
    QHeaderView *header = horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state))
        return false;
    header->setSectionHidden(JobTableModel::TitleColumn, false);
    // Whether or not restoreState announced the sort, the rows follow it.
    const int column = header->sortIndicatorSection();
    const Qt::SortOrder order = column < 0 ? Qt::AscendingOrder : header->sortIndicatorOrder();
    m_proxy->sort(column, order);
    onSortChanged(column);
    return true;
}

QMenu *JobTableView::createHeaderMenu(QWidget *parent) {
    auto *menu = new QMenu(parent);
    menu->setAccessibleName(tr("Columns"));
    QHeaderView *header = horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction *action = menu->addAction(model()->headerData(column, Qt::Horizontal).toString());
        action->setData(column);
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != JobTableModel::TitleColumn);
        connect(action, &QAction::toggled, this,
                [header, column](bool shown) { header->setSectionHidden(column, !shown); });
    }
    menu->addSeparator();
    QAction *queueOrder = menu->addAction(tr("&Queue Order"));
    queueOrder->setObjectName(QStringLiteral("QueueOrderAction"));
    queueOrder->setToolTip(tr("Show the jobs in the order they run; rows can then be dragged"));
    queueOrder->setEnabled(!isQueueOrder());
    connect(queueOrder, &QAction::triggered, this, &JobTableView::showQueueOrder);
    return menu;
}

void JobTableView::showHeaderMenu(const QPoint &position) {
    QMenu *menu = createHeaderMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(horizontalHeader()->viewport()->mapToGlobal(position));
}

void JobTableView::compactSelection() {
    const QItemSelection current = selectionModel()->selection();
    if (current.size() < 2)
        return;
    QList<int> rows;
    for (const QModelIndex &index : selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QItemSelection merged;
    const int lastColumn = m_proxy->columnCount() - 1;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        merged.select(m_proxy->index(rows[i], 0), m_proxy->index(rows[j], lastColumn));
        i = j + 1;
    }
    if (merged.size() < current.size())
        selectionModel()->select(merged, QItemSelectionModel::ClearAndSelect);
}

QList<int> JobTableView::selectedModelRows() const {
    QList<int> rows;
    if (!selectionModel() || !m_jobModel)
        return rows;
    // From the selection's ranges, not selectedRows() (which asks about every cell
    // of every row) nor mapSelectionToSource() (a range per cell): one mapping per
    // selected row. Rows select whole (SelectRows), so a range's rows are selected.
    const QItemSelection selected = selectionModel()->selection();
    for (const QItemSelectionRange &range : selected) {
        if (!range.isValid() || range.parent().isValid())
            continue;
        for (int row = range.top(); row <= range.bottom(); ++row) {
            const int source = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
            if (source >= 0)
                rows.append(source);
        }
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

QList<JobId> JobTableView::selectedJobIds() const {
    QList<JobId> ids;
    for (int row : selectedModelRows())
        ids.append(m_jobModel->snapshot(row).id);
    return ids;
}

QList<JobSnapshot> JobTableView::selectedJobs() const {
    QList<JobSnapshot> jobs;
    for (int row : selectedModelRows())
        jobs.append(m_jobModel->snapshot(row));
    return jobs;
}

JobId JobTableView::currentJobId() const {
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(JobTableModel::JobIdRole).value<JobId>() : JobId(0);
}

bool JobTableView::selectJob(JobId id) {
    return selectJobs({id});
}

bool JobTableView::selectJobs(const QList<JobId> &ids) {
    QItemSelection rows;
    QModelIndex first;
    for (JobId id : ids) {
        const int row = m_jobModel ? m_jobModel->rowOf(id) : -1;
        const QModelIndex index =
            row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_jobModel->index(row, 0));
        if (!index.isValid())
            return false;
        if (!first.isValid())
            first = index;
        rows.select(index, index);
    }
    if (!first.isValid())
        return false;
    selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    selectionModel()->select(rows, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(first);
    compactSelection();
    return true;
}

QRect JobTableView::visualRect(const QModelIndex &index) const {
    if (m_jobModel && index.model() == m_jobModel)
        return QTableView::visualRect(m_proxy->mapFromSource(index));
    return QTableView::visualRect(index);
}

void JobTableView::startDrag(Qt::DropActions) {
    if (!isQueueOrder())
        return;
    const QModelIndexList rows = selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QMimeData *data = m_proxy->mimeData(rows);
    if (!data)
        return;
    // A label saying what moves, rather than a picture of every dragged cell.
    const QString text = rows.size() == 1 ? rows.first().data(Qt::DisplayRole).toString()
                                          : tr("%n jobs", nullptr, int(rows.size()));
    const QFontMetrics metrics = fontMetrics();
    const QString shown = metrics.elidedText(text, Qt::ElideMiddle, 320);
    QPixmap pixmap(QSize(metrics.horizontalAdvance(shown) + 16, metrics.height() + 8) *
                   devicePixelRatioF());
    pixmap.setDevicePixelRatio(devicePixelRatioF());
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QRectF area(0, 0, pixmap.width() / devicePixelRatioF(),
                          pixmap.height() / devicePixelRatioF());
        painter.setBrush(palette().color(QPalette::Highlight));
        painter.setPen(Qt::NoPen);
        painter.drawRoundedRect(area, 4, 4);
        painter.setPen(palette().color(QPalette::HighlightedText));
        painter.drawText(area, Qt::AlignCenter, shown);
    }
    auto *drag = new QDrag(this);
    drag->setMimeData(data);
    drag->setPixmap(pixmap);
    drag->setHotSpot(QPoint(-12, -12));
    drag->exec(Qt::MoveAction, Qt::MoveAction);
}

void JobTableView::dropEvent(QDropEvent *event) {
    if (event->source() != this || !(event->possibleActions() & Qt::MoveAction) ||
        !isQueueOrder()) {
        event->ignore();
        return;
    }
    // Where the indicator showed it: above a row when over its upper half, below
    // when over its lower half, after the last row below them all.
    const QPoint position = event->position().toPoint();
    const QModelIndex index = indexAt(position);
    int row = m_proxy->rowCount();
    if (index.isValid())
        row = position.y() < visualRect(index).center().y() ? index.row() : index.row() + 1;
    if (m_proxy->dropMimeData(event->mimeData(), Qt::MoveAction, row, 0, {})) {
        event->setDropAction(Qt::MoveAction);
        event->accept();
    } else {
        event->ignore();
    }
    stopAutoScroll();
    setState(NoState);
    viewport()->update();
}

void JobTableView::sizeColumns() {
    // Fixed widths from sample text: ResizeToContents would measure every row on
    // every update, which costs too much with thousands of jobs.
    const QFontMetrics metrics = fontMetrics();
    QHeaderView *header = horizontalHeader();
    const auto widthFor = [&](int column, const QString &sample, int extra = 0) {
        const QString title = m_proxy->headerData(column, Qt::Horizontal).toString();
        const int width =
            std::max(metrics.horizontalAdvance(sample) + extra, metrics.horizontalAdvance(title));
        header->resizeSection(column, width + 4 * metrics.averageCharWidth());
    };
    header->setSectionResizeMode(JobTableModel::TitleColumn, QHeaderView::Stretch);
    widthFor(JobTableModel::StateColumn, JobTableModel::stateText(JobState::Interrupted),
             iconSize().width() > 0 ? iconSize().width() : 16);
    widthFor(JobTableModel::ProgressColumn, QStringLiteral("100%"),
             metrics.averageCharWidth() * 14);
    widthFor(JobTableModel::DoneColumn, QStringLiteral("1,023.9 MB / 1,023.9 MB"));
    widthFor(JobTableModel::SpeedColumn, QStringLiteral("1,023.9 MB/s"));
    widthFor(JobTableModel::EtaColumn, QStringLiteral("88h 88m"));
    widthFor(JobTableModel::ElapsedColumn, QStringLiteral("88h 88m"));
    widthFor(JobTableModel::KindColumn, QStringLiteral("Image batch"));
    widthFor(JobTableModel::PriorityColumn, JobTableModel::priorityText(JobPriority::Normal));
    const QString sampleTime =
        QLocale().toString(QDateTime(QDate(2028, 12, 28), QTime(23, 58)), QLocale::ShortFormat);
    widthFor(JobTableModel::AddedColumn, sampleTime);
    widthFor(JobTableModel::FinishedColumn, sampleTime);
    widthFor(JobTableModel::IdColumn, QStringLiteral("88888"));
}

void JobTableView::setPlaceholderText(const QString &text) {
    m_placeholderText = text;
    viewport()->update();
}

void JobTableView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                               const QList<int> &roles) {
    if (!topLeft.isValid() || !bottomRight.isValid() || topLeft == bottomRight ||
        topLeft.parent().isValid() || topLeft.model() != model()) {
        QTableView::dataChanged(topLeft, bottomRight, roles);
        return;
    }
    const int firstVisible = rowAt(0);
    if (firstVisible < 0)
        return; // no row on screen
    int lastVisible = rowAt(viewport()->height() - 1);
    if (lastVisible < 0)
        lastVisible = model()->rowCount() - 1;
    const int top = std::max(topLeft.row(), firstVisible);
    const int bottom = std::min(bottomRight.row(), lastVisible);
    if (top > bottom)
        return;
    const int y = rowViewportPosition(top);
    const int height = rowViewportPosition(bottom) + rowHeight(bottom) - y;
    viewport()->update(QRect(0, y, viewport()->width(), height));
}

void JobTableView::rowsInserted(const QModelIndex &parent, int start, int end) {
    // Below the viewport when rows fill it and the new ones follow the last on screen.
    const int lastVisible = rowAt(viewport()->height() - 1);
    const bool offScreen =
        !parent.isValid() && lastVisible >= 0 && start > lastVisible && state() == NoState;
    QTableView::rowsInserted(parent, start, end);
    if (!offScreen)
        m_fullLayoutPending = true;
}

void JobTableView::doItemsLayout() {
    if (!m_fullLayoutPending) {
        // What QAbstractItemView::doItemsLayout() does, less the full repaint,
        // unless the new geometry moved what is on screen: scrolling per item, a
        // view at the end shows the last row at the bottom edge, and rows added
        // below turn that into the first row at the top edge, with no scroll.
        const QPoint offset(horizontalHeader()->offset(), verticalHeader()->offset());
        updateGeometries();
        if (QPoint(horizontalHeader()->offset(), verticalHeader()->offset()) != offset)
            viewport()->update();
        return;
    }
    m_fullLayoutPending = false;
    QTableView::doItemsLayout();
}

void JobTableView::reset() {
    m_fullLayoutPending = true;
    QTableView::reset();
}

void JobTableView::changeEvent(QEvent *event) {
    // Font, style or palette changes re-lay out the rows in full.
    m_fullLayoutPending = true;
    QTableView::changeEvent(event);
}

void JobTableView::paintEvent(QPaintEvent *event) {
    QTableView::paintEvent(event);
    if (m_proxy->rowCount() > 0)
        return;
    // Jobs hidden by the filter are not "no jobs".
    const bool filteredOut = m_jobModel && m_jobModel->rowCount() > 0;
    const QString text = filteredOut ? tr("No job matches the filter.") : m_placeholderText;
    if (text.isEmpty())
        return;
    QPainter painter(viewport());
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.55);
    painter.setPen(color);
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, text);
}
