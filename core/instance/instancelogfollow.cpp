#include "instance/instancelogfollow.h"

#include "engine/jobqueue.h"
#include "instance/instanceconnection.h"
#include "instance/instanceprotocol.h"
#include "store/queuepersister.h"

#include <QJsonArray>

InstanceLogFollow::InstanceLogFollow(JobQueue *queue, QueuePersister *persister,
                                     InstanceConnection *connection, QJsonValue requestId,
                                     JobId job)
    : QObject(connection)
    , m_queue(queue)
    , m_persister(persister)
    , m_connection(connection)
    , m_requestId(std::move(requestId))
    , m_job(job) {}

void InstanceLogFollow::start(int maxLines) {
    connect(m_queue, &JobQueue::jobLogged, this, [this](JobId id, const QStringList &lines) {
        if (id != m_job)
            return;
        if (m_oldLinesSent)
            sendLines(lines);
        else
            m_heldBack += lines;
    });
    connect(m_queue, &JobQueue::jobStateChanged, this, [this](JobId id, JobState state) {
        if (id != m_job || !isFinished(state) || m_finishedIn)
            return;
        m_finishedIn = state;
        if (m_oldLinesSent)
            finish();
    });
    connect(m_queue, &JobQueue::jobsRemoved, this, [this](const QList<JobId> &ids) {
        if (!ids.contains(m_job))
            return;
        m_removed = true;
        if (m_oldLinesSent)
            finish();
    });

    const JobState now = m_queue->job(m_job)->state;
    if (isFinished(now))
        m_finishedIn = now;
    if (!m_persister) {
        sendOldLines(m_queue->logTail(m_job, maxLines));
        return;
    }
    m_persister->readLog(m_job, maxLines, this,
                         [this](const QStringList &lines) { sendOldLines(lines); });
}

void InstanceLogFollow::sendOldLines(const QStringList &lines) {
    sendLines(lines);
    m_oldLinesSent = true;
    if (!m_heldBack.isEmpty())
        sendLines(std::exchange(m_heldBack, {}));
    if (m_finishedIn || m_removed)
        finish();
}

void InstanceLogFollow::sendLines(const QStringList &lines) {
    m_connection->sendEvent(m_requestId, InstanceProtocol::Event::log,
                            {{InstanceProtocol::Field::lines, QJsonArray::fromStringList(lines)}});
}

void InstanceLogFollow::finish() {
    // Finished first, then removed: the job ended; its end is what was asked for.
    const auto job = m_queue->job(m_job);
    if (m_finishedIn) {
        m_connection->reply(
            m_requestId, {{InstanceProtocol::Field::state, jobStateName(*m_finishedIn)},
                          {InstanceProtocol::Field::error, job ? job->result.error : QString()}});
    } else {
        m_connection->fail(m_requestId, QStringLiteral("job %1 was removed").arg(m_job));
    }
    disconnect(m_queue, nullptr, this, nullptr);
    deleteLater();
}
