#include "instance/storesettings.h"

#include <QSettings>

namespace {
const QString recoveryKey = QStringLiteral("store/recovery");
const QString historyDaysKey = QStringLiteral("store/history-days");
const QString stopSecondsKey = QStringLiteral("store/stop-seconds");
const QString resumeSafe = QStringLiteral("resume-safe");
const QString resumeNothing = QStringLiteral("resume-nothing");
} // namespace

RecoveryPolicy StoreSettings::recoveryPolicy(const QSettings &settings) {
    return settings.value(recoveryKey).toString() == resumeNothing
               ? RecoveryPolicy::ResumeNothing
               : RecoveryPolicy::ResumeSafeKinds;
}

void StoreSettings::setRecoveryPolicy(QSettings &settings, RecoveryPolicy policy) {
    settings.setValue(recoveryKey,
                      policy == RecoveryPolicy::ResumeNothing ? resumeNothing : resumeSafe);
}

int StoreSettings::historyDays(const QSettings &settings) {
    bool ok = false;
    const int days = settings.value(historyDaysKey).toInt(&ok);
    return ok && days >= 0 ? days : defaultHistoryDays;
}

void StoreSettings::setHistoryDays(QSettings &settings, int days) {
    settings.setValue(historyDaysKey, days >= 0 ? days : defaultHistoryDays);
}

int StoreSettings::stopSeconds(const QSettings &settings) {
    bool ok = false;
    const int seconds = settings.value(stopSecondsKey).toInt(&ok);
    return ok && seconds >= 1 ? seconds : defaultStopSeconds;
}
