#pragma once

#include "job/jobsnapshot.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <array>

class JobQueue;
class QAction;

// The commands on the whole queue as QActions: Pause All, Resume All, Drain and
// Clear Finished, for the menu bar, the toolbar and the tray menu.
//
// Each action is enabled only when it would change something (Pause All while
// any job can still be held or paused, Resume All while any is paused or the
// queue drains, Drain while jobs wait to start or the queue drains (it is checked
// while the queue drains, and unchecking it ends draining),
// Clear Finished while succeeded or canceled jobs are listed). The states are
// recounted from the queue's counters a moment after jobs change state, so a
// burst of a thousand finishing jobs costs one recount.
//
// Ownership: the actions are children of this object; the queue is not owned and
// must outlive it. GUI thread only.
class QueueActions : public QObject {
    Q_OBJECT
public:
    enum Command { PauseAll, ResumeAll, Drain, ClearFinished, CommandCount };

    explicit QueueActions(JobQueue *queue, QObject *parent = nullptr);

    QAction *action(Command command) const { return m_actions[command]; }

    // Recounts now (normally done on a short timer after changes).
    void updateEnabled();

Q_SIGNALS:
    // Fires just before Clear Finished removes these jobs (every succeeded and
    // canceled one, as they are then): what an undo would bring back.
    void aboutToClearFinished(const QList<JobSnapshot> &jobs);

private:
    void clearFinished();
    QAction *makeAction(Command command);
    void scheduleUpdate();

    JobQueue *m_queue;
    std::array<QAction *, CommandCount> m_actions{};
    QTimer m_updateTimer;
};
