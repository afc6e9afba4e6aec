#pragma once

#include "job/jobsnapshot.h"

#include <QObject>

#include <optional>

class FileManagerLauncher;
class JobQueue;
class QAction;
class QDBusConnection;

// What a person does with the current job once it has ended, as QActions for
// the Job menu and the context menu:
//   Run Again         a new job with the same kind, parameters, title, priority
//                     and group (not its dependencies or start time, which
//                     were about the first run); any finished job
//   Copy Error        the job's error text to the clipboard; a job that has one
//   Open Output       the folder or file the job wrote: a hash job's manifest,
//                     a copy's destination, converted images' folder, a
//                     command's working folder; opened with the desktop's
//                     handler (QDesktopServices), which a test can intercept
//   Show in File Manager  the same path in the desktop's file manager, a file
//                     selected in its folder (FileManagerLauncher::showItem:
//                     D-Bus, asynchronous; opens the folder when no file
//                     manager answers)
//   Open Log File     a command's own log file (its log_file parameter)
// Each is enabled only when it applies to the current job (setJob).
//
// Ownership: the actions are children of this object; the queue is not owned
// and must outlive it. GUI thread.
class FinishedJobActions : public QObject {
    Q_OBJECT
public:
    enum Command { RunAgain, CopyError, OpenOutput, ShowInFileManager, OpenLogFile, CommandCount };

    explicit FinishedJobActions(JobQueue *queue, QObject *parent = nullptr);

    QAction *action(Command command) const { return m_actions[command]; }
    QList<QAction *> actions() const;

    // The job the actions act on (the table's current job); nullopt: none.
    void setJob(const std::optional<JobSnapshot> &job);

    // The bus Show in File Manager calls the file manager on; default: the
    // session bus. Tests pass a private bus with a fake file manager.
    void setFileManagerBus(const QDBusConnection &bus);

    // Where a job's output is: a file or a folder; empty when the kind names none.
    static QString outputPath(const JobSnapshot &job);

Q_SIGNALS:
    // Run Again queued this job.
    void jobAdded(JobId id);
    // The queue refused Run Again, or the desktop could not open a path:
    // one line for the status bar.
    void refused(const QString &message);

private:
    void runAgain();
    // Opens the file with the desktop's handler.

    JobQueue *m_queue;
    FileManagerLauncher *m_fileManager; // a child
    std::optional<JobSnapshot> m_job;
    QAction *m_actions[CommandCount] = {};
};
