#pragma once

#include <QObject>
#include <QString>

class JobQueue;
class QueuePersister;

// A clean stop of an instance (the window's quit, the headless instance's
// SIGTERM): running jobs are interrupted (JobQueue::interruptRunning; a job
// already being canceled still ends canceled), and once none runs any more the
// persister writes what is pending; then stopped() fires. Paused jobs do not
// hold the stop up: they stay paused on disk. A job that has not stopped
// within giveUpAfterMs is recorded Interrupted as it is
// (JobQueue::abandonRunning); then the caller must exit the process without
// destroying the queue (abandonedCount() > 0), which ends what still runs.
//
// Thread: the queue's. Does not own the queue or the persister.
class QueueStopper : public QObject {
    Q_OBJECT
public:
    static constexpr int defaultGiveUpAfterMs = 10000;

    QueueStopper(JobQueue *queue, QueuePersister *persister, QObject *parent = nullptr,
                 int giveUpAfterMs = defaultGiveUpAfterMs);

    // Starts the stop; a second call does nothing. stopped() follows, from the
    // event loop (never from inside this call).
    void stop();

    // Jobs this stop interrupted (abandoned ones included).
    int interruptedCount() const { return m_interrupted; }
    // Jobs that did not stop in time and still run.
    int abandonedCount() const { return m_abandoned; }
    int giveUpAfterMs() const { return m_giveUpAfterMs; }
    // Why the last write failed; empty when all is on disk.
    QString error() const { return m_error; }

Q_SIGNALS:
    // exitCode: 0 when the queue is on disk, 1 when the last write failed (error()).
    void stopped(int exitCode);

private:
    void finishWhenNothingRuns();

    void giveUp();

    JobQueue *m_queue;
    QueuePersister *m_persister;
    int m_giveUpAfterMs;
    int m_abandoned = 0;
    bool m_gaveUp = false;
    bool m_givingUp = false;
    bool m_stopping = false;
    bool m_finished = false;
    int m_interrupted = 0;
    QString m_error;
};
