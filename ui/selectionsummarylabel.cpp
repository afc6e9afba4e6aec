#include "selectionsummarylabel.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QLocale>

namespace {

constexpr int refreshDelayMs = 50; // a drag-select or a flood of rows, counted once

} // namespace

SelectionSummaryLabel::SelectionSummaryLabel(QAbstractItemView *view, QWidget *parent)
    : QLabel(parent)
    , m_view(view) {
    Q_ASSERT(view && view->model() && view->selectionModel());
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(refreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SelectionSummaryLabel::refresh);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SelectionSummaryLabel::scheduleRefresh);
    const QAbstractItemModel *model = view->model();
    connect(model, &QAbstractItemModel::rowsInserted, this,
            &SelectionSummaryLabel::scheduleRefresh);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SelectionSummaryLabel::scheduleRefresh);
    connect(model, &QAbstractItemModel::modelReset, this, &SelectionSummaryLabel::scheduleRefresh);
    connect(model, &QAbstractItemModel::layoutChanged, this,
            &SelectionSummaryLabel::scheduleRefresh);
    setAccessibleName(tr("Selection"));
    refresh();
}

void SelectionSummaryLabel::scheduleRefresh() {
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void SelectionSummaryLabel::refresh() {
    m_refreshTimer.stop();
    const qsizetype selected = m_view->selectionModel()->selectedRows().size();
    const QLocale locale;
    setText(selected == 0 ? QString()
                          : tr("%1 of %2 selected")
                                .arg(locale.toString(selected),
                                     locale.toString(m_view->model()->rowCount())));
}
