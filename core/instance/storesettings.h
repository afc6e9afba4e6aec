#pragma once

#include "job/storedjob.h"

class QSettings;

// The store's two preferences, kept in the same QSettings as the window's
// (so the settings dialog and `taskdeck --headless` agree):
//   "store/recovery"      "resume-safe" (default): RecoveryPolicy::ResumeSafeKinds,
//                         "resume-nothing": RecoveryPolicy::ResumeNothing;
//                         anything else reads as the default
//   "store/history-days"  finished jobs older than this many days are pruned
//                         at start-up; 0 keeps them forever; default 30
//                         (also for a negative or unreadable value)
//   "store/stop-seconds"  how long a clean stop waits for running jobs before
//                         it records those still running as interrupted and
//                         exits; default 10 (also for a value below 1)
// Plain functions on the QSettings the caller passes; the caller's thread.
class StoreSettings {
public:
    static constexpr int defaultHistoryDays = 30;

    static RecoveryPolicy recoveryPolicy(const QSettings &settings);
    static void setRecoveryPolicy(QSettings &settings, RecoveryPolicy policy);

    static int historyDays(const QSettings &settings);
    // days >= 0; a negative value is stored as the default.
    static void setHistoryDays(QSettings &settings, int days);

    static constexpr int defaultStopSeconds = 10;
    static int stopSeconds(const QSettings &settings);
};
