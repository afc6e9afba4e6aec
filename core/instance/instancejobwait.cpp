#include "instance/instancejobwait.h"

#include "engine/jobqueue.h"
#include "instance/instanceconnection.h"
#include "instance/instanceprotocol.h"
#include "instance/jobjson.h"

#include <QJsonArray>

InstanceJobWait::InstanceJobWait(JobQueue *queue, InstanceConnection *connection,
                                 QJsonValue requestId, QList<JobId> jobs)
    : QObject(connection)
    , m_queue(queue)
    , m_connection(connection)
    , m_requestId(std::move(requestId))
    , m_jobs(std::move(jobs))
    , m_asked(m_jobs.cbegin(), m_jobs.cend()) {}

void InstanceJobWait::start() {
    connect(m_queue, &JobQueue::jobStateChanged, this, [this](JobId id, JobState state) {
        if (!isFinished(state) || m_finished.contains(id) || !m_asked.contains(id))
            return;
        m_finished.insert(id, *m_queue->job(id));
        finishIfDone();
    });
    connect(m_queue, &JobQueue::jobsRemoved, this, [this](const QList<JobId> &ids) {
        for (JobId id : ids) {
            if (m_asked.contains(id) && !m_finished.contains(id)) {
                m_connection->fail(m_requestId, QStringLiteral("job %1 was removed").arg(id));
                end();
                return;
            }
        }
    });
    for (JobId id : std::as_const(m_asked)) {
        const auto job = m_queue->job(id);
        if (job && isFinished(job->state))
            m_finished.insert(id, *job);
    }
    finishIfDone();
}

void InstanceJobWait::finishIfDone() {
    if (m_finished.size() < m_asked.size())
        return;
    QJsonArray jobs;
    for (JobId id : std::as_const(m_jobs))
        jobs.append(JobJson::toJson(m_finished.value(id)));
    m_connection->reply(m_requestId, {{InstanceProtocol::Field::jobs, jobs}});
    end();
}

void InstanceJobWait::end() {
    if (m_ended)
        return;
    m_ended = true;
    disconnect(m_queue, nullptr, this, nullptr);
    deleteLater();
}
