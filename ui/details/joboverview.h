#pragma once

#include "job/jobfield.h"

#include "job/jobsnapshot.h"

#include <QHash>
#include <QWidget>

class FileManagerLauncher;
class QGridLayout;
class QLabel;
class QUrl;

// The Overview tab of the details pane: three columns side by side, made for
// a short, wide pane. "Job": kind, state, why it waits, status, progress,
// scheduling and timings. "Parameters": the job's parameters, keys made
// readable, lists one item a line. "Result": the summary and the details,
// lists with their counts ("Mismatched (3)"). Every value is selectable text
// that the keyboard reaches; long lists sit in small scrolling boxes.
// Parameters that name files or folders (JobDetailsFormat::isPathParameter)
// are links: activating one opens the folder, or the folder holding the file,
// with the desktop's handler (FileManagerLauncher::openFolder). GUI thread.
class JobOverview : public QWidget {
    Q_OBJECT
public:
    // More items than this in a list or lines in a text: the rest is counted, not shown.
    static constexpr int maxShownItems = 1000;

    explicit JobOverview(QWidget *parent = nullptr);

    // Shows the job; kindName and fields are its kind's (JobKind::displayName()
    // and fields(); empty for a kind this build does not know). `full`: also
    // rebuild the parameter and result columns (another job, or the job changed
    // state: results only change then); otherwise only the Job column's values
    // are updated, in place.
    void showJob(const JobSnapshot &job, const QString &kindName, const QList<JobField> &fields,
                 bool full);

Q_SIGNALS:
    // A path link was activated but its folder does not exist (any more), or
    // the desktop could not open it: one line for the status bar.
    void refused(const QString &message);

private:
    QLabel *addRow(const QString &label, const QString &objectName);
    void setRow(QLabel *value, const QString &text);
    void updateJobColumn(const JobSnapshot &job, const QString &kindName);
    void rebuildParameters(const JobSnapshot &job, const QList<JobField> &fields);
    void rebuildResult(const JobSnapshot &job, const QList<JobField> &fields);
    // A row holding a value: a label for a few lines, a scrolling box for more.
    void addValueRow(QGridLayout *grid, const QString &label, const QString &objectName,
                     const QStringList &lines);
    // A row of paths, one link a line; relative ones resolve against baseDir.
    void addPathRow(QGridLayout *grid, const QString &label, const QString &objectName,
                    const QStringList &paths, const QString &baseDir);
    void openLink(const QUrl &url);

    FileManagerLauncher *m_fileManager = nullptr; // a child

    QGridLayout *m_jobGrid = nullptr;
    QGridLayout *m_paramsGrid = nullptr;
    QGridLayout *m_resultGrid = nullptr;
    QWidget *m_paramsColumn = nullptr;
    QWidget *m_resultColumn = nullptr;
    QHash<QLabel *, QLabel *> m_labels; // Job column: value -> its row's name
    QLabel *m_kind = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_waiting = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_progress = nullptr;
    QLabel *m_priority = nullptr;
    QLabel *m_group = nullptr;
    QLabel *m_after = nullptr;
    QLabel *m_notBefore = nullptr;
    QLabel *m_added = nullptr;
    QLabel *m_started = nullptr;
    QLabel *m_finished = nullptr;
    QLabel *m_duration = nullptr;
};
