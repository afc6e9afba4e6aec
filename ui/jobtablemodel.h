#pragma once

#include "jobsnapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>
#include <QTimer>

class JobQueue;

// The jobs of a JobQueue as table rows, in queue order. Holds a cached
// JobSnapshot per row so data() never asks the queue.
//
// Updates: jobStateChanged and jobsProgressed only mark rows dirty; a timer
// refreshes them at most maxUpdatesPerSecond times a second and emits one
// dataChanged per contiguous range of changed rows (never a reset for an
// update). jobsAdded inserts rows (begin/endInsertRows), jobsRemoved removes
// them; orderChanged reloads every row and rearranges them as a layout change,
// so persistent indexes (the selection) follow their jobs.
//
// Ownership and thread: does not own the queue, which must outlive the model;
// lives on and is used from the queue's thread (the GUI thread).
class JobTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        StateColumn,
        ProgressColumn,
        DoneColumn, // done / total, in the job's unit
        SpeedColumn,
        EtaColumn,
        ColumnCount
    };

    enum Role {
        // The cell's raw value, for sorting and for delegates: Title QString, State
        // int(JobState), Progress double 0..1 (-1 unknown), Done qint64, Speed double
        // units/s, Eta qint64 seconds (-1 unknown).
        RawValueRole = Qt::UserRole,
        JobIdRole,   // JobId of the row, in every column
        JobStateRole // int(JobState) of the row, in every column
    };

    static constexpr int maxUpdatesPerSecond = 30;

    explicit JobTableModel(JobQueue *queue, QObject *parent = nullptr);

    JobQueue *queue() const { return m_queue; }
    // -1 when the job has no row.
    int rowOf(JobId id) const { return m_rowOf.value(id, -1); }
    // The snapshot a row shows (as of the last refresh); row must be valid.
    const JobSnapshot &snapshot(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString stateText(JobState state);

private:
    void onJobsAdded(const QList<JobId> &ids);
    void onJobsRemoved(const QList<JobId> &ids);
    void onOrderChanged();
    void markDirty(JobId id);
    void flush();
    void reload();
    void reindexFrom(int row);

    QVariant displayData(const JobSnapshot &job, int column) const;
    QVariant rawData(const JobSnapshot &job, int column) const;
    QVariant toolTipData(const JobSnapshot &job, int column) const;

    JobQueue *m_queue;
    QList<JobSnapshot> m_rows;
    QHash<JobId, int> m_rowOf;
    QSet<JobId> m_dirty;
    QTimer m_flushTimer;
    QHash<int, QIcon> m_stateIcons; // by int(JobState); QIcon caches its renderings
};
