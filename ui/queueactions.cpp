#include "queueactions.h"

#include "engine/jobqueue.h"
#include "icons.h"

#include <QAction>
#include <QKeySequence>

namespace {

// Enabled states may lag a burst of changes by this much; nobody clicks faster.
constexpr int updateDelayMs = 100;

} // namespace

QueueActions::QueueActions(JobQueue *queue, QObject *parent)
    : QObject(parent)
    , m_queue(queue) {
    for (int c = 0; c < CommandCount; ++c)
        m_actions[c] = makeAction(Command(c));

    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(updateDelayMs);
    connect(&m_updateTimer, &QTimer::timeout, this, &QueueActions::updateEnabled);
    connect(queue, &JobQueue::jobsAdded, this, &QueueActions::scheduleUpdate);
    connect(queue, &JobQueue::jobsRemoved, this, &QueueActions::scheduleUpdate);
    connect(queue, &JobQueue::jobStateChanged, this, &QueueActions::scheduleUpdate);
    connect(queue, &JobQueue::idleChanged, this, &QueueActions::scheduleUpdate);
    connect(queue, &JobQueue::drainingChanged, this, &QueueActions::updateEnabled);
    updateEnabled();
}

QAction *QueueActions::makeAction(Command command) {
    auto *action = new QAction(this);
    switch (command) {
    case PauseAll:
        action->setText(tr("&Pause All"));
        action->setIcon(Icons::action(Icons::Action::Pause));
        action->setShortcut(QKeySequence(tr("Ctrl+Alt+P")));
        action->setToolTip(tr("Pause every running job and hold back every queued one"));
        connect(action, &QAction::triggered, m_queue, &JobQueue::pauseAll);
        break;
    case ResumeAll:
        action->setText(tr("&Resume All"));
        action->setIcon(Icons::action(Icons::Action::Resume));
        action->setShortcut(QKeySequence(tr("Ctrl+Alt+R")));
        action->setToolTip(tr("Resume every paused job and start queued jobs again"));
        connect(action, &QAction::triggered, m_queue, &JobQueue::resumeAll);
        break;
    case Drain:
        action->setText(tr("&Drain"));
        action->setIcon(Icons::action(Icons::Action::Drain));
        action->setToolTip(
            tr("Let running jobs finish but start no new ones (checked while draining; uncheck "
               "to start jobs again)"));
        // Checked while the queue drains, whoever began it (the shell's `drain` too).
        action->setCheckable(true);
        connect(action, &QAction::triggered, this, [this](bool drain) {
            if (drain)
                m_queue->drain();
            else
                m_queue->stopDraining();
        });
        break;
    case ClearFinished:
        action->setText(tr("&Clear Finished"));
        action->setIcon(Icons::action(Icons::Action::ClearFinished));
        action->setShortcut(QKeySequence(tr("Ctrl+Shift+Del")));
        action->setToolTip(tr("Remove succeeded and canceled jobs from the list"));
        connect(action, &QAction::triggered, this, &QueueActions::clearFinished);
        break;
    case CommandCount:
        break;
    }
    action->setStatusTip(action->toolTip());
    // Each command changes the counts at once; do not wait for the timer.
    connect(action, &QAction::triggered, this, &QueueActions::updateEnabled);
    return action;
}

void QueueActions::scheduleUpdate() {
    if (!m_updateTimer.isActive())
        m_updateTimer.start();
}

void QueueActions::clearFinished() {
    QList<JobSnapshot> finished;
    const QList<JobId> order = m_queue->order();
    for (JobId id : order) {
        std::optional<JobSnapshot> job = m_queue->job(id);
        if (job && (job->state == JobState::Succeeded || job->state == JobState::Canceled))
            finished.append(std::move(*job));
    }
    Q_EMIT aboutToClearFinished(finished);
    m_queue->clearFinished();
}

void QueueActions::updateEnabled() {
    m_updateTimer.stop();
    const auto count = [this](JobState state) { return m_queue->countIn(state); };
    const int waiting = count(JobState::Queued) + count(JobState::Waiting);
    const int running = count(JobState::Running);
    const int paused = count(JobState::Paused);
    const bool draining = m_queue->isDraining();

    m_actions[PauseAll]->setEnabled(waiting + running > 0);
    m_actions[ResumeAll]->setEnabled(paused > 0 || draining);
    m_actions[Drain]->setEnabled(draining || waiting + running > 0);
    m_actions[Drain]->setChecked(draining);
    m_actions[ClearFinished]->setEnabled(count(JobState::Succeeded) + count(JobState::Canceled) >
                                         0);
}
