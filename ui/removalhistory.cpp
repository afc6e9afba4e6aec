#include "removalhistory.h"

#include "engine/jobqueue.h"
#include "removalprompt.h"

#include <QAction>
#include <QKeySequence>
#include <QLocale>

RemovalHistory::RemovalHistory(JobQueue *queue, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_undo(new QAction(this)) {
    m_undo->setShortcut(QKeySequence::Undo);
    connect(m_undo, &QAction::triggered, this, &RemovalHistory::undo);
    updateAction();
}

void RemovalHistory::record(const QList<JobSnapshot> &jobs, const QString &what) {
    Removal removal{what, {}};
    for (const JobSnapshot &cached : jobs) {
        // As the queue has it now: a view's cached copy may be a moment old
        // (a job shown queued may have run and finished since).
        const std::optional<JobSnapshot> job = m_queue->job(cached.id);
        if (job && !RemovalPrompt::hasStarted(*job) && !job->ending)
            removal.jobs.append({*job, m_queue->logTail(job->id)});
    }
    if (removal.jobs.isEmpty())
        return;
    m_removals.push_back(std::move(removal));
    while (int(m_removals.size()) > maxRemovals)
        m_removals.pop_front();
    updateAction();
}

void RemovalHistory::undo() {
    if (m_removals.empty())
        return;
    const Removal removal = std::move(m_removals.back());
    m_removals.pop_back();
    updateAction();
    const Expected<QList<JobId>> back = m_queue->reinstate(removal.jobs);
    if (!back) {
        Q_EMIT undoRefused(tr("Cannot undo “%1”: %2").arg(removal.what, back.error()));
        return;
    }
    Q_EMIT undone(*back);
}

void RemovalHistory::updateAction() {
    if (m_removals.empty()) {
        m_undo->setText(tr("&Undo"));
        m_undo->setStatusTip(tr("Nothing to undo"));
        m_undo->setEnabled(false);
        return;
    }
    const Removal &last = m_removals.back();
    const int count = int(last.jobs.size());
    m_undo->setText(count == 1
                        ? tr("&Undo %1 “%2”").arg(last.what, last.jobs.first().job.spec.title)
                        : tr("&Undo %1 (%2 Jobs)").arg(last.what, QLocale().toString(count)));
    m_undo->setStatusTip(tr("Bring back the jobs of the last removal, where they were"));
    m_undo->setEnabled(true);
}
