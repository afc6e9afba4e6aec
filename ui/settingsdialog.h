#pragma once

#include <QDialog>
#include <QHash>
#include <QPointer>

class AppSettings;
class JobQueue;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

// The preferences: maximum parallel jobs, per-group limits (an editable table of
// group name and limit), the two notifications, what closing the window does
// while jobs run, what a restart does with interrupted jobs, and how long
// finished jobs stay in the history.
//
// The controls start from the AppSettings. OK validates the group limits (names
// non-empty and unique, limits >= 1; an error is shown in the dialog, which stays
// open) and then writes every control to the AppSettings and applies them to the
// queue (AppSettings::applyTo). Cancel, Escape or closing writes nothing.
//
// Ownership: owns its widgets; does not own the settings or the queue (which
// may be null: settings only), both must outlive it. GUI thread.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(AppSettings *settings, JobQueue *queue, QWidget *parent = nullptr);

    // Appends a row to the group table (what the Add button does, with a blank
    // name and limit 1); returns its row.
    int addGroupRow(const QString &name = {}, int limit = 1);
    // The group table as entered; duplicates and blanks included, so check
    // validationError() first.
    QList<std::pair<QString, int>> groupRows() const;
    // Why OK would refuse the current input; empty when it would accept.
    QString validationError() const;

    void accept() override;

private:
    void removeSelectedGroupRows();
    void updateRemoveButton();
    // Rows keep the group name as text and the limit as an int (a spin box edits it).
    int invalidRow(QString *why) const;

    AppSettings *m_settings;
    QPointer<JobQueue> m_queue;
    QSpinBox *m_maxParallel = nullptr;
    QTableWidget *m_groups = nullptr;
    QPushButton *m_addGroup = nullptr;
    QPushButton *m_removeGroup = nullptr;
    QCheckBox *m_notifyOnFailure = nullptr;
    QCheckBox *m_notifyWhenEmpty = nullptr;
    QCheckBox *m_confirmRemoval = nullptr;
    QComboBox *m_closeBehavior = nullptr;
    QComboBox *m_recovery = nullptr;
    QSpinBox *m_historyDays = nullptr;
    QLabel *m_error = nullptr;
};
