#pragma once

#include "job/jobsnapshot.h"

#include <QSortFilterProxyModel>

class JobTableModel;

// The rows of a JobTableModel a person asked to see, in the order asked for:
// a state filter, a search text and a sort column.
//
// State filter: every job is in exactly one group besides All:
//   Active = Running + Paused after it started (it holds a slot),
//   Queued = Queued + Waiting + Paused before it started (held back: it has not run),
//   Done = Succeeded,
//   Failed = Failed + Canceled + Interrupted (what retry applies to).
// The status bar counts the same groups (QueueSummaryLabel), so the two agree.
// Search: case-insensitive substring of the title, the kind (its name or display
// name) or any text parameter of the job (its paths, a command line).
// Sorting by any column compares JobTableModel::RawValueRole (text
// case-insensitively, times with "none" first); equal values keep queue order in
// either direction. Sort column -1 (the default) is queue order.
//
// Cost (10,000+ rows, 1,000 insertions a second): dynamicSortFilter stays on, so
// a changed job leaves or enters the filter, and moves in a sorted view, as soon
// as the model flushes (<= 30 times a second). QSortFilterProxyModel then handles
// each dataChanged range by testing only the changed rows against the filter and
// their neighbours against the sort order; it rearranges (an O(rows) layout
// change) only when a changed row is now out of order. Insertions test and place
// only the new rows (a binary search when sorted). Filter and sort changes
// re-evaluate every row once. filterAcceptsRow and lessThan read the source
// model's cached snapshots directly, never the queue.
//
// Ownership: the source model is not owned. GUI thread.
class JobFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StateFilter { All, Active, Queued, Done, Failed };
    Q_ENUM(StateFilter)
    static constexpr int stateFilterCount = 5;

    explicit JobFilterProxyModel(QObject *parent = nullptr);

    // The source must be a JobTableModel (others are refused, leaving no source).
    void setSourceModel(QAbstractItemModel *model) override;
    JobTableModel *jobModel() const { return m_jobModel; }

    StateFilter stateFilter() const { return m_stateFilter; }
    void setStateFilter(StateFilter filter);
    QString searchText() const { return m_searchText; }
    // Surrounding white space is ignored; empty: no search.
    void setSearchText(const QString &text);

    static bool matches(StateFilter filter, JobState state, bool started = false);
    static bool matches(StateFilter filter, const JobSnapshot &job) {
        return matches(filter, job.state, job.started);
    }
    // How many of the model's jobs are in the filter's group. O(1).
    static int countIn(const JobTableModel &model, StateFilter filter);
    static QString stateFilterText(StateFilter filter);
    // How many of the model's jobs the filter lets through, ignoring the search. O(1).
    int countFor(StateFilter filter) const;

    // True when rows show in queue order (sortColumn() < 0): dragging rows applies.
    bool isQueueOrder() const { return sortColumn() < 0; }

    // Drops apply only in queue order. A drop at row r lands before the job shown
    // at r; past the last row, right after the last job shown.
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    // Fired after the filter changed and the rows were re-filtered.
    void stateFilterChanged(JobFilterProxyModel::StateFilter filter);
    void searchTextChanged(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool matchesSearch(int sourceRow) const;
    int sourceRowForDrop(int row) const;

    JobTableModel *m_jobModel = nullptr;
    StateFilter m_stateFilter = StateFilter::All;
    QString m_searchText;
};
