#pragma once

#include "base/expected.h"
#include "job/jobsnapshot.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <array>
#include <functional>

class JobQueue;
class QAction;

// The commands a person can give selected jobs (pause, resume, cancel, retry,
// remove, move to top/up/down/bottom, priority high/normal/low) as QActions, for menus, the toolbar
// and the context menu.
//
// setSelection() tells it which jobs are selected (snapshots from the table
// model's cache); each action is enabled when it applies to at least one of them,
// judged from the job's state and its kind's capabilities. Triggering an action
// sends the command to the queue for every selected job it applies to. The queue
// may still refuse (the job moved on since the snapshot): refusals are collected
// into one line and reported through refused(), never a dialog per job.
//
// Ownership: the actions are children of this object; the queue is not owned and
// must outlive it. GUI thread only.
class JobActions : public QObject {
    Q_OBJECT
public:
    enum Command {
        Pause,
        Resume,
        Cancel,
        Retry,
        Remove,
        MoveTop,
        MoveUp,
        MoveDown,
        MoveBottom,
        PriorityHigh,   // the three priority actions are checkable and exclusive: the one
        PriorityNormal, // checked is the priority all selected jobs share (none when mixed)
        PriorityLow,
        CommandCount
    };

    explicit JobActions(JobQueue *queue, QObject *parent = nullptr);

    QAction *action(Command command) const { return m_actions[command]; }

    // jobCount: how many jobs the queue holds (to know the last position).
    void setSelection(const QList<JobSnapshot> &jobs, int jobCount);
    // The same for a large selection, without keeping copies: `jobs` point at the
    // selected jobs' snapshots (in queue order) and are read only during this call;
    // when a command runs, `current` is called for the selected snapshots then.
    void setSelection(const QList<const JobSnapshot *> &jobs, int jobCount,
                      std::function<QList<JobSnapshot>()> current);
    QList<JobId> selectedIds() const;

    // Whether the command makes sense for a job in this state, with these capabilities.
    static bool applies(Command command, const JobSnapshot &job, int jobCount);

    // Runs the command on the selected jobs it applies to.
    void execute(Command command);

    // Asked before Remove removes anything, with the jobs it would remove;
    // false leaves them all. Unset (the default): no question.
    void setRemovalConfirmation(std::function<bool(const QList<JobSnapshot> &)> confirm) {
        m_confirmRemoval = std::move(confirm);
    }

Q_SIGNALS:
    // Fires just before Remove removes these jobs (after the confirmation),
    // with their snapshots as they are then: what an undo would bring back.
    void aboutToRemove(const QList<JobSnapshot> &jobs);

    // Fires after execute() when the queue refused some jobs: one line for the status bar,
    // e.g. "“Hash photos”: cannot pause a job that has finished".
    void refused(const QString &message);

private:
    QAction *makeAction(Command command);
    void moveSelection(bool up);
    void moveSelectionToEnd(bool top);
    template <typename Jobs> void updateStates(const Jobs &jobs, int jobCount);
    void updatePriorityChecks();
    static JobPriority priorityOf(Command command);
    void collect(const JobSnapshot &job, const Status &status);
    void reportRefusals();
    // Remove, after asking; false when the person kept the jobs.
    bool removeSelection();
    QList<JobSnapshot> applicable(Command command) const;
    static QString refusalMessage(const QString &firstTitle, const QStringList &errors);

    JobQueue *m_queue;
    std::array<QAction *, CommandCount> m_actions{};
    QList<JobSnapshot> m_selection; // unless m_current gives it when a command runs
    std::function<QList<JobSnapshot>()> m_current;
    std::function<bool(const QList<JobSnapshot> &)> m_confirmRemoval;
    // Per priority command: whether every selected job has that priority.
    std::array<bool, 3> m_sharedPriority{};
    int m_jobCount = 0;
    // Refusals of the command being executed: the first job's title and every message.
    QString m_firstRefusedTitle;
    QStringList m_refusals;
};
