#include "jobactions.h"

#include "engine/jobqueue.h"
#include "icons.h"

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
    case MoveTop:
        action->setText(tr("Move to &Top"));
        action->setIcon(Icons::action(Icons::Action::MoveTop));
        action->setShortcut(QKeySequence(tr("Ctrl+Shift+Home")));
        action->setToolTip(tr("Run the selected jobs before every other waiting job"));
        break;
    case MoveBottom:
        action->setText(tr("Move to &Bottom"));
        action->setIcon(Icons::action(Icons::Action::MoveBottom));
        action->setShortcut(QKeySequence(tr("Ctrl+Shift+End")));
        action->setToolTip(tr("Run the selected jobs after every other job"));
        break;
    case PriorityHigh:
        action->setText(tr("&High"));
        action->setShortcut(QKeySequence(tr("Ctrl+1")));
        action->setToolTip(tr("Start the selected jobs before jobs of normal and low priority"));
        break;
    case PriorityNormal:
        action->setText(tr("&Normal"));
        action->setShortcut(QKeySequence(tr("Ctrl+2")));
        action->setToolTip(tr("Give the selected jobs normal priority"));
        break;
    case PriorityLow:
        action->setText(tr("&Low"));
        action->setShortcut(QKeySequence(tr("Ctrl+3")));
        action->setToolTip(
            tr("Start the selected jobs only when nothing of higher priority waits"));
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
    if (priorityOf(command) != JobPriority::Normal || command == PriorityNormal)
        action->setCheckable(true);
    connect(action, &QAction::triggered, this, [this, command] { execute(command); });
    return action;
}

void JobActions::setSelection(const QList<JobSnapshot> &jobs, int jobCount) {
    m_selection = jobs;
    m_current = nullptr;
    updateStates(jobs, jobCount);
}

void JobActions::setSelection(const QList<const JobSnapshot *> &jobs, int jobCount,
                              std::function<QList<JobSnapshot>()> current) {
    m_selection.clear();
    m_current = std::move(current);
    updateStates(jobs, jobCount);
}

namespace {

const JobSnapshot &deref(const JobSnapshot &job) {
    return job;
}
const JobSnapshot &deref(const JobSnapshot *job) {
    return *job;
}

} // namespace

template <typename Jobs> void JobActions::updateStates(const Jobs &jobs, int jobCount) {
    // One pass over the selection (it may hold every one of 10,000 rows): a command
    // is enabled by the first job it applies to, and is not asked about again.
    m_jobCount = jobCount;
    std::array<bool, CommandCount> enabled{};
    int enabledCount = 0;
    constexpr Command priorities[] = {PriorityHigh, PriorityNormal, PriorityLow};
    m_sharedPriority.fill(!jobs.isEmpty());
    for (const auto &item : jobs) {
        const JobSnapshot &job = deref(item);
        for (int p = 0; p < 3; ++p)
            m_sharedPriority[p] =
                m_sharedPriority[p] && job.spec.priority == priorityOf(priorities[p]);
        if (enabledCount == CommandCount)
            continue;
        for (int c = 0; c < CommandCount; ++c) {
            if (!enabled[c] && applies(Command(c), job, jobCount)) {
                enabled[c] = true;
                ++enabledCount;
            }
        }
    }
    for (int c = 0; c < CommandCount; ++c)
        m_actions[c]->setEnabled(enabled[c]);
    updatePriorityChecks();
}

void JobActions::updatePriorityChecks() {
    // Checked: the priority every selected job has; none checked for a mixed selection.
    m_actions[PriorityHigh]->setChecked(m_sharedPriority[0]);
    m_actions[PriorityNormal]->setChecked(m_sharedPriority[1]);
    m_actions[PriorityLow]->setChecked(m_sharedPriority[2]);
}

JobPriority JobActions::priorityOf(Command command) {
    switch (command) {
    case PriorityHigh:
        return JobPriority::High;
    case PriorityLow:
        return JobPriority::Low;
    default:
        return JobPriority::Normal;
    }
}

QList<JobId> JobActions::selectedIds() const {
    const QList<JobSnapshot> selection = m_current ? m_current() : m_selection;
    QList<JobId> ids;
    ids.reserve(selection.size());
    for (const JobSnapshot &job : selection)
        ids.append(job.id);
    return ids;
}

bool JobActions::applies(Command command, const JobSnapshot &job, int jobCount) {
    const JobState state = job.state;
    // A job that has started can only be stopped if its kind can stop.
    const bool active = job.hasRunUnderWay();
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
    case MoveTop:
    case MoveUp:
        return !isFinished(state) && job.position > 0;
    case MoveDown:
    case MoveBottom:
        return !isFinished(state) && job.position < jobCount - 1;
    case PriorityHigh:
    case PriorityNormal:
    case PriorityLow:
        // Priority only orders jobs that have yet to start.
        return !isFinished(state) && state != JobState::Running && !job.started;
    case CommandCount:
        break;
    }
    return false;
}

void JobActions::execute(Command command) {
    m_refusals.clear();
    m_firstRefusedTitle.clear();
    if (m_current)
        m_selection = m_current();
    if (command == MoveUp || command == MoveDown) {
        moveSelection(command == MoveUp);
    } else if (command == MoveTop || command == MoveBottom) {
        moveSelectionToEnd(command == MoveTop);
    } else if (command == Remove) {
        removeSelection();
    } else {
        for (const JobSnapshot &job : std::as_const(m_selection)) {
            if (!applies(command, job, m_jobCount))
                continue;
            switch (command) {
            case Pause:
                collect(job, m_queue->pause(job.id));
                break;
            case Resume:
                collect(job, m_queue->resume(job.id));
                break;
            case Cancel:
                collect(job, m_queue->cancel(job.id));
                break;
            case Retry:
                collect(job, m_queue->retry(job.id));
                break;
            case PriorityHigh:
            case PriorityNormal:
            case PriorityLow:
                collect(job, m_queue->setPriority(job.id, priorityOf(command)));
                break;
            default:
                break;
            }
        }
    }
    // A refused or partly applied priority must not leave a check mark that lies.
    updatePriorityChecks();
    if (m_current)
        m_selection.clear(); // asked for again at the next command
    reportRefusals();
}

QList<JobSnapshot> JobActions::applicable(Command command) const {
    QList<JobSnapshot> jobs;
    for (const JobSnapshot &job : m_selection) {
        if (applies(command, job, m_jobCount))
            jobs.append(job);
    }
    return jobs;
}

bool JobActions::removeSelection() {
    // What is asked and recorded must be the jobs as they are now, not the
    // table's copies (a job shown queued may have started a moment ago).
    const auto current = [this] {
        QList<JobSnapshot> jobs;
        for (const JobSnapshot &cached : applicable(Remove)) {
            if (std::optional<JobSnapshot> job = m_queue->job(cached.id);
                job && applies(Remove, *job, m_jobCount))
                jobs.append(std::move(*job));
        }
        return jobs;
    };
    if (m_confirmRemoval) {
        if (!m_confirmRemoval(current()))
            return false;
        // The question ran an event loop: the jobs moved on meanwhile.
        if (m_current)
            m_selection = m_current();
    }
    const QList<JobSnapshot> jobs = current();
    Q_EMIT aboutToRemove(jobs);
    for (const JobSnapshot &job : jobs)
        collect(job, m_queue->remove(job.id));
    return true;
}

void JobActions::collect(const JobSnapshot &job, const Status &status) {
    if (status)
        return;
    if (m_refusals.isEmpty())
        m_firstRefusedTitle = job.spec.title;
    m_refusals.append(status.error());
}

void JobActions::reportRefusals() {
    if (!m_refusals.isEmpty())
        Q_EMIT refused(refusalMessage(m_firstRefusedTitle, m_refusals));
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
    for (const JobSnapshot &job : std::as_const(jobs)) {
        const Command command = up ? MoveUp : MoveDown;
        if (job.position == edge || !applies(command, job, m_jobCount)) {
            edge = job.position + (up ? 1 : -1);
            continue;
        }
        collect(job, m_queue->move(job.id, up ? MoveTarget::Up : MoveTarget::Down));
    }
}

void JobActions::moveSelectionToEnd(bool top) {
    // One block move: the selected jobs keep their relative order and the queue
    // reorders once, however many are selected.
    QList<JobSnapshot> jobs = m_selection;
    std::sort(jobs.begin(), jobs.end(),
              [](const JobSnapshot &a, const JobSnapshot &b) { return a.position < b.position; });
    QList<JobId> ids;
    for (const JobSnapshot &job : std::as_const(jobs)) {
        if (!isFinished(job.state))
            ids.append(job.id);
    }
    if (ids.isEmpty())
        return;
    const QList<JobId> order = m_queue->order();
    const JobId before = top && !order.isEmpty() ? order.first() : JobId(0);
    const Status status = m_queue->moveBlock(ids, before);
    if (!status)
        collect(jobs.first(), status);
}
