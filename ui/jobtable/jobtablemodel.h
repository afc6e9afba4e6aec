#pragma once

#include "job/jobsnapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>
#include <QTimer>

#include <array>
#include <deque>

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
// Elapsed time: one model-wide timer marks the rows of running and paused
// (started) jobs dirty once a second, so their Elapsed cell ticks through the
// same coalesced flush; there is no timer per row.
//
// Drag and drop: rows drag as MIME type jobIdsMimeType (the ids, in queue
// order); dropping them at a row moves them there in the queue as one block
// (see dropMimeData). The model never removes or inserts rows for a drop: the
// queue's orderChanged rearranges them.
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
        ElapsedColumn,  // wall time of the latest run: to its end, or to now while it runs/pauses
        KindColumn,     // the kind's display name
        PriorityColumn, // Low, Normal, High
        AddedColumn,    // when queued; local short date and time
        FinishedColumn, // when it finished; empty unless finished
        IdColumn,       // the job's id, as the shell names it; shown first (see JobTableView)
        ColumnCount
    };

    enum Role {
        // The cell's raw value, for sorting and for delegates: Title QString, State
        // int(JobState), Progress double 0..1 (-1 unknown), Done qint64, Speed double
        // units/s, Eta qint64 seconds (-1 unknown), Elapsed qint64 seconds (-1 never
        // started), Kind QString (the kind's name, e.g. "hash"), Priority
        // int(JobPriority), Added QDateTime, Finished QDateTime (invalid unless finished).
        RawValueRole = Qt::UserRole,
        JobIdRole,   // JobId of the row, in every column
        JobStateRole // int(JobState) of the row, in every column
    };

    static constexpr int maxUpdatesPerSecond = 30;
    static constexpr int elapsedTickMs = 1000;
    static QString jobIdsMimeType() { return QStringLiteral("application/x-taskdeck-job-ids"); }

    explicit JobTableModel(JobQueue *queue, QObject *parent = nullptr);

    JobQueue *queue() const { return m_queue; }
    // -1 when the job has no row.
    int rowOf(JobId id) const { return m_rowOf.value(id, -1); }
    // The snapshot a row shows (as of the last refresh); row must be valid.
    const JobSnapshot &snapshot(int row) const { return m_rows.at(row); }
    // How many rows show a job in that state (as of the last refresh). O(1).
    int countIn(JobState state) const { return m_stateCounts[size_t(state)]; }
    // How many of the Paused rows had started (hold a slot); the others are held
    // back before they started. O(1).
    int startedPausedCount() const { return m_startedPaused; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // Rows drag; only the table itself (between rows) accepts drops.
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QStringList mimeTypes() const override;
    // The ids of the indexes' rows, in queue order, each once.
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    // Moves the dragged jobs, in their queue order, to stand together just before
    // the job now at `row` (row -1 or rowCount(): the end of the queue). When that
    // job is itself dragged, before the first job after it that is not. Calls
    // JobQueue::moveTo; rows move when the queue says orderChanged (once for the drop).
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    static QString stateText(JobState state);
    static QString priorityText(JobPriority priority);

private:
    void onJobsAdded(const QList<JobId> &ids);
    bool appendAtEnd(const QSet<JobId> &fresh);
    void onJobsRemoved(const QList<JobId> &ids);
    void onOrderChanged();
    void markDirty(JobId id);
    void markLiveRowsDirty();
    void flush();
    void reload();
    void reindexFrom(int row);
    // Bookkeeping for a snapshot entering (+1) or leaving (-1) the rows.
    void track(const JobSnapshot &job, int delta);

    QString kindText(const QString &kind) const;

    JobQueue *m_queue;
    // A deque, not a QList: appending never moves the rows already there (a QList
    // growing past 13,000 snapshots moved them all at once: a 20 ms stall).
    std::deque<JobSnapshot> m_rows;
    QHash<JobId, int> m_rowOf;
    QSet<JobId> m_dirty;
    QSet<JobId> m_live; // jobs whose Elapsed ticks (running, or paused after starting)
    std::array<int, size_t(JobState::Interrupted) + 1> m_stateCounts{};
    int m_startedPaused = 0;
    QTimer m_flushTimer;
    QTimer m_tickTimer;
    bool m_dropping = false;         // a drop is moving jobs: one orderChanged at its end
    bool m_orderChangedLate = false; // orderChanged arrived during the drop
    QHash<int, QIcon> m_stateIcons;  // by int(JobState); QIcon caches its renderings
};
