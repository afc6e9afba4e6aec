#include "addjob/jobscheduleeditor.h"

#include "jobtable/jobtablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSet>
#include <QVBoxLayout>

namespace {
// Rows of the "start after" list shown before it scrolls.
constexpr int afterListRows = 4;

bool mayBeWaitedFor(const JobSnapshot &job) {
    // A job that failed or was canceled will never succeed; one that succeeded
    // is no reason to wait.
    return job.state != JobState::Succeeded && job.state != JobState::Failed &&
           job.state != JobState::Canceled;
}
} // namespace

JobScheduleEditor::JobScheduleEditor(QWidget *parent)
    : QGroupBox(tr("In the queue"), parent) {
    m_titleEdit = new QLineEdit(this);
    m_titleEdit->setAccessibleName(tr("Title"));
    m_titleEdit->setPlaceholderText(tr("From the job's settings"));
    m_titleEdit->setClearButtonEnabled(true);
    connect(m_titleEdit, &QLineEdit::textEdited, this, &JobScheduleEditor::edited);

    m_priorityCombo = new QComboBox(this);
    m_priorityCombo->setAccessibleName(tr("Priority"));
    for (JobPriority priority : {JobPriority::High, JobPriority::Normal, JobPriority::Low})
        m_priorityCombo->addItem(JobTableModel::priorityText(priority), int(priority));
    m_priorityCombo->setCurrentIndex(m_priorityCombo->findData(int(JobPriority::Normal)));

    m_groupCombo = new QComboBox(this);
    m_groupCombo->setAccessibleName(tr("Group"));
    m_groupCombo->setEditable(true);
    m_groupCombo->setInsertPolicy(QComboBox::NoInsert);
    m_groupCombo->lineEdit()->setPlaceholderText(tr("None"));
    m_groupCombo->lineEdit()->setAccessibleName(tr("Group"));
    m_groupCombo->setToolTip(tr("Jobs of a group share its limit of jobs running at once "
                                "(Settings)"));
    connect(m_groupCombo, &QComboBox::editTextChanged, this, &JobScheduleEditor::edited);

    m_notBeforeCheck = new QCheckBox(tr("&Not before"), this);
    m_notBeforeEdit = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), this);
    m_notBeforeEdit->setAccessibleName(tr("Not before"));
    m_notBeforeEdit->setCalendarPopup(true);
    m_notBeforeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_notBeforeEdit->setEnabled(false);
    // Its own line edit is what a screen reader lands on.
    for (QLineEdit *edit : m_notBeforeEdit->findChildren<QLineEdit *>())
        edit->setAccessibleName(tr("Not before"));
    connect(m_notBeforeCheck, &QCheckBox::toggled, m_notBeforeEdit, &QWidget::setEnabled);
    connect(m_notBeforeCheck, &QCheckBox::toggled, this, &JobScheduleEditor::edited);
    auto *notBeforeRow = new QHBoxLayout;
    notBeforeRow->addWidget(m_notBeforeCheck);
    notBeforeRow->addWidget(m_notBeforeEdit, 1);

    auto *form = new QFormLayout(this);
    auto *titleLabel = new QLabel(tr("&Title:"), this);
    titleLabel->setBuddy(m_titleEdit);
    form->addRow(titleLabel, m_titleEdit);
    auto *priorityLabel = new QLabel(tr("P&riority:"), this);
    priorityLabel->setBuddy(m_priorityCombo);
    form->addRow(priorityLabel, m_priorityCombo);
    auto *groupLabel = new QLabel(tr("&Group:"), this);
    groupLabel->setBuddy(m_groupCombo);
    form->addRow(groupLabel, m_groupCombo);
    auto *afterLabel = new QLabel(tr("Start &after:"), this);
    QWidget *afterWidget = createAfterList();
    afterLabel->setBuddy(m_afterList);
    form->addRow(afterLabel, afterWidget);
    form->addRow(QString(), notBeforeRow);
}

QWidget *JobScheduleEditor::createAfterList() {
    auto *box = new QWidget(this);
    m_afterList = new QListWidget(box);
    m_afterList->setAccessibleName(tr("Start after these jobs succeed"));
    m_afterList->setSelectionMode(QAbstractItemView::NoSelection);
    m_afterList->setUniformItemSizes(true);
    const int rowHeight = m_afterList->fontMetrics().height() + 6;
    m_afterList->setMaximumHeight(rowHeight * afterListRows + 2 * m_afterList->frameWidth());
    connect(m_afterList, &QListWidget::itemChanged, this, &JobScheduleEditor::edited);
    m_noJobsLabel = new QLabel(tr("No other job is queued or running."), box);
    m_noJobsLabel->setEnabled(false);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_afterList);
    layout->addWidget(m_noJobsLabel);
    m_afterList->hide();
    return box;
}

void JobScheduleEditor::setChoices(const QList<JobSnapshot> &jobs, JobId self) {
    const QList<JobId> chosen = after();
    const QString group = m_groupCombo->currentText();
    m_afterList->clear();
    QStringList groups;
    QSet<QString> seenGroups;
    for (const JobSnapshot &job : jobs) {
        if (!job.spec.group.isEmpty() && !seenGroups.contains(job.spec.group)) {
            seenGroups.insert(job.spec.group);
            groups.append(job.spec.group);
        }
        if (job.id == self || !mayBeWaitedFor(job))
            continue;
        auto *item = new QListWidgetItem(
            tr("%1 · %2 (%3)").arg(job.id).arg(job.spec.title, JobTableModel::stateText(job.state)),
            m_afterList);
        item->setData(Qt::UserRole, job.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(chosen.contains(job.id) ? Qt::Checked : Qt::Unchecked);
    }
    m_afterList->setVisible(m_afterList->count() > 0);
    m_noJobsLabel->setVisible(m_afterList->count() == 0);
    groups.sort(Qt::CaseInsensitive);
    m_groupCombo->clear();
    m_groupCombo->addItem(QString());
    m_groupCombo->addItems(groups);
    m_groupCombo->setEditText(group);
}

void JobScheduleEditor::setSchedule(const JobSpec &spec) {
    m_titleEdit->setText(spec.title);
    m_priorityCombo->setCurrentIndex(m_priorityCombo->findData(int(spec.priority)));
    m_groupCombo->setEditText(spec.group);
    setAfter(spec.after);
    setNotBefore(spec.notBefore);
}

void JobScheduleEditor::applyTo(JobSpec *spec) const {
    spec->title = title();
    spec->priority = priority();
    spec->group = group();
    spec->after = after();
    spec->notBefore = notBefore();
}

QString JobScheduleEditor::title() const {
    return m_titleEdit->text().trimmed();
}

JobPriority JobScheduleEditor::priority() const {
    return JobPriority(m_priorityCombo->currentData().toInt());
}

QString JobScheduleEditor::group() const {
    return m_groupCombo->currentText().trimmed();
}

QList<JobId> JobScheduleEditor::after() const {
    QList<JobId> ids;
    for (int row = 0; row < m_afterList->count(); ++row) {
        const QListWidgetItem *item = m_afterList->item(row);
        if (item->checkState() == Qt::Checked)
            ids.append(item->data(Qt::UserRole).value<JobId>());
    }
    return ids;
}

void JobScheduleEditor::setAfter(const QList<JobId> &ids) {
    for (int row = 0; row < m_afterList->count(); ++row) {
        QListWidgetItem *item = m_afterList->item(row);
        const bool chosen = ids.contains(item->data(Qt::UserRole).value<JobId>());
        item->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
    }
}

QDateTime JobScheduleEditor::notBefore() const {
    if (!m_notBeforeCheck->isChecked())
        return {};
    return m_notBeforeEdit->dateTime().toUTC();
}

void JobScheduleEditor::setNotBefore(const QDateTime &time) {
    m_notBeforeCheck->setChecked(time.isValid());
    if (time.isValid())
        m_notBeforeEdit->setDateTime(time.toLocalTime());
}
