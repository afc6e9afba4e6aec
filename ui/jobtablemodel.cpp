#include "jobtablemodel.h"

#include "humanformat.h"
#include "icons.h"
#include "jobqueue.h"

#include <algorithm>

namespace {

// A finished job is complete even when its kind never learned a total.
double shownFraction(const JobSnapshot &job) {
    return job.state == JobState::Succeeded ? 1.0 : job.fraction();
}

bool showsRate(const JobSnapshot &job) {
    return job.state == JobState::Running;
}

} // namespace

JobTableModel::JobTableModel(JobQueue *queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue) {
    for (int s = int(JobState::Queued); s <= int(JobState::Interrupted); ++s)
        m_stateIcons.insert(s, Icons::state(JobState(s)));

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(1000 / maxUpdatesPerSecond);
    connect(&m_flushTimer, &QTimer::timeout, this, &JobTableModel::flush);

    connect(queue, &JobQueue::jobsAdded, this, &JobTableModel::onJobsAdded);
    connect(queue, &JobQueue::jobsRemoved, this, &JobTableModel::onJobsRemoved);
    connect(queue, &JobQueue::orderChanged, this, &JobTableModel::onOrderChanged);
    connect(queue, &JobQueue::jobStateChanged, this, [this](JobId id) { markDirty(id); });
    connect(queue, &JobQueue::jobsProgressed, this, [this](const QList<JobId> &ids) {
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
        return displayData(job, column);
    case RawValueRole:
        return rawData(job, column);
    case JobIdRole:
        return QVariant::fromValue(job.id);
    case JobStateRole:
        return int(job.state);
    case Qt::DecorationRole:
        if (column == StateColumn)
            return m_stateIcons.value(int(job.state));
        return {};
    case Qt::ToolTipRole:
        return toolTipData(job, column);
    case Qt::TextAlignmentRole:
        if (column == DoneColumn || column == SpeedColumn || column == EtaColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant JobTableModel::displayData(const JobSnapshot &job, int column) const {
    switch (column) {
    case TitleColumn:
        return job.spec.title;
    case StateColumn:
        return stateText(job.state);
    case ProgressColumn:
        return HumanFormat::percent(shownFraction(job));
    case DoneColumn:
        if (job.total < 0 && job.done == 0)
            return QString();
        return HumanFormat::doneOfTotal(job.done, job.total, job.unit);
    case SpeedColumn:
        return showsRate(job) && job.speed > 0 ? HumanFormat::speed(job.speed, job.unit)
                                               : QString();
    case EtaColumn:
        return showsRate(job) && job.etaSeconds >= 0 ? HumanFormat::duration(job.etaSeconds)
                                                     : QString();
    default:
        return {};
    }
}

QVariant JobTableModel::rawData(const JobSnapshot &job, int column) const {
    switch (column) {
    case TitleColumn:
        return job.spec.title;
    case StateColumn:
        return int(job.state);
    case ProgressColumn:
        return shownFraction(job);
    case DoneColumn:
        return job.done;
    case SpeedColumn:
        return showsRate(job) ? job.speed : 0.0;
    case EtaColumn:
        return showsRate(job) ? job.etaSeconds : qint64(-1);
    default:
        return {};
    }
}

QVariant JobTableModel::toolTipData(const JobSnapshot &job, int column) const {
    switch (column) {
    case TitleColumn:
        return job.status.isEmpty() ? job.spec.title : tr("%1\n%2").arg(job.spec.title, job.status);
    case StateColumn:
        switch (job.state) {
        case JobState::Waiting:
            return job.waitReason;
        case JobState::Running:
            return job.status;
        case JobState::Succeeded:
            return job.result.summary;
        case JobState::Failed:
        case JobState::Canceled:
        case JobState::Interrupted:
            return job.result.error;
        case JobState::Queued:
        case JobState::Paused:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (section == DoneColumn || section == SpeedColumn || section == EtaColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
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
    default:
        return {};
    }
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

void JobTableModel::markDirty(JobId id) {
    if (!m_rowOf.contains(id))
        return;
    m_dirty.insert(id);
    // Not restarted while pending: a steady stream of updates still flushes on time.
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void JobTableModel::flush() {
    QList<int> rows;
    rows.reserve(m_dirty.size());
    for (JobId id : std::as_const(m_dirty)) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        if (std::optional<JobSnapshot> job = m_queue->job(id)) {
            m_rows[row] = std::move(*job);
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
            consistent = consistent && known < m_rows.size() && m_rows[known].id == id;
            ++known;
            target.append(id);
        }
    }
    if (!consistent || known != m_rows.size()) {
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
            m_rows.insert(i, run.size(), JobSnapshot{});
            std::move(run.begin(), run.end(), m_rows.begin() + i);
            reindexFrom(int(i));
            endInsertRows();
        }
        // Skipped ids (gone again already) are dropped from target so indexes stay aligned.
        target.remove(i + run.size(), (j - i) - run.size());
        i += run.size();
    }
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
        for (int row = first; row <= last; ++row)
            m_rowOf.remove(m_rows[row].id);
        m_rows.remove(first, last - first + 1);
        reindexFrom(first);
        endRemoveRows();
        i = j + 1;
    }
}

void JobTableModel::onOrderChanged() {
    const QList<JobId> order = m_queue->order();
    bool sameJobs = order.size() == m_rows.size();
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

    QList<JobSnapshot> rows;
    rows.reserve(order.size());
    for (JobId id : order) {
        std::optional<JobSnapshot> job = m_queue->job(id);
        rows.append(job ? std::move(*job) : m_rows[rowOf(id)]);
    }
    m_rows = std::move(rows);
    m_dirty.clear(); // every row was just refreshed
    reindexFrom(0);

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
    const QList<JobId> order = m_queue->order();
    m_rows.reserve(order.size());
    for (JobId id : order) {
        if (std::optional<JobSnapshot> job = m_queue->job(id))
            m_rows.append(std::move(*job));
    }
    reindexFrom(0);
    endResetModel();
}

void JobTableModel::reindexFrom(int row) {
    for (qsizetype r = row; r < m_rows.size(); ++r)
        m_rowOf.insert(m_rows[r].id, int(r));
}
