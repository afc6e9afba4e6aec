#pragma once

#include "job/removedjob.h"

#include <QList>
#include <QObject>

#include <deque>

class JobQueue;
class QAction;

// The last few removals made in the window (Remove, Clear Finished), so that
// Edit > Undo (Ctrl+Z) brings their jobs back where they were, with their ids,
// results and logs (JobQueue::reinstate; the store keeps a removed job's log
// aside until the next start). A job that had started is not kept: removing
// it canceled its run. At most maxRemovals are kept, the oldest dropped first;
// undo() takes the newest.
//
// Ownership: the undo action is a child of this object; the queue is not
// owned and must outlive it. GUI thread.
class RemovalHistory : public QObject {
    Q_OBJECT
public:
    static constexpr int maxRemovals = 10;

    explicit RemovalHistory(JobQueue *queue, QObject *parent = nullptr);

    // Edit > Undo: enabled while a removal is kept; its text names it
    // ("Undo Remove 15 Jobs").
    QAction *undoAction() const { return m_undo; }
    int size() const { return int(m_removals.size()); }

    // Keeps what can come back of these jobs, as the queue has them now (the
    // snapshots name the jobs), as one removal named `what` ("Remove", "Clear
    // Finished"). Call just before removing them.
    void record(const QList<JobSnapshot> &jobs, const QString &what);
    // Brings back the newest removal's jobs. Fires undone() with the ids that
    // came back, or undoRefused() with why none could.
    void undo();

Q_SIGNALS:
    void undone(const QList<JobId> &ids);
    void undoRefused(const QString &message);

private:
    struct Removal {
        QString what;
        QList<RemovedJob> jobs;
    };
    void updateAction();

    JobQueue *m_queue;
    QAction *m_undo;
    std::deque<Removal> m_removals; // oldest first
};
