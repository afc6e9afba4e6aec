#include "instance/queuesettings.h"

#include "engine/jobqueue.h"

#include <QSettings>
#include <QStringList>
#include <QThread>

#include <algorithm>

namespace {

const QString maxParallelJobsKey = QStringLiteral("queue/maxParallelJobs");
const QString groupLimitsKey = QStringLiteral("queue/groupLimits");
const QString groupNameKey = QStringLiteral("name");
const QString groupLimitKey = QStringLiteral("limit");

int clampedJobs(int jobs) {
    return std::clamp(jobs, QueueSettings::minParallelJobs, QueueSettings::maxParallelJobsLimit);
}

QHash<QString, int> cleaned(const QHash<QString, int> &limits) {
    QHash<QString, int> result;
    for (auto it = limits.cbegin(); it != limits.cend(); ++it) {
        const QString name = it.key().trimmed();
        if (!name.isEmpty() && it.value() >= 1)
            result.insert(name, it.value());
    }
    return result;
}

} // namespace

QueueSettings::QueueSettings(QSettings *settings)
    : m_settings(settings) {
    Q_ASSERT(settings);
}

int QueueSettings::defaultMaxParallelJobs() {
    return clampedJobs(QThread::idealThreadCount());
}

int QueueSettings::maxParallelJobs() const {
    bool ok = false;
    const int jobs = m_settings->value(maxParallelJobsKey).toInt(&ok);
    return ok ? clampedJobs(jobs) : defaultMaxParallelJobs();
}

bool QueueSettings::setMaxParallelJobs(int jobs) {
    jobs = clampedJobs(jobs);
    if (jobs == maxParallelJobs())
        return false;
    m_settings->setValue(maxParallelJobsKey, jobs);
    return true;
}

QHash<QString, int> QueueSettings::groupLimits() const {
    QHash<QString, int> limits;
    const int size = m_settings->beginReadArray(groupLimitsKey);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        limits.insert(m_settings->value(groupNameKey).toString(),
                      m_settings->value(groupLimitKey).toInt());
    }
    m_settings->endArray();
    return cleaned(limits);
}

bool QueueSettings::setGroupLimits(const QHash<QString, int> &limits) {
    const QHash<QString, int> clean = cleaned(limits);
    if (clean == groupLimits())
        return false;
    // Sorted, so the file reads the same however the hash iterates.
    QStringList names = clean.keys();
    names.sort(Qt::CaseInsensitive);
    m_settings->remove(groupLimitsKey);
    m_settings->beginWriteArray(groupLimitsKey, int(names.size()));
    for (int i = 0; i < names.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(groupNameKey, names.at(i));
        m_settings->setValue(groupLimitKey, clean.value(names.at(i)));
    }
    m_settings->endArray();
    return true;
}

void QueueSettings::applyTo(JobQueue &queue) {
    queue.setMaxRunning(maxParallelJobs());
    const QHash<QString, int> limits = groupLimits();
    for (const QString &group : std::as_const(m_appliedGroups)) {
        if (!limits.contains(group))
            queue.setGroupLimit(group, 0);
    }
    m_appliedGroups.clear();
    for (auto it = limits.cbegin(); it != limits.cend(); ++it) {
        if (queue.groupLimit(it.key()) != it.value())
            queue.setGroupLimit(it.key(), it.value());
        m_appliedGroups.insert(it.key());
    }
}
