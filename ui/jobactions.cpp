#include "jobactions.h"

#include "icons.h"
#include "jobqueue.h"

#include <QAction>
#include <QKeySequence>
#include <QLocale>

#include <algorithm>

namespace {

bool can(const JobSnapshot &job, JobCapability capability) {
    return (job.capabilities & capability) != 0;
}

} // namespace

JobActions::JobActions(JobQueue *queue, QObject *parent)
    : QObject(parent)
    , m_queue(queue) {
    for (int c = 0; c < CommandCount; ++c)
        m_actions[c] = makeAction(Command(c));
    setSelection({}, 0);
}

QAction *JobActions::makeAction(Command command) {
    auto *action = new QAction(this);
    switch (command) {
    case Pause:
        action->setText(tr("&Pause"));
        action->setIcon(Icons::action(Icons::Action::Pause));
        action->setShortcut(QKeySequence(tr("Ctrl+P")));
        action->setToolTip(tr("Pause the selected jobs"));
        break;
    case Resume:
        action->setText(tr("R&esume"));
        action->setIcon(Icons::action(Icons::Action::Resume));
        action->setShortcut(QKeySequence(tr("Ctrl+R")));
        action->setToolTip(tr("Resume the selected jobs"));
        break;
    case Cancel:
        action->setText(tr("&Cancel"));
        action->setIcon(Icons::action(Icons::Action::Cancel));
        action->setShortcut(QKeySequence(tr("Ctrl+Shift+X")));
        action->setToolTip(tr("Stop the selected jobs; they can be retried later"));
        break;
    case Retry:
        action->setText(tr("Re&try"));
        action->setIcon(Icons::action(Icons::Action::Retry));
        action->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
        action->setToolTip(tr("Queue the selected failed or canceled jobs again"));
        break;
    case Remove:
        action->setText(tr("Re&move"));
        action->setIcon(Icons::action(Icons::Action::Remove));
        action->setShortcut(QKeySequence::Delete);
        action->setToolTip(
            tr("Remove the selected jobs from the list (running ones are canceled)"));
        break;
    case MoveUp:
        action->setText(tr("Move &Up"));
        action->setIcon(Icons::action(Icons::Action::MoveUp));
        action->setShortcut(QKeySequence(tr("Ctrl+Shift+Up")));
        action->setToolTip(tr("Run the selected jobs earlier"));
        break;
    case MoveDown:
        action->setText(tr("Move &Down"));
        action->setIcon(Icons::action(Icons::Action::MoveDown));
        action->setShortcut(QKeySequence(tr("Ctrl+Shift+Down")));
        action->setToolTip(tr("Run the selected jobs later"));
        break;
    case CommandCount:
        break;
    }
    action->setStatusTip(action->toolTip());
    connect(action, &QAction::triggered, this, [this, command] { execute(command); });
    return action;
}

void JobActions::setSelection(const QList<JobSnapshot> &jobs, int jobCount) {
    m_selection = jobs;
    m_jobCount = jobCount;
    for (int c = 0; c < CommandCount; ++c) {
        const auto command = Command(c);
        const bool enabled = std::any_of(jobs.begin(), jobs.end(), [&](const JobSnapshot &job) {
            return applies(command, job, jobCount);
        });
        m_actions[c]->setEnabled(enabled);
    }
}

QList<JobId> JobActions::selectedIds() const {
    QList<JobId> ids;
    ids.reserve(m_selection.size());
    for (const JobSnapshot &job : m_selection)
        ids.append(job.id);
    return ids;
}

bool JobActions::applies(Command command, const JobSnapshot &job, int jobCount) {
    const JobState state = job.state;
    // A job that has started can only be stopped if its kind can stop.
    const bool active = state == JobState::Running || (state == JobState::Paused && job.started);
    switch (command) {
    case Pause:
        // A queued or waiting job is held back; a running one must be able to suspend.
        return state == JobState::Queued || state == JobState::Waiting ||
               (state == JobState::Running && can(job, Pausable));
    case Resume:
        return state == JobState::Paused;
    case Cancel:
        return !isFinished(state) && (!active || can(job, Cancelable));
    case Retry:
        return state == JobState::Failed || state == JobState::Canceled ||
               state == JobState::Interrupted;
    case Remove:
        return !active || can(job, Cancelable);
    case MoveUp:
        return !isFinished(state) && job.position > 0;
    case MoveDown:
        return !isFinished(state) && job.position < jobCount - 1;
    case CommandCount:
        break;
    }
    return false;
}

void JobActions::execute(Command command) {
    if (command == MoveUp || command == MoveDown) {
        moveSelection(command == MoveUp);
        return;
    }

    QStringList errors;
    QString firstTitle;
    for (const JobSnapshot &job : std::as_const(m_selection)) {
        if (!applies(command, job, m_jobCount))
            continue;
        Status status;
        switch (command) {
        case Pause:
            status = m_queue->pause(job.id);
            break;
        case Resume:
            status = m_queue->resume(job.id);
            break;
        case Cancel:
            status = m_queue->cancel(job.id);
            break;
        case Retry:
            status = m_queue->retry(job.id);
            break;
        case Remove:
            status = m_queue->remove(job.id);
            break;
        case MoveUp:
        case MoveDown:
        case CommandCount:
            break;
        }
        if (!status) {
            if (errors.isEmpty())
                firstTitle = job.spec.title;
            errors.append(status.error());
        }
    }
    if (errors.isEmpty())
        return;

    Q_EMIT refused(refusalMessage(firstTitle, errors));
}

QString JobActions::refusalMessage(const QString &firstTitle, const QStringList &errors) {
    // The queue's messages say what was refused and why; prefix which job it was.
    if (errors.size() == 1)
        return tr("“%1”: %2").arg(firstTitle, errors.first());
    return tr("%1 jobs refused; the first, “%2”: %3")
        .arg(QLocale().toString(errors.size()), firstTitle, errors.first());
}

void JobActions::moveSelection(bool up) {
    // Move a block of selected jobs one step together: nearest the edge first, and a
    // job blocked by a selected neighbour that could not move stays put, so the
    // selection keeps its shape instead of jobs leapfrogging each other.
    QList<JobSnapshot> jobs = m_selection;
    std::sort(jobs.begin(), jobs.end(), [up](const JobSnapshot &a, const JobSnapshot &b) {
        return up ? a.position < b.position : a.position > b.position;
    });
    int edge = up ? 0 : m_jobCount - 1;
    QStringList errors;
    QString firstTitle;
    for (const JobSnapshot &job : std::as_const(jobs)) {
        const Command command = up ? MoveUp : MoveDown;
        if (job.position == edge || !applies(command, job, m_jobCount)) {
            edge = job.position + (up ? 1 : -1);
            continue;
        }
        const Status status = m_queue->move(job.id, up ? MoveTarget::Up : MoveTarget::Down);
        if (!status) {
            if (errors.isEmpty())
                firstTitle = job.spec.title;
            errors.append(status.error());
        }
    }
    if (!errors.isEmpty())
        Q_EMIT refused(refusalMessage(firstTitle, errors));
}
