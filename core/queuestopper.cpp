#include "queuestopper.h"

#include "jobqueue.h"
#include "queuepersister.h"

QueueStopper::QueueStopper(JobQueue *queue, QueuePersister *persister, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_persister(persister) {}

void QueueStopper::stop() {
    if (m_stopping)
        return;
    m_stopping = true;
    connect(m_queue, &JobQueue::jobStateChanged, this, [this](JobId, JobState state) {
        if (state == JobState::Interrupted)
            ++m_interrupted;
        finishWhenNothingRuns();
    });
    connect(m_queue, &JobQueue::idleChanged, this, [this] { finishWhenNothingRuns(); });
    m_queue->interruptRunning();
    // Queued: stopped() never fires inside stop(), even when nothing runs.
    QMetaObject::invokeMethod(
        this, [this] { finishWhenNothingRuns(); }, Qt::QueuedConnection);
}

void QueueStopper::finishWhenNothingRuns() {
    if (m_finished || m_queue->countIn(JobState::Running) > 0)
        return;
    m_finished = true;
    if (m_persister) {
        if (const Status written = m_persister->flush(); !written)
            m_error = written.error();
    }
    Q_EMIT stopped(m_error.isEmpty() ? 0 : 1);
}
