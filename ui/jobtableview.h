#pragma once

#include "jobsnapshot.h"

#include <QTableView>

class JobTableModel;

// The table of jobs: whole-row, multi-row selection in queue order (no sorting by
// column: the order is the queue's, changed with Move Up/Down), a progress bar
// column, columns sized from sample text rather than by measuring every row, and
// a hint painted over the empty table saying how to add a job.
// The model is not owned. GUI thread.
class JobTableView : public QTableView {
    Q_OBJECT
public:
    explicit JobTableView(QWidget *parent = nullptr);

    // Sets the model and sizes the columns for it.
    void setJobModel(JobTableModel *model);
    JobTableModel *jobModel() const { return m_jobModel; }

    // The selected jobs, in queue order (whatever the rows' sort order on screen).
    QList<JobId> selectedJobIds() const;
    // Snapshots of the selected jobs as the model last cached them, in queue order.
    QList<JobSnapshot> selectedJobs() const;
    // The job with the keyboard focus (the details pane shows it); 0 when none.
    JobId currentJobId() const;
    // Makes the job the only selected and the current row, and scrolls to it.
    void selectJob(JobId id);

    // Shown centred while the table has no rows; empty: nothing.
    QString placeholderText() const { return m_placeholderText; }
    void setPlaceholderText(const QString &text);

Q_SIGNALS:
    // The set of selected jobs changed (not fired for state changes of those jobs).
    void jobSelectionChanged();
    // The current job changed; 0 when no row is current.
    void currentJobChanged(JobId id);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void sizeColumns(const JobTableModel &model);

    QList<int> selectedModelRows() const; // model rows, ascending (= queue order)

    JobTableModel *m_jobModel = nullptr;
    QString m_placeholderText;
};
