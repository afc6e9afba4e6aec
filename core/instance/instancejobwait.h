#pragma once

#include "job/jobsnapshot.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QSet>

class InstanceConnection;
class JobQueue;

// Serves "wait": the final reply {"ok":true, "jobs":[job objects]} once every
// job is finished (those finished already count at once), each as it was when
// it finished; a job removed before it finished ends the wait with the error
// "job N was removed".
//
// Ownership: a child of the connection, so a client that leaves ends it; deletes
// itself after its reply. Thread: the queue's.
class InstanceJobWait : public QObject {
    Q_OBJECT
public:
    // Every id must name an existing job.
    InstanceJobWait(JobQueue *queue, InstanceConnection *connection, QJsonValue requestId,
                    QList<JobId> jobs);

    void start();

private:
    void finishIfDone();
    void end();

    JobQueue *m_queue;
    InstanceConnection *m_connection;
    QJsonValue m_requestId;
    QList<JobId> m_jobs; // as asked, duplicates included
    QSet<JobId> m_asked;
    QHash<JobId, JobSnapshot> m_finished; // each job as it finished
    bool m_ended = false;
};
