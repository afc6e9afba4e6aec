#pragma once

#include "addjob/addjobdialog.h"

class PathListEditor;
class QCheckBox;
class QComboBox;
class QLineEdit;

// Asks for a "copy" job: files and folders to copy, the folder to copy them
// into, whether to verify each copy, and what to do when a name is taken
// (skip, overwrite, or rename to "name (2).ext").
//
// Before closing, accept() validates the parameters through the copy kind;
// when the kind refuses (a missing source, an unwritable destination, a folder
// copied into itself), its message is shown inline and the dialog stays open.
// After accepted(), spec() is the validated job to queue; the dialog itself
// queues nothing (see AddJobDialog). The folder picker is Qt's own
// (non-native) dialog.
//
// Ownership: the registry is not owned and must outlive the dialog. GUI thread.
class AddCopyDialog : public AddJobDialog {
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

private:
    void browseDestination();
    QVariantMap parameters(QString *error) const override;
    void setParameters(const QVariantMap &params) override;
    QStringList parameterKeys() const override;

    PathListEditor *m_sourceEditor = nullptr;
    QLineEdit *m_destinationEdit = nullptr;
    QCheckBox *m_verifyCheck = nullptr;
    QComboBox *m_conflictCombo = nullptr;
};
