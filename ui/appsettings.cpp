#include "appsettings.h"

#include "jobqueue.h"

#include "storesettings.h"
#include <QMetaEnum>

#include <QSettings>
#include <QThread>

#include <algorithm>

namespace {

const QString maxParallelJobsKey = QStringLiteral("queue/maxParallelJobs");
const QString groupLimitsKey = QStringLiteral("queue/groupLimits");
const QString groupNameKey = QStringLiteral("name");
const QString groupLimitKey = QStringLiteral("limit");
const QString notifyOnFailureKey = QStringLiteral("notifications/onFailure");
const QString notifyWhenQueueEmptyKey = QStringLiteral("notifications/whenQueueEmpty");
const QString closeBehaviorKey = QStringLiteral("window/closeBehavior");
const QString confirmRemovalKey = QStringLiteral("window/confirmRemoval");
const QString stateGroup = QStringLiteral("state/");

int clampedJobs(int jobs) {
    return std::clamp(jobs, AppSettings::minParallelJobs, AppSettings::maxParallelJobsLimit);
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

// Stored by name rather than number so an edited or reordered enum cannot turn
// a remembered "Ask" into something else.
QString behaviorName(AppSettings::CloseBehavior behavior) {
    return QString::fromLatin1(
        QMetaEnum::fromType<AppSettings::CloseBehavior>().valueToKey(int(behavior)));
}

} // namespace

AppSettings::AppSettings(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings) {
    Q_ASSERT(settings);
}

int AppSettings::defaultMaxParallelJobs() {
    return clampedJobs(QThread::idealThreadCount());
}

int AppSettings::maxParallelJobs() const {
    bool ok = false;
    const int jobs = m_settings->value(maxParallelJobsKey).toInt(&ok);
    return ok ? clampedJobs(jobs) : defaultMaxParallelJobs();
}

void AppSettings::setMaxParallelJobs(int jobs) {
    jobs = clampedJobs(jobs);
    if (jobs != maxParallelJobs())
        write(maxParallelJobsKey, jobs);
}

QHash<QString, int> AppSettings::groupLimits() const {
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

void AppSettings::setGroupLimits(const QHash<QString, int> &limits) {
    const QHash<QString, int> clean = cleaned(limits);
    if (clean == groupLimits())
        return;
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
    Q_EMIT changed();
}

bool AppSettings::notifyOnFailure() const {
    return m_settings->value(notifyOnFailureKey, true).toBool();
}

void AppSettings::setNotifyOnFailure(bool notify) {
    if (notify != notifyOnFailure())
        write(notifyOnFailureKey, notify);
}

bool AppSettings::notifyWhenQueueEmpty() const {
    return m_settings->value(notifyWhenQueueEmptyKey, true).toBool();
}

void AppSettings::setNotifyWhenQueueEmpty(bool notify) {
    if (notify != notifyWhenQueueEmpty())
        write(notifyWhenQueueEmptyKey, notify);
}

bool AppSettings::confirmRemoval() const {
    return m_settings->value(confirmRemovalKey, true).toBool();
}

void AppSettings::setConfirmRemoval(bool confirm) {
    if (confirm != confirmRemoval())
        write(confirmRemovalKey, confirm);
}

AppSettings::CloseBehavior AppSettings::closeBehavior() const {
    const QByteArray name = m_settings->value(closeBehaviorKey).toString().toLatin1();
    bool ok = false;
    const int value = QMetaEnum::fromType<CloseBehavior>().keyToValue(name.constData(), &ok);
    return ok ? CloseBehavior(value) : CloseBehavior::Ask;
}

void AppSettings::setCloseBehavior(CloseBehavior behavior) {
    if (behavior != closeBehavior())
        write(closeBehaviorKey, behaviorName(behavior));
}

RecoveryPolicy AppSettings::recoveryPolicy() const {
    return StoreSettings::recoveryPolicy(*m_settings);
}

void AppSettings::setRecoveryPolicy(RecoveryPolicy policy) {
    if (policy == recoveryPolicy())
        return;
    StoreSettings::setRecoveryPolicy(*m_settings, policy);
    Q_EMIT changed();
}

int AppSettings::historyDays() const {
    return StoreSettings::historyDays(*m_settings);
}

void AppSettings::setHistoryDays(int days) {
    if (days == historyDays())
        return;
    StoreSettings::setHistoryDays(*m_settings, days);
    Q_EMIT changed();
}

QByteArray AppSettings::state(const QString &key) const {
    return m_settings->value(stateGroup + key).toByteArray();
}

void AppSettings::setState(const QString &key, const QByteArray &value) {
    m_settings->setValue(stateGroup + key, value);
}

void AppSettings::applyTo(JobQueue &queue) {
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

void AppSettings::write(const QString &key, const QVariant &value) {
    m_settings->setValue(key, value);
    Q_EMIT changed();
}
