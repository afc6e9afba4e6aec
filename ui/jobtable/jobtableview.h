#pragma once

#include "job/jobsnapshot.h"
#include "jobtable/jobfilterproxymodel.h"

#include <QTableView>

class JobTableModel;
class QMenu;

// The table of jobs, like a transfer list: whole-row, multi-row selection; a
// JobFilterProxyModel (owned by the view) between the JobTableModel and the
// rows, for the state filter, the search and sorting; a progress bar column;
// columns sized from sample text rather than by measuring every row; and a hint
// painted over the empty table saying how to add a job.
//
// Header: a click sorts by that column ascending, a second click descending, a
// third returns to queue order. Its context menu shows or hides columns (not
// Title) and offers "Queue Order". Columns can be resized and moved; the header's
// layout (visible columns, widths, order, sort) round-trips through
// saveHeaderState()/restoreHeaderState() for QSettings. By default Kind,
// Priority, Added and Finished are hidden.
//
// Drag and drop: while the rows show queue order, selected rows can be dragged
// to another place in the queue (JobTableModel::dropMimeData says where they
// land); while sorted, dragging is off.
//
// Every index this view's selection API deals in is mapped to the job model, so
// callers see jobs in queue order whatever the sort. The model is not owned.
// GUI thread.
class JobTableView : public QTableView {
    Q_OBJECT
public:
    explicit JobTableView(QWidget *parent = nullptr);

    // Shows the model's jobs through the view's proxy and sizes the columns.
    void setJobModel(JobTableModel *model);
    JobTableModel *jobModel() const { return m_jobModel; }
    // The proxy between the job model and the rows (what model() returns).
    JobFilterProxyModel *proxy() const { return m_proxy; }
    void setStateFilter(JobFilterProxyModel::StateFilter filter);
    void setSearchText(const QString &text);

    // True while rows show in queue order (no sort column): rows can be dragged.
    bool isQueueOrder() const;
    // Drops the sort: rows show in queue order again.
    void showQueueOrder();

    // The header's state (QHeaderView::saveState) and its restore, which also
    // applies the saved sort. A state that does not fit is refused (false) and
    // the current layout stays. Title is never left hidden.
    QByteArray saveHeaderState() const;
    bool restoreHeaderState(const QByteArray &state);
    // The header's context menu, new each call (the caller owns it): one
    // checkable action per column (data: the column; Title disabled), then
    // "Queue Order".
    QMenu *createHeaderMenu(QWidget *parent = nullptr);

    // The job model's rows that are selected, ascending (= queue order).
    QList<int> selectedModelRows() const;
    // The selected jobs, in queue order (whatever the rows' sort order on screen).
    QList<JobId> selectedJobIds() const;
    // Snapshots of the selected jobs as the model last cached them, in queue order.
    QList<JobSnapshot> selectedJobs() const;
    // The job with the keyboard focus (the details pane shows it); 0 when none.
    JobId currentJobId() const;
    // Makes the job the only selected and the current row, and scrolls to it.
    // False (and nothing changes) when it has no row or the filter hides it.
    bool selectJob(JobId id);
    // The same for several jobs: all selected, the first current. False (and
    // nothing changes) when one of them has no row or the filter hides it.
    bool selectJobs(const QList<JobId> &ids);

    // Also takes an index of jobModel(), mapped through the proxy, so callers
    // holding model indexes need not know about the proxy.
    QRect visualRect(const QModelIndex &index) const override;

    // Shown centred while there are no jobs; empty: nothing. While jobs exist but
    // the filter hides them all, a line saying so shows instead.
    QString placeholderText() const { return m_placeholderText; }
    void setPlaceholderText(const QString &text);

Q_SIGNALS:
    // The set of selected jobs changed (not fired for state changes of those jobs).
    void jobSelectionChanged();
    // The current job changed; 0 when no row is current.
    void currentJobChanged(JobId id);
    // The rows switched between queue order (true) and a sort column (false).
    void queueOrderChanged(bool queueOrder);

protected:
    void paintEvent(QPaintEvent *event) override;
    // QAbstractItemView repaints the whole viewport for any change wider than one
    // cell; this repaints only the changed rows that are on screen, and nothing
    // for rows scrolled out of view.
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    // Rows inserted below the last row on screen (jobs queued at the end of a long
    // queue) change nothing visible but the scroll bar: the delayed layout they
    // cause then updates the geometries without repainting the whole viewport.
    void rowsInserted(const QModelIndex &parent, int start, int end) override;

public:
    void doItemsLayout() override;
    void reset() override;

protected:
    void changeEvent(QEvent *event) override;
    // No row is removed after a move: the queue reorders, the model follows.
    void startDrag(Qt::DropActions supportedActions) override;
    void dropEvent(QDropEvent *event) override;

private:
    void setUpHeader();
    void sizeColumns();
    void onSortChanged(int column);
    void showHeaderMenu(const QPoint &position);
    void compactSelection();
    void repaintIfFilteredEmpty();

    JobTableModel *m_jobModel = nullptr;
    JobFilterProxyModel *m_proxy = nullptr;
    QString m_placeholderText;
    bool m_wasEmpty = true; // whether the rows were empty at the last row-count change
    // False while the only changes since the last full layout are rows inserted
    // below the viewport (see rowsInserted): then a layout updates the geometries
    // (the scroll bar) without a full repaint. Any other change to the rows,
    // columns, model or look sets it.
    bool m_fullLayoutPending = true;
};
