#include "appsettings.h"

#include "instance/storesettings.h"

#include <QMetaEnum>
#include <QSettings>

namespace {

const QString notifyOnFailureKey = QStringLiteral("notifications/onFailure");
const QString notifyWhenQueueEmptyKey = QStringLiteral("notifications/whenQueueEmpty");
const QString closeBehaviorKey = QStringLiteral("window/closeBehavior");
const QString confirmRemovalKey = QStringLiteral("window/confirmRemoval");
const QString stateGroup = QStringLiteral("state/");

// Stored by name rather than number so an edited or reordered enum cannot turn
// a remembered "Ask" into something else.
QString behaviorName(AppSettings::CloseBehavior behavior) {
    return QString::fromLatin1(
        QMetaEnum::fromType<AppSettings::CloseBehavior>().valueToKey(int(behavior)));
}

} // namespace

AppSettings::AppSettings(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_queueSettings(settings) {
    Q_ASSERT(settings);
}

int AppSettings::defaultMaxParallelJobs() {
    return QueueSettings::defaultMaxParallelJobs();
}

int AppSettings::maxParallelJobs() const {
    return m_queueSettings.maxParallelJobs();
}

void AppSettings::setMaxParallelJobs(int jobs) {
    if (m_queueSettings.setMaxParallelJobs(jobs))
        Q_EMIT changed();
}

QHash<QString, int> AppSettings::groupLimits() const {
    return m_queueSettings.groupLimits();
}

void AppSettings::setGroupLimits(const QHash<QString, int> &limits) {
    if (m_queueSettings.setGroupLimits(limits))
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
    m_queueSettings.applyTo(queue);
}

void AppSettings::write(const QString &key, const QVariant &value) {
    m_settings->setValue(key, value);
    Q_EMIT changed();
}
