#pragma once

#include "jobspec.h"

#include <QDialog>
#include <QVariantMap>

#include <functional>

class JobKindRegistry;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

// The frame every "Add … Job" dialog shares: the subclass's controls on top
// (contentLayout()), an inline error label below them, then "Add to Queue" and
// "Cancel".
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
    // The validated job, meaningful after the dialog was accepted.
    JobSpec spec() const { return m_spec; }

    void accept() override;

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

    // `edit` followed by a button (`buttonText`, accessible name `buttonName`)
    // that calls `browse` when clicked; the button is a child of the edit's parent.
    // In a QFormLayout a row holding a layout gets no buddy by itself: give its
    // label the edit as buddy, or the label's "&" shows.
    QHBoxLayout *createBrowseRow(QLineEdit *edit, const QString &buttonText,
                                 const QString &buttonName, const std::function<void()> &browse);

    void showError(const QString &message);
    // Called when the person edits something: the last refusal no longer applies.
    void hideError();

private:
    const JobKindRegistry &m_kinds;
    const QString m_kindName;
    const QString m_missingKindMessage;
    QVBoxLayout *m_content = nullptr;
    QLabel *m_errorLabel = nullptr;
    JobSpec m_spec;
};
