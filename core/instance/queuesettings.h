#pragma once

#include <QHash>
#include <QSet>
#include <QString>

class JobQueue;
class QSettings;

// The queue's preferences, kept in the same QSettings as the window's, so the
// settings dialog and `taskdeck --headless` agree:
//   "queue/maxParallelJobs"  at most this many jobs run at once, 1..64; default
//                            QThread::idealThreadCount() clamped to that range
//                            (also for an unreadable value)
//   "queue/groupLimits"      an array of {name, limit}: at most limit of the
//                            group's jobs run at once; entries with an empty
//                            name or a limit < 1 are dropped when set or read
// Does not own the QSettings, which must outlive it. The caller's thread (the
// queue's, for applyTo()).
class QueueSettings {
public:
    static constexpr int minParallelJobs = 1;
    static constexpr int maxParallelJobsLimit = 64;

    explicit QueueSettings(QSettings *settings);

    static int defaultMaxParallelJobs();
    int maxParallelJobs() const;
    // Clamped to 1..64. Returns whether the stored value changed.
    bool setMaxParallelJobs(int jobs);

    QHash<QString, int> groupLimits() const;
    // Returns whether the stored limits changed.
    bool setGroupLimits(const QHash<QString, int> &limits);

    // Sets the queue's maximum of running jobs and its group limits from these
    // settings. A group this object limited on an earlier call and that has no
    // limit any more gets its limit lifted (0), so call it on the same queue
    // each time the settings change.
    void applyTo(JobQueue &queue);

private:
    QSettings *m_settings;
    QSet<QString> m_appliedGroups; // groups applyTo() gave a limit
};
