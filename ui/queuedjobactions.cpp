#include "queuedjobactions.h"

#include "addjob/joblauncher.h"
#include "engine/jobqueue.h"

#include <QAction>
#include <QKeySequence>

QueuedJobActions::QueuedJobActions(JobQueue *queue, JobLauncher *launcher, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_launcher(launcher) {
    Q_ASSERT(queue && launcher);
    const auto make = [this](Command command, const QString &text, const QString &tip,
                             const QKeySequence &shortcut, const char *name) {
        auto *action = new QAction(text, this);
        action->setStatusTip(tip);
        action->setToolTip(tip);
        action->setShortcut(shortcut);
        action->setObjectName(QLatin1String(name));
        action->setEnabled(false);
        m_actions[command] = action;
        return action;
    };
    connect(make(Edit, tr("&Edit…"), tr("Change the settings of this job before it starts"),
                 QKeySequence(tr("Ctrl+E")), "editJobAction"),
            &QAction::triggered, this, [this] {
                if (m_job)
                    m_launcher->openEditDialog(*m_job);
            });
    connect(make(Duplicate, tr("D&uplicate"),
                 tr("Queue another job with every setting of this one"), QKeySequence(tr("Ctrl+D")),
                 "duplicateJobAction"),
            &QAction::triggered, this, &QueuedJobActions::duplicate);
}

QList<QAction *> QueuedJobActions::actions() const {
    return {std::begin(m_actions), std::end(m_actions)};
}

bool QueuedJobActions::canEdit(const JobSnapshot &job) {
    return !job.ending && !job.hasRunUnderWay() &&
           (job.state == JobState::Queued || job.state == JobState::Waiting ||
            job.state == JobState::Paused);
}

void QueuedJobActions::setJob(const std::optional<JobSnapshot> &job) {
    m_job = job;
    m_actions[Edit]->setEnabled(job && canEdit(*job));
    m_actions[Duplicate]->setEnabled(job && !job->ending && !isFinished(job->state));
}

void QueuedJobActions::duplicate() {
    if (!m_job)
        return;
    const Expected<JobId> added = m_queue->add(m_job->spec);
    if (!added) {
        Q_EMIT refused(tr("Could not duplicate job %1: %2").arg(m_job->id).arg(added.error()));
        return;
    }
    Q_EMIT jobAdded(added.value());
}
