#pragma once

#include "job/jobsnapshot.h"

#include <QObject>

#include <optional>

class JobLauncher;
class JobQueue;
class QAction;

// What a person does with the current job before it has ended, as QActions for
// the Job menu and the context menu:
//   Edit…      its add dialog, prefilled, saving into the job (JobQueue::edit);
//              a job that has not started (queued, waiting, or paused before
//              it started) and has no earlier run to resume from
//   Duplicate  a new job with every setting of this one, dependencies and start
//              time included, queued last; a job that has not ended (an ended
//              one has Run Again)
// Each is enabled only when it applies to the current job (setJob). The queue
// has the last word: a job that started meanwhile is refused, with its reason.
//
// Ownership: the actions are children of this object; the queue and launcher
// are not owned and must outlive it. GUI thread.
class QueuedJobActions : public QObject {
    Q_OBJECT
public:
    enum Command { Edit, Duplicate, CommandCount };

    QueuedJobActions(JobQueue *queue, JobLauncher *launcher, QObject *parent = nullptr);

    QAction *action(Command command) const { return m_actions[command]; }
    QList<QAction *> actions() const;

    // The job the actions act on (the table's current job); nullopt: none.
    void setJob(const std::optional<JobSnapshot> &job);

    // Whether Edit applies: the job has not started and resumes nothing.
    static bool canEdit(const JobSnapshot &job);

Q_SIGNALS:
    void jobAdded(JobId id);
    // The queue refused Duplicate: one line for the status bar.
    void refused(const QString &message);

private:
    void duplicate();

    JobQueue *m_queue;
    JobLauncher *m_launcher;
    std::optional<JobSnapshot> m_job;
    QAction *m_actions[CommandCount] = {};
};
