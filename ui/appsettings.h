#pragma once

#include "instance/queuesettings.h"
#include "job/storedjob.h"
#include <QByteArray>
#include <QHash>

#include <QObject>
#include <QSet>
#include <QString>

class JobQueue;
class QSettings;

// Typed access to Taskdeck's persisted preferences, stored in a QSettings the
// caller passes (the application's own, or an ini file in a temp dir for tests).
//
// Defaults (what a missing or unreadable value reads as):
//   maxParallelJobs       QThread::idealThreadCount(), clamped to 1..64 — the
//                         same figure JobQueue starts with, so a fresh install
//                         behaves as before settings existed
//   groupLimits           none
//   notifyOnFailure       true
//   notifyWhenQueueEmpty  true
//   closeBehavior         Ask
//   confirmRemoval        true: removing several jobs, or a running one, asks first
//   recoveryPolicy        ResumeSafeKinds   } read at start-up (also by
//   historyDays           30                } `taskdeck --headless`): StoreSettings
//
// changed() fires once after each setter that really changed a preference (not
// for setState(): window geometry is the window's business, not a preference).
// Setters write through to the QSettings at once; QSettings saves to disk lazily
// (call QSettings::sync() to force it).
//
// Ownership and thread: does not own the QSettings, which must outlive this
// object. GUI thread (like the queue it configures).
class AppSettings : public QObject {
    Q_OBJECT
public:
    // What closing the window does while jobs run or wait (see ClosePrompt).
    enum class CloseBehavior { Ask, KeepRunningInTray, PauseAndQuit, CancelAndQuit };
    Q_ENUM(CloseBehavior)

    static constexpr int minParallelJobs = QueueSettings::minParallelJobs;
    static constexpr int maxParallelJobsLimit = QueueSettings::maxParallelJobsLimit;

    explicit AppSettings(QSettings *settings, QObject *parent = nullptr);

    QSettings *settings() const { return m_settings; }

    static int defaultMaxParallelJobs();
    int maxParallelJobs() const;
    void setMaxParallelJobs(int jobs); // clamped to 1..64

    // Group name -> at most this many of the group's jobs run at once (>= 1).
    // Entries with an empty name or a limit < 1 are dropped when set or read.
    QHash<QString, int> groupLimits() const;
    void setGroupLimits(const QHash<QString, int> &limits);

    bool notifyOnFailure() const;
    void setNotifyOnFailure(bool notify);
    bool notifyWhenQueueEmpty() const;
    void setNotifyWhenQueueEmpty(bool notify);
    // Whether the window asks before removing several jobs or a running one
    // (RemovalPrompt); its "Don't ask again" turns this off.
    bool confirmRemoval() const;
    void setConfirmRemoval(bool confirm);

    CloseBehavior closeBehavior() const;
    void setCloseBehavior(CloseBehavior behavior);

    // What a restart does with jobs that were running; and after how many days
    // finished jobs leave the history (0: never). Take effect at the next start.
    RecoveryPolicy recoveryPolicy() const;
    void setRecoveryPolicy(RecoveryPolicy policy);
    int historyDays() const;
    void setHistoryDays(int days);

    // Opaque window state the caller keeps between runs (saveGeometry(),
    // saveState(), a header's saveState()), by a key of its choosing such as
    // "geometry". Empty when never stored. Does not emit changed().
    QByteArray state(const QString &key) const;
    void setState(const QString &key, const QByteArray &value);

    // Sets the queue's maximum of running jobs and its group limits from these
    // settings (QueueSettings::applyTo()); call it on the same queue each time
    // (e.g. on changed()).
    void applyTo(JobQueue &queue);

Q_SIGNALS:
    void changed();

private:
    void write(const QString &key, const QVariant &value);

    QSettings *m_settings;
    QueueSettings m_queueSettings; // the part `taskdeck --headless` reads too
};
