#pragma once

#include "job/jobsnapshot.h"
#include "job/jobspec.h"

#include "addjob/rememberedfolders.h"

#include <QDialog>
#include <QVariantMap>

#include <functional>

class JobKindRegistry;
class JobScheduleEditor;
class QPushButton;
class QSettings;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

// The frame every "Add … Job" dialog shares: the subclass's controls on top
// (contentLayout()), the queue settings (JobScheduleEditor: title, priority,
// group, start after, not before), an inline error label, then "Add to Queue"
// and "Cancel".
//
// The same dialog edits a job that has not started (editJob): prefilled from
// it, titled after it, its button "Save". The kind's parameters the dialog has
// no control for (a command's environment, say) are kept as they were.
//
// Before closing, accept() asks the subclass for its parameters(), then
// validates them through the job kind named at construction; when the dialog
// or the kind refuses, the message (the kind's names the bad parameter) is
// shown inline and the dialog stays open. After accepted(), spec() is the
// validated job to queue; the dialog itself queues nothing.
//
// Ownership: the registry is not owned and must outlive the dialog. GUI thread.
class AddJobDialog : public QDialog {
    Q_OBJECT
public:
    // The message shown for the last refused accept(); empty when none.
    QString errorText() const;
    // The validated job, meaningful after the dialog was accepted: the first
    // of specs().
    JobSpec spec() const { return m_specs.value(0); }
    // Every validated job, in order (more than one: the command dialog's
    // "For each file"); queued all together or not at all.
    QList<JobSpec> specs() const { return m_specs; }

    JobScheduleEditor *scheduleEditor() const { return m_schedule; }

    // Where the path fields' pickers start (RememberedFolders); null: nowhere
    // remembered. Not owned; must outlive the dialog.
    void setFolderSettings(QSettings *settings);

    // Prefill with this job's settings and save instead of adding: spec() is
    // then its new settings, editedJob() its id (0 while adding).
    void editJob(const JobSnapshot &job);
    JobId editedJob() const { return m_edited; }

    // Called by accept() with the validated jobs before the dialog closes;
    // returns an error message to show inline (the dialog stays open), or an
    // empty string. Without one, accept() closes and the caller reads specs().
    using Submitter = std::function<QString(const QList<JobSpec> &specs)>;
    void setSubmitter(Submitter submitter) { m_submit = std::move(submitter); }

    void accept() override;

protected:
    // On the first show, the focus goes to the kind's first control: the queue
    // settings are created first, so they would otherwise take it.
    void showEvent(QShowEvent *event) override;

protected:
    // `kindName` is the registry name of the kind this dialog adds jobs of;
    // `missingKindMessage` is shown on accept() when the registry has no such kind.
    AddJobDialog(const JobKindRegistry &kinds, const QString &kindName,
                 const QString &missingKindMessage, QWidget *parent);

    // Where the subclass puts its controls, above the error label and the buttons.
    // Margins 0: the dialog's own layout provides them.
    QVBoxLayout *contentLayout() const { return m_content; }

    // The job's parameters as entered, for the kind to validate. On a problem the
    // dialog names better than the kind would (nothing entered yet, an open
    // quote), sets *error and returns {}. Called on the GUI thread by accept().
    virtual QVariantMap parameters(QString *error) const = 0;
    // The parameters of every job to add: parameters() alone unless the
    // dialog adds several jobs at once. Same contract as parameters().
    virtual QList<QVariantMap> parameterSets(QString *error) const { return {parameters(error)}; }
    // Shows a job's validated parameters (the kind's toMap() form) in the
    // controls: the inverse of parameters(). Called by editJob().
    virtual void setParameters(const QVariantMap &params) = 0;
    // The parameters this dialog decides, as entered now: when editing, these
    // are replaced by parameters() (a key it leaves out is dropped), and every
    // other parameter of the job is kept.
    virtual QStringList parameterKeys() const = 0;

    // `edit` followed by a button (`buttonText`, accessible name `buttonName`)
    // that calls `browse` when clicked; the button is a child of the edit's parent.
    // In a QFormLayout a row holding a layout gets no buddy by itself: give its
    // label the edit as buddy, or the label's "&" shows.
    QHBoxLayout *createBrowseRow(QLineEdit *edit, const QString &buttonText,
                                 const QString &buttonName, const std::function<void()> &browse);

    // Qt's own folder picker for the path field `field` (see RememberedFolders):
    // it opens in the folder of `current` or where the field chose last, and
    // what is chosen is remembered. Empty when the person cancels.
    QString browseFolder(const QString &field, const QString &title, const QString &current);

    // The folders the path fields chose last. Its settings arrive through
    // setFolderSettings(), after the subclass's constructor.
    RememberedFolders *folders() { return &m_folders; }
    // Called by setFolderSettings(): a subclass may prefill a field from them.
    virtual void folderSettingsChanged() {}

    void showError(const QString &message);
    // Called when the person edits something: the last refusal no longer applies.
    void hideError();

private:
    const JobKindRegistry &m_kinds;
    const QString m_kindName;
    const QString m_missingKindMessage;
    QVBoxLayout *m_content = nullptr;
    RememberedFolders m_folders;
    JobScheduleEditor *m_schedule = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_okButton = nullptr;
    QList<JobSpec> m_specs;
    JobId m_edited = 0;
    bool m_shown = false;
    Submitter m_submit;
    QVariantMap m_editedParams; // the edited job's parameters, as they were
};
