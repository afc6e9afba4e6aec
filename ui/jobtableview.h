#pragma once

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

    // Shown centred while the table has no rows; empty: nothing.
    QString placeholderText() const { return m_placeholderText; }
    void setPlaceholderText(const QString &text);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void sizeColumns(const JobTableModel &model);

    QString m_placeholderText;
};
