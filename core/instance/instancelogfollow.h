#pragma once

#include "job/jobtypes.h"

#include <QJsonValue>
#include <QObject>
#include <QStringList>

#include <optional>

class InstanceConnection;
class JobQueue;
class QueuePersister;

// Serves "log" with "follow": first an event with the job's kept lines, then
// an event for each batch the job logs (JobQueue::jobLogged), and, when the job
// is finished, the final reply {"ok":true, "state", "error"}; a job removed
// meanwhile ends it with the error "job N was removed". Every line is sent
// once and in order: new lines are listened for before the old ones are asked
// for, and held back until those have been sent.
//
// Ownership: a child of the connection, so a client that leaves ends it; deletes
// itself after its final reply. Thread: the queue's.
class InstanceLogFollow : public QObject {
    Q_OBJECT
public:
    // persister may be null: the old lines then come from JobQueue::logTail.
    InstanceLogFollow(JobQueue *queue, QueuePersister *persister, InstanceConnection *connection,
                      QJsonValue requestId, JobId job);

    // Sends up to maxLines old lines (see QueuePersister::readLog), then follows.
    void start(int maxLines);

private:
    void sendOldLines(const QStringList &lines);
    void sendLines(const QStringList &lines);
    void finish();

    JobQueue *m_queue;
    QueuePersister *m_persister;
    InstanceConnection *m_connection;
    QJsonValue m_requestId;
    JobId m_job;
    bool m_oldLinesSent = false;
    QStringList m_heldBack; // logged before the old lines were sent
    std::optional<JobState> m_finishedIn;
    bool m_removed = false;
};
