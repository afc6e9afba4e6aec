#include "jobtable/jobtablemodel.h"

#include "engine/jobqueue.h"
#include "icons.h"
#include "job/jobkindregistry.h"
#include "jobtable/jobdragdata.h"
#include "jobtable/jobtablecells.h"

#include <QMimeData>

#include <algorithm>
#include <iterator>

JobTableModel::JobTableModel(JobQueue *queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue) {
    for (int s = int(JobState::Queued); s <= int(JobState::Interrupted); ++s)
        m_stateIcons.insert(s, Icons::state(JobState(s)));

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(1000 / maxUpdatesPerSecond);
    connect(&m_flushTimer, &QTimer::timeout, this, &JobTableModel::flush);
    // Runs only while some job's Elapsed ticks (see track()).
    m_tickTimer.setInterval(elapsedTickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &JobTableModel::markLiveRowsDirty);

    connect(queue, &JobQueue::jobsAdded, this, &JobTableModel::onJobsAdded);
    connect(queue, &JobQueue::jobsRemoved, this, &JobTableModel::onJobsRemoved);
    connect(queue, &JobQueue::orderChanged, this, &JobTableModel::onOrderChanged);
    connect(queue, &JobQueue::jobStateChanged, this, [this](JobId id) { markDirty(id); });
    connect(queue, &JobQueue::jobsProgressed, this, [this](const QList<JobId> &ids) {
        for (JobId id : ids)
            markDirty(id);
    });
    connect(queue, &JobQueue::jobsEdited, this, [this](const QList<JobId> &ids) {
        for (JobId id : ids)
            markDirty(id);
    });
    reload();
}

int JobTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobSnapshot &job = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return JobTableCells::display(job, column,
                                      column == KindColumn ? kindText(job.spec.kind) : QString());
    case RawValueRole:
        return JobTableCells::raw(job, column);
    case JobIdRole:
        return QVariant::fromValue(job.id);
    case JobStateRole:
        return int(job.state);
    case Qt::DecorationRole:
        if (column == StateColumn)
            return m_stateIcons.value(int(job.state));
        return {};
    case Qt::ToolTipRole:
        return JobTableCells::toolTip(job, column);
    case Qt::TextAlignmentRole:
        if (JobTableCells::isRightAligned(column))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QString JobTableModel::kindText(const QString &kind) const {
    const JobKind *found = m_queue->kinds().find(kind);
    return found ? found->displayName() : kind;
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (JobTableCells::isRightAligned(section))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    // A first click on any header sorts ascending, the second descending, the third
    // returns to queue order (the view makes the indicator clearable).
    if (role == Qt::InitialSortOrderRole)
        return int(Qt::AscendingOrder);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case DoneColumn:
        return tr("Done / Total");
    case SpeedColumn:
        return tr("Speed");
    case EtaColumn:
        return tr("ETA");
    case ElapsedColumn:
        return tr("Elapsed");
    case KindColumn:
        return tr("Kind");
    case PriorityColumn:
        return tr("Priority");
    case AddedColumn:
        return tr("Added");
    case FinishedColumn:
        return tr("Finished");
    case IdColumn:
        return tr("ID");
    default:
        return {};
    }
}

Qt::ItemFlags JobTableModel::flags(const QModelIndex &index) const {
    // Rows are not drop targets themselves: a drop lands between rows, which is
    // what the view's indicator shows.
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return QAbstractTableModel::flags(index) | Qt::ItemIsDragEnabled;
}

QStringList JobTableModel::mimeTypes() const {
    return {jobIdsMimeType()};
}

QMimeData *JobTableModel::mimeData(const QModelIndexList &indexes) const {
    QList<int> rows;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && index.model() == this)
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QList<JobId> ids;
    ids.reserve(rows.size());
    for (int row : std::as_const(rows))
        ids.append(m_rows[row].id);
    return JobDragData::encode(*m_queue, ids);
}

bool JobTableModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                    const QModelIndex &) const {
    return action == Qt::MoveAction && !JobDragData::decode(*m_queue, data).isEmpty();
}

bool JobTableModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                 const QModelIndex &parent) {
    if (action != Qt::MoveAction)
        return false;
    const QList<JobId> ids = JobDragData::decode(*m_queue, data);
    if (ids.isEmpty())
        return false;
    if (parent.isValid())
        row = parent.row(); // dropped onto a row: before it
    const JobId before = row >= 0 && row < int(m_rows.size()) ? m_rows[row].id : JobId(0);

    // Each moveTo says orderChanged; rearranging the rows once for the drop is enough.
    m_dropping = true;
    m_orderChangedLate = false;
    JobDragData::moveBlock(*m_queue, ids, before);
    m_dropping = false;
    if (m_orderChangedLate)
        onOrderChanged();
    return true;
}

QString JobTableModel::stateText(JobState state) {
    switch (state) {
    case JobState::Queued:
        return tr("Queued");
    case JobState::Waiting:
        return tr("Waiting");
    case JobState::Running:
        return tr("Running");
    case JobState::Paused:
        return tr("Paused");
    case JobState::Succeeded:
        return tr("Done");
    case JobState::Failed:
        return tr("Failed");
    case JobState::Canceled:
        return tr("Canceled");
    case JobState::Interrupted:
        return tr("Interrupted");
    }
    return {};
}

QString JobTableModel::priorityText(JobPriority priority) {
    switch (priority) {
    case JobPriority::Low:
        return tr("Low");
    case JobPriority::Normal:
        return tr("Normal");
    case JobPriority::High:
        return tr("High");
    }
    return {};
}

void JobTableModel::track(const JobSnapshot &job, int delta) {
    m_stateCounts[size_t(job.state)] += delta;
    if (job.state == JobState::Paused && job.started)
        m_startedPaused += delta;
    if (delta > 0 && JobTableCells::elapsedTicks(job))
        m_live.insert(job.id);
    else
        m_live.remove(job.id);
    if (m_live.isEmpty())
        m_tickTimer.stop();
    else if (!m_tickTimer.isActive())
        m_tickTimer.start();
}

void JobTableModel::markDirty(JobId id) {
    if (!m_rowOf.contains(id))
        return;
    m_dirty.insert(id);
    // Not restarted while pending: a steady stream of updates still flushes on time.
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void JobTableModel::markLiveRowsDirty() {
    for (JobId id : std::as_const(m_live))
        markDirty(id);
}

void JobTableModel::flush() {
    QList<int> rows;
    rows.reserve(m_dirty.size());
    for (JobId id : std::as_const(m_dirty)) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        if (std::optional<JobSnapshot> job = m_queue->job(id)) {
            track(m_rows[row], -1);
            m_rows[row] = std::move(*job);
            track(m_rows[row], +1);
            rows.append(row);
        }
    }
    m_dirty.clear();
    std::sort(rows.begin(), rows.end());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        Q_EMIT dataChanged(index(rows[i], 0), index(rows[j], ColumnCount - 1));
        i = j + 1;
    }
}
void JobTableModel::onJobsAdded(const QList<JobId> &ids) {
    QSet<JobId> fresh;
    for (JobId id : ids) {
        if (!m_rowOf.contains(id))
            fresh.insert(id);
    }
    if (fresh.isEmpty())
        return;
    if (appendAtEnd(fresh))
        return;

    // The queue's order restricted to the rows we have plus the new ones. New jobs
    // need not go last (a high-priority job goes ahead), so place each where the
    // queue has it; if our existing rows disagree with the queue, reload.
    QList<JobId> target;
    target.reserve(m_rows.size() + fresh.size());
    qsizetype known = 0;
    bool consistent = true;
    const QList<JobId> order = m_queue->order();
    for (JobId id : order) {
        if (fresh.contains(id)) {
            target.append(id);
        } else if (m_rowOf.contains(id)) {
            consistent = consistent && known < qsizetype(m_rows.size()) && m_rows[known].id == id;
            ++known;
            target.append(id);
        }
    }
    if (!consistent || known != qsizetype(m_rows.size())) {
        reload();
        return;
    }

    for (qsizetype i = 0; i < target.size();) {
        if (!fresh.contains(target[i])) {
            ++i;
            continue;
        }
        QList<JobSnapshot> run;
        qsizetype j = i;
        for (; j < target.size() && fresh.contains(target[j]); ++j) {
            if (std::optional<JobSnapshot> job = m_queue->job(target[j]))
                run.append(std::move(*job));
        }
        if (!run.isEmpty()) {
            beginInsertRows({}, int(i), int(i + run.size() - 1));
            for (const JobSnapshot &job : std::as_const(run))
                track(job, +1);
            m_rows.insert(m_rows.begin() + i, std::make_move_iterator(run.begin()),
                          std::make_move_iterator(run.end()));
            reindexFrom(int(i));
            endInsertRows();
        }
        // Skipped ids (gone again already) are dropped from target so indexes stay aligned.
        target.remove(i + run.size(), (j - i) - run.size());
        i += run.size();
    }
}

bool JobTableModel::appendAtEnd(const QSet<JobId> &fresh) {
    // The common case, jobs queued at the end, without copying the queue's whole
    // order: their positions say whether they follow our last row.
    const int first = int(m_rows.size());
    if (m_queue->count() != first + fresh.size())
        return false;
    QList<JobSnapshot> run(fresh.size());
    for (JobId id : fresh) {
        std::optional<JobSnapshot> job = m_queue->job(id);
        const int slot = job ? job->position - first : -1;
        if (slot < 0 || slot >= run.size() || run[slot].id != 0)
            return false;
        run[slot] = std::move(*job);
    }
    beginInsertRows({}, first, first + int(run.size()) - 1);
    for (const JobSnapshot &job : std::as_const(run))
        track(job, +1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(run.begin()),
                  std::make_move_iterator(run.end()));
    reindexFrom(first);
    endInsertRows();
    return true;
}

void JobTableModel::onJobsRemoved(const QList<JobId> &ids) {
    QList<int> rows;
    for (JobId id : ids) {
        m_dirty.remove(id);
        const int row = rowOf(id);
        if (row >= 0)
            rows.append(row);
    }
    // From the bottom up, so the rows still to remove keep their numbers.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] - 1)
            ++j;
        const int first = rows[j];
        const int last = rows[i];
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row) {
            track(m_rows[row], -1);
            m_rowOf.remove(m_rows[row].id);
        }
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        reindexFrom(first);
        endRemoveRows();
        i = j + 1;
    }
}

void JobTableModel::onOrderChanged() {
    if (m_dropping) {
        m_orderChangedLate = true;
        return;
    }
    const QList<JobId> order = m_queue->order();
    bool sameJobs = order.size() == qsizetype(m_rows.size());
    for (qsizetype i = 0; sameJobs && i < order.size(); ++i)
        sameJobs = m_rowOf.contains(order[i]);
    if (!sameJobs) {
        reload();
        return;
    }

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<JobId> beforeIds;
    beforeIds.reserve(before.size());
    for (const QModelIndex &index : before)
        beforeIds.append(m_rows[index.row()].id);

    // The cached snapshots move to their new places (no fresh copy of every job:
    // moving 100 selected jobs to the top is 100 of these signals); their
    // position is set here, and everything else a reorder or a priority change
    // touched is refreshed at the next coalesced flush.
    std::deque<JobSnapshot> rows;
    for (qsizetype position = 0; position < order.size(); ++position) {
        rows.push_back(std::move(m_rows[rowOf(order[position])]));
        rows.back().position = int(position);
    }
    m_rows = std::move(rows);
    reindexFrom(0);
    for (const JobSnapshot &job : std::as_const(m_rows))
        markDirty(job.id);

    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(index(rowOf(beforeIds[i]), before[i].column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void JobTableModel::reload() {
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_dirty.clear();
    m_live.clear();
    m_tickTimer.stop();
    m_stateCounts.fill(0);
    m_startedPaused = 0;
    const QList<JobId> order = m_queue->order();
    for (JobId id : order) {
        if (std::optional<JobSnapshot> job = m_queue->job(id)) {
            track(*job, +1);
            m_rows.push_back(std::move(*job));
        }
    }
    reindexFrom(0);
    endResetModel();
}

void JobTableModel::reindexFrom(int row) {
    for (qsizetype r = row; r < qsizetype(m_rows.size()); ++r)
        m_rowOf.insert(m_rows[r].id, int(r));
}
