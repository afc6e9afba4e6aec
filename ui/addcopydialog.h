#pragma once

#include "jobspec.h"

#include <QDialog>

class JobKindRegistry;
class PathListEditor;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

// Asks for a "copy" job: files and folders to copy, the folder to copy them
// into, whether to verify each copy, and what to do when a name is taken
// (skip, overwrite, or rename to "name (2).ext").
//
// Before closing, accept() validates the parameters through the copy kind;
// when the kind refuses (a missing source, an unwritable destination, a folder
// copied into itself), its message is shown inline and the dialog stays open.
// After accepted(), spec() is the validated job to queue; the dialog itself
// queues nothing. The folder picker is Qt's own (non-native) dialog.
//
// Ownership: the registry is not owned and must outlive the dialog. GUI thread.
class AddCopyDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddCopyDialog(const JobKindRegistry &kinds, QWidget *parent = nullptr);

    // Absolute paths of the files and folders to copy.
    QStringList sources() const;
    void setSources(const QStringList &paths);

    QString destination() const;
    void setDestination(const QString &folder);

    bool verify() const;
    void setVerify(bool verify);

    // "skip" (the default), "overwrite" or "rename".
    QString conflictPolicy() const;
    void setConflictPolicy(const QString &policy);

    // The message shown for the last refused accept(); empty when none.
    QString errorText() const;
    // The validated job, meaningful after the dialog was accepted.
    JobSpec spec() const { return m_spec; }

    void accept() override;

private:
    void browseDestination();
    void showError(const QString &message);

    const JobKindRegistry &m_kinds;
    PathListEditor *m_sourceEditor = nullptr;
    QLineEdit *m_destinationEdit = nullptr;
    QCheckBox *m_verifyCheck = nullptr;
    QComboBox *m_conflictCombo = nullptr;
    QLabel *m_errorLabel = nullptr;
    JobSpec m_spec;
};
