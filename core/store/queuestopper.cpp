#include "store/queuestopper.h"

#include "engine/jobqueue.h"
#include "store/queuepersister.h"

#include <QTimer>

QueueStopper::QueueStopper(JobQueue *queue, QueuePersister *persister, QObject *parent,
                           int giveUpAfterMs)
    : QObject(parent)
    , m_queue(queue)
    , m_persister(persister)
    , m_giveUpAfterMs(giveUpAfterMs) {}

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
    // A job that does not stop (a command ignoring SIGTERM with a long grace,
    // a read stuck in the kernel) must not hold the stop for ever.
    QTimer::singleShot(m_giveUpAfterMs, this, &QueueStopper::giveUp);
    // Queued: stopped() never fires inside stop(), even when nothing runs.
    QMetaObject::invokeMethod(
        this, [this] { finishWhenNothingRuns(); }, Qt::QueuedConnection);
}

void QueueStopper::giveUp() {
    if (m_finished)
        return;
    // abandonRunning() emits jobStateChanged, whose handler would finish the
    // stop before the count below is known: hold it until then.
    m_givingUp = true;
    m_abandoned = m_queue->abandonRunning();
    m_givingUp = false;
    // Whatever still shows as running now (an end the store never confirmed)
    // waits no more either: the last flush says what could be written.
    m_gaveUp = true;
    finishWhenNothingRuns();
}

void QueueStopper::finishWhenNothingRuns() {
    if (m_finished || m_givingUp || (!m_gaveUp && m_queue->countIn(JobState::Running) > 0))
        return;
    m_finished = true;
    if (m_persister) {
        if (const Status written = m_persister->flush(); !written)
            m_error = written.error();
    }
    Q_EMIT stopped(m_error.isEmpty() ? 0 : 1);
}
