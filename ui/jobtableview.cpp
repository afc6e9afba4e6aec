#include "jobtableview.h"

#include "jobtablemodel.h"
#include "progressdelegate.h"

#include <QHeaderView>
#include <QPainter>

#include <algorithm>

JobTableView::JobTableView(QWidget *parent)
    : QTableView(parent) {
    setItemDelegateForColumn(JobTableModel::ProgressColumn, new ProgressDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setShowGrid(false);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle); // titles are mostly paths: keep both ends
    setSortingEnabled(false);

    QHeaderView *vertical = verticalHeader();
    vertical->hide();
    vertical->setSectionResizeMode(QHeaderView::Fixed);
    vertical->setDefaultSectionSize(std::max(26, fontMetrics().height() + 10));

    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(40);
}

void JobTableView::setJobModel(JobTableModel *model) {
    m_jobModel = model;
    setModel(model);
    sizeColumns(*model);
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JobTableView::jobSelectionChanged);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                Q_EMIT currentJobChanged(current.isValid()
                                             ? current.data(JobTableModel::JobIdRole).value<JobId>()
                                             : JobId(0));
            });
    // The placeholder comes and goes with the rows.
    const auto repaint = [this] { viewport()->update(); };
    connect(model, &QAbstractItemModel::rowsInserted, this, repaint);
    connect(model, &QAbstractItemModel::rowsRemoved, this, repaint);
    connect(model, &QAbstractItemModel::modelReset, this, repaint);
}

QList<int> JobTableView::selectedModelRows() const {
    QList<int> rows;
    if (!selectionModel())
        return rows;
    const QModelIndexList selected = selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
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

void JobTableView::selectJob(JobId id) {
    const int row = m_jobModel ? m_jobModel->rowOf(id) : -1;
    if (row < 0)
        return;
    const QModelIndex index = m_jobModel->index(row, 0);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
    scrollTo(index);
}

void JobTableView::sizeColumns(const JobTableModel &model) {
    // Fixed widths from sample text: ResizeToContents would measure every row on
    // every update, which costs too much with thousands of jobs.
    const QFontMetrics metrics = fontMetrics();
    QHeaderView *header = horizontalHeader();
    const auto widthFor = [&](int column, const QString &sample, int extra = 0) {
        const QString title = model.headerData(column, Qt::Horizontal).toString();
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
}

void JobTableView::setPlaceholderText(const QString &text) {
    m_placeholderText = text;
    viewport()->update();
}

void JobTableView::paintEvent(QPaintEvent *event) {
    QTableView::paintEvent(event);
    if (m_placeholderText.isEmpty() || !model() || model()->rowCount() > 0)
        return;
    QPainter painter(viewport());
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.55);
    painter.setPen(color);
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_placeholderText);
}
