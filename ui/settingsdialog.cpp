#include "settingsdialog.h"

#include "appsettings.h"
#include "engine/jobqueue.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

enum GroupColumn { NameColumn, LimitColumn };

} // namespace

SettingsDialog::SettingsDialog(AppSettings *settings, JobQueue *queue, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_queue(queue) {
    Q_ASSERT(settings);
    setWindowTitle(tr("Taskdeck Settings"));

    m_maxParallel = new QSpinBox(this);
    m_maxParallel->setRange(AppSettings::minParallelJobs, AppSettings::maxParallelJobsLimit);
    m_maxParallel->setValue(settings->maxParallelJobs());
    m_maxParallel->setAccessibleName(tr("Maximum parallel jobs"));
    m_maxParallel->setToolTip(tr("How many jobs may run at the same time"));

    m_groups = new QTableWidget(0, 2, this);
    m_groups->setHorizontalHeaderLabels({tr("Group"), tr("At most")});
    m_groups->setAccessibleName(tr("Group limits"));
    m_groups->setAccessibleDescription(
        tr("Each row limits how many jobs of one group run at the same time"));
    m_groups->verticalHeader()->hide();
    m_groups->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_groups->horizontalHeader()->setSectionResizeMode(LimitColumn, QHeaderView::ResizeToContents);
    m_groups->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groups->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    const QHash<QString, int> limits = settings->groupLimits();
    QStringList names = limits.keys();
    names.sort(Qt::CaseInsensitive);
    for (const QString &name : std::as_const(names))
        addGroupRow(name, limits.value(name));

    m_addGroup = new QPushButton(tr("&Add Group"), this);
    m_addGroup->setAccessibleName(tr("Add group limit"));
    m_removeGroup = new QPushButton(tr("&Remove Group"), this);
    m_removeGroup->setAccessibleName(tr("Remove selected group limits"));
    connect(m_addGroup, &QPushButton::clicked, this, [this] {
        const int row = addGroupRow();
        m_groups->setCurrentCell(row, NameColumn);
        m_groups->setFocus();
        m_groups->editItem(m_groups->item(row, NameColumn));
    });
    connect(m_removeGroup, &QPushButton::clicked, this, &SettingsDialog::removeSelectedGroupRows);
    connect(m_groups, &QTableWidget::itemSelectionChanged, this,
            &SettingsDialog::updateRemoveButton);
    updateRemoveButton();

    auto *groupButtons = new QHBoxLayout;
    groupButtons->addWidget(m_addGroup);
    groupButtons->addWidget(m_removeGroup);
    groupButtons->addStretch();
    auto *groupHint = new QLabel(
        tr("Jobs given a group run at most this many at a time, within the maximum above."), this);
    groupHint->setWordWrap(true);
    auto *groupBox = new QGroupBox(tr("Group limits"), this);
    auto *groupLayout = new QVBoxLayout(groupBox);
    groupLayout->addWidget(groupHint);
    groupLayout->addWidget(m_groups);
    groupLayout->addLayout(groupButtons);

    m_notifyOnFailure = new QCheckBox(tr("Notify me when a job &fails"), this);
    m_notifyOnFailure->setChecked(settings->notifyOnFailure());
    m_notifyOnFailure->setAccessibleName(tr("Notify when a job fails"));
    m_notifyWhenEmpty = new QCheckBox(tr("Notify me when &all jobs have finished"), this);
    m_notifyWhenEmpty->setChecked(settings->notifyWhenQueueEmpty());
    m_notifyWhenEmpty->setAccessibleName(tr("Notify when all jobs have finished"));
    auto *notifyBox = new QGroupBox(tr("Desktop notifications"), this);
    auto *notifyLayout = new QVBoxLayout(notifyBox);
    notifyLayout->addWidget(m_notifyOnFailure);
    notifyLayout->addWidget(m_notifyWhenEmpty);

    using Behavior = AppSettings::CloseBehavior;
    m_closeBehavior = new QComboBox(this);
    m_closeBehavior->addItem(tr("Ask every time"), int(Behavior::Ask));
    m_closeBehavior->addItem(tr("Keep running in the tray"), int(Behavior::KeepRunningInTray));
    m_closeBehavior->addItem(tr("Pause the jobs and quit"), int(Behavior::PauseAndQuit));
    m_closeBehavior->addItem(tr("Cancel the jobs and quit"), int(Behavior::CancelAndQuit));
    m_closeBehavior->setCurrentIndex(m_closeBehavior->findData(int(settings->closeBehavior())));
    m_closeBehavior->setAccessibleName(tr("When the window is closed while jobs run"));
    m_closeBehavior->setToolTip(
        tr("Without a system tray, Taskdeck asks instead of keeping the jobs running in it."));

    m_confirmRemoval =
        new QCheckBox(tr("Ask before removing several jobs or a &running one"), this);
    m_confirmRemoval->setChecked(settings->confirmRemoval());
    m_confirmRemoval->setAccessibleName(tr("Ask before removing several jobs or a running one"));

    m_recovery = new QComboBox(this);
    m_recovery->addItem(tr("Resume hash, copy and image jobs; leave commands for me"),
                        int(RecoveryPolicy::ResumeSafeKinds));
    m_recovery->addItem(tr("Leave every interrupted job for me to retry"),
                        int(RecoveryPolicy::ResumeNothing));
    m_recovery->setCurrentIndex(m_recovery->findData(int(settings->recoveryPolicy())));
    m_recovery->setAccessibleName(tr("After a crash or restart"));
    m_recovery->setToolTip(tr("Jobs that were running when Taskdeck stopped. Resumed jobs skip "
                              "the files they had finished; a command is never run twice on "
                              "its own, as that may not be safe."));
    m_historyDays = new QSpinBox(this);
    m_historyDays->setRange(0, 3650);
    m_historyDays->setSuffix(tr(" days"));
    m_historyDays->setSpecialValueText(tr("Forever"));
    m_historyDays->setValue(settings->historyDays());
    m_historyDays->setAccessibleName(tr("Keep finished jobs for"));

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setAccessibleName(tr("Settings error"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Maximum &parallel jobs:"), m_maxParallel);
    auto *closeForm = new QFormLayout;
    closeForm->addRow(tr("&When the window is closed while jobs run:"), m_closeBehavior);
    closeForm->addRow(QString(), m_confirmRemoval);
    closeForm->addRow(tr("After a crash or &restart:"), m_recovery);
    closeForm->addRow(tr("&Keep finished jobs for:"), m_historyDays);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(groupBox);
    layout->addWidget(notifyBox);
    layout->addLayout(closeForm);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    m_maxParallel->setFocus();
}

int SettingsDialog::addGroupRow(const QString &name, int limit) {
    const int row = m_groups->rowCount();
    m_groups->insertRow(row);
    auto *nameItem = new QTableWidgetItem(name);
    m_groups->setItem(row, NameColumn, nameItem);
    // An int in the edit role makes the view's default delegate edit it with a spin box.
    auto *limitItem = new QTableWidgetItem;
    limitItem->setData(Qt::EditRole, limit);
    m_groups->setItem(row, LimitColumn, limitItem);
    return row;
}

QList<std::pair<QString, int>> SettingsDialog::groupRows() const {
    QList<std::pair<QString, int>> rows;
    for (int row = 0; row < m_groups->rowCount(); ++row) {
        const QTableWidgetItem *name = m_groups->item(row, NameColumn);
        const QTableWidgetItem *limit = m_groups->item(row, LimitColumn);
        rows.append({name ? name->text().trimmed() : QString(),
                     limit ? limit->data(Qt::EditRole).toInt() : 0});
    }
    return rows;
}

int SettingsDialog::invalidRow(QString *why) const {
    const QList<std::pair<QString, int>> rows = groupRows();
    QSet<QString> seen;
    for (int row = 0; row < rows.size(); ++row) {
        const auto &[name, limit] = rows.at(row);
        if (name.isEmpty()) {
            *why = tr("Row %1 of the group limits has no group name.").arg(row + 1);
            return row;
        }
        if (seen.contains(name)) {
            *why = tr("The group \"%1\" is listed more than once.").arg(name);
            return row;
        }
        if (limit < 1) {
            *why = tr("The group \"%1\" needs a limit of at least 1.").arg(name);
            return row;
        }
        seen.insert(name);
    }
    return -1;
}

QString SettingsDialog::validationError() const {
    QString why;
    invalidRow(&why);
    return why;
}

void SettingsDialog::accept() {
    QString why;
    const int row = invalidRow(&why);
    if (row >= 0) {
        m_error->setText(why);
        m_error->show();
        m_groups->setCurrentCell(row, NameColumn);
        m_groups->setFocus();
        return;
    }
    m_error->hide();

    QHash<QString, int> limits;
    for (const auto &[name, limit] : groupRows())
        limits.insert(name, limit);
    m_settings->setMaxParallelJobs(m_maxParallel->value());
    m_settings->setGroupLimits(limits);
    m_settings->setNotifyOnFailure(m_notifyOnFailure->isChecked());
    m_settings->setNotifyWhenQueueEmpty(m_notifyWhenEmpty->isChecked());
    m_settings->setConfirmRemoval(m_confirmRemoval->isChecked());
    m_settings->setCloseBehavior(
        AppSettings::CloseBehavior(m_closeBehavior->currentData().toInt()));
    m_settings->setRecoveryPolicy(RecoveryPolicy(m_recovery->currentData().toInt()));
    m_settings->setHistoryDays(m_historyDays->value());
    if (m_queue)
        m_settings->applyTo(*m_queue);
    QDialog::accept();
}

void SettingsDialog::removeSelectedGroupRows() {
    QList<int> rows;
    const QList<QTableWidgetSelectionRange> ranges = m_groups->selectedRanges();
    for (const QTableWidgetSelectionRange &range : ranges) {
        for (int row = range.topRow(); row <= range.bottomRow(); ++row)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : std::as_const(rows))
        m_groups->removeRow(row);
    updateRemoveButton();
}

void SettingsDialog::updateRemoveButton() {
    m_removeGroup->setEnabled(!m_groups->selectedRanges().isEmpty());
}
