#include "jobtable/jobfilterproxymodel.h"

#include "engine/jobqueue.h"
#include "job/jobkindregistry.h"
#include "jobtable/jobtablecells.h"
#include "jobtable/jobtablemodel.h"

#include <QDateTime>

namespace {

// -1, 0 or 1 as left sorts before, with or after right.
int compareRaw(const QVariant &left, const QVariant &right) {
    if (left.typeId() == QMetaType::QString && right.typeId() == QMetaType::QString)
        return QString::compare(left.toString(), right.toString(), Qt::CaseInsensitive);
    if (left.typeId() == QMetaType::QDateTime && right.typeId() == QMetaType::QDateTime) {
        // An invalid time ("not finished") sorts first.
        const auto key = [](const QVariant &value) {
            const QDateTime time = value.toDateTime();
            return time.isValid() ? time.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
        };
        const qint64 l = key(left);
        const qint64 r = key(right);
        return l < r ? -1 : (l > r ? 1 : 0);
    }
    const QPartialOrdering order = QVariant::compare(left, right);
    if (order == QPartialOrdering::Less)
        return -1;
    if (order == QPartialOrdering::Greater)
        return 1;
    return 0;
}

bool containsText(const QVariant &value, const QString &text) {
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.toString().contains(text, Qt::CaseInsensitive);
    case QMetaType::QStringList: {
        const QStringList list = value.toStringList();
        return std::any_of(list.begin(), list.end(), [&](const QString &item) {
            return item.contains(text, Qt::CaseInsensitive);
        });
    }
    case QMetaType::QVariantList: {
        const QVariantList list = value.toList();
        return std::any_of(list.begin(), list.end(),
                           [&](const QVariant &item) { return containsText(item, text); });
    }
    default:
        return false;
    }
}

} // namespace

JobFilterProxyModel::JobFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void JobFilterProxyModel::setSourceModel(QAbstractItemModel *model) {
    m_jobModel = qobject_cast<JobTableModel *>(model);
    QSortFilterProxyModel::setSourceModel(m_jobModel);
}

bool JobFilterProxyModel::matches(StateFilter filter, JobState state, bool started) {
    switch (filter) {
    case StateFilter::All:
        return true;
    case StateFilter::Active:
        return state == JobState::Running || (state == JobState::Paused && started);
    case StateFilter::Queued:
        return state == JobState::Queued || state == JobState::Waiting ||
               (state == JobState::Paused && !started);
    case StateFilter::Done:
        return state == JobState::Succeeded;
    case StateFilter::Failed:
        return state == JobState::Failed || state == JobState::Canceled ||
               state == JobState::Interrupted;
    }
    return false;
}

QString JobFilterProxyModel::stateFilterText(StateFilter filter) {
    switch (filter) {
    case StateFilter::All:
        return tr("All");
    case StateFilter::Active:
        return tr("Active");
    case StateFilter::Queued:
        return tr("Queued");
    case StateFilter::Done:
        return tr("Done");
    case StateFilter::Failed:
        return tr("Failed");
    }
    return {};
}

int JobFilterProxyModel::countFor(StateFilter filter) const {
    return m_jobModel ? countIn(*m_jobModel, filter) : 0;
}

int JobFilterProxyModel::countIn(const JobTableModel &model, StateFilter filter) {
    int count = 0;
    for (int s = int(JobState::Queued); s <= int(JobState::Interrupted); ++s) {
        if (JobState(s) != JobState::Paused && matches(filter, JobState(s)))
            count += model.countIn(JobState(s));
    }
    const int started = model.startedPausedCount();
    if (matches(filter, JobState::Paused, true))
        count += started;
    if (matches(filter, JobState::Paused, false))
        count += model.countIn(JobState::Paused) - started;
    return count;
}

void JobFilterProxyModel::setStateFilter(StateFilter filter) {
    if (filter == m_stateFilter)
        return;
    m_stateFilter = filter;
    invalidateRowsFilter();
    Q_EMIT stateFilterChanged(filter);
}

void JobFilterProxyModel::setSearchText(const QString &text) {
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    m_searchText = trimmed;
    invalidateRowsFilter();
    Q_EMIT searchTextChanged(m_searchText);
}

bool JobFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    if (!m_jobModel || sourceParent.isValid())
        return false;
    return matches(m_stateFilter, m_jobModel->snapshot(sourceRow)) &&
           (m_searchText.isEmpty() || matchesSearch(sourceRow));
}

bool JobFilterProxyModel::matchesSearch(int sourceRow) const {
    const JobSnapshot &job = m_jobModel->snapshot(sourceRow);
    if (job.spec.title.contains(m_searchText, Qt::CaseInsensitive) ||
        job.spec.kind.contains(m_searchText, Qt::CaseInsensitive))
        return true;
    if (const JobKind *kind = m_jobModel->queue()->kinds().find(job.spec.kind);
        kind && kind->displayName().contains(m_searchText, Qt::CaseInsensitive))
        return true;
    // The parameters hold the job's paths (sources, destination, manifest) and
    // command line; a handful of values per job.
    for (auto it = job.spec.params.cbegin(); it != job.spec.params.cend(); ++it) {
        if (containsText(it.value(), m_searchText))
            return true;
    }
    return false;
}

bool JobFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const {
    if (!m_jobModel)
        return QSortFilterProxyModel::lessThan(left, right);
    const int column = left.column();
    const int order = compareRaw(JobTableCells::raw(m_jobModel->snapshot(left.row()), column),
                                 JobTableCells::raw(m_jobModel->snapshot(right.row()), column));
    if (order != 0)
        return order < 0;
    // Ties keep queue order whichever way the view sorts: sorting descending asks
    // lessThan(right, left).
    return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
}

int JobFilterProxyModel::sourceRowForDrop(int row) const {
    const int shown = rowCount();
    if (row >= 0 && row < shown)
        return mapToSource(index(row, 0)).row();
    if (shown == 0)
        return -1;
    // Past the last row shown: just after its job, not the end of the whole queue.
    return mapToSource(index(shown - 1, 0)).row() + 1;
}

bool JobFilterProxyModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                          int column, const QModelIndex &parent) const {
    if (!m_jobModel || !isQueueOrder())
        return false;
    const QModelIndex sourceParent = mapToSource(parent);
    return m_jobModel->canDropMimeData(data, action, parent.isValid() ? -1 : sourceRowForDrop(row),
                                       column, sourceParent);
}

bool JobFilterProxyModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                       int column, const QModelIndex &parent) {
    if (!m_jobModel || !isQueueOrder())
        return false;
    const QModelIndex sourceParent = mapToSource(parent);
    return m_jobModel->dropMimeData(data, action, parent.isValid() ? -1 : sourceRowForDrop(row),
                                    column, sourceParent);
}
