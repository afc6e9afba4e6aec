#pragma once

#include "job/jobsnapshot.h"
#include "job/jobspec.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;

// The queue settings every add dialog shares, below the kind's own controls,
// the same ones `taskdeck add` takes: a title (empty: the kind names the job),
// a priority, a group (the groups of the queue's jobs are offered, a new name
// may be typed), the jobs it starts after (chosen among the jobs that have not
// ended), and an earliest start ("Not before", local time).
//
// setChoices() fills the lists; setSchedule() shows a job's settings (for
// Edit); applyTo() writes what is entered into a spec, leaving its kind and
// parameters alone. Ownership: Qt parent. GUI thread.
class JobScheduleEditor : public QGroupBox {
    Q_OBJECT
public:
    explicit JobScheduleEditor(QWidget *parent = nullptr);

    // The jobs that may be waited for (those that have not ended, except
    // `self`, the job being edited) and the groups offered: every group named
    // by a job in `jobs`. Replaces the earlier choices; keeps what is chosen
    // where it still exists.
    void setChoices(const QList<JobSnapshot> &jobs, JobId self = 0);

    void setSchedule(const JobSpec &spec);
    void applyTo(JobSpec *spec) const;

    QString title() const;
    JobPriority priority() const;
    QString group() const;
    // Chosen jobs to start after, in the list's (queue) order.
    QList<JobId> after() const;
    void setAfter(const QList<JobId> &ids);
    // Invalid when no start time is set.
    QDateTime notBefore() const;
    void setNotBefore(const QDateTime &time);

Q_SIGNALS:
    void edited();

private:
    QWidget *createAfterList();

    QLineEdit *m_titleEdit = nullptr;
    QComboBox *m_priorityCombo = nullptr;
    QComboBox *m_groupCombo = nullptr;
    QListWidget *m_afterList = nullptr;
    QLabel *m_noJobsLabel = nullptr;
    QCheckBox *m_notBeforeCheck = nullptr;
    QDateTimeEdit *m_notBeforeEdit = nullptr;
};
