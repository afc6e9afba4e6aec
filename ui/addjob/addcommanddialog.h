#pragma once

#include "kinds/command/commandjobparams.h"

#include "addjob/addjobdialog.h"

class PathListEditor;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

// Asks for a "command" job: a command line, split as a shell would split it
// (quotes and backslashes; no variables, globs or pipes: the program runs
// without a shell) and shown back, program and arguments one per row, as it
// is typed; a working folder; where progress comes from.
//
// Before closing, accept() validates the parameters through the command kind;
// when the kind refuses (command not found, no such folder, ...), its message is
// shown inline and the dialog stays open. After accepted(), spec() is the
// validated job to queue; the dialog itself queues nothing (see AddJobDialog).
//
// "For each file" makes it add one job per file chosen there, all or none,
// like `taskdeck add command --each`: the placeholders of LinePlaceholders in
// the command line ({} the file, {.} without its extension, ...), or the file
// appended as the last argument when it names none. Hidden when editing a job.
// The folder picker is Qt's own (non-native) dialog.
//
// Ownership: the registry is not owned and must outlive the dialog. GUI thread.
class AddCommandDialog : public AddJobDialog {
    Q_OBJECT
public:
    explicit AddCommandDialog(const JobKindRegistry &kinds, QWidget *parent = nullptr);

    QString commandLine() const;
    void setCommandLine(const QString &commandLine);
    // The command line split into program and arguments, as it will run (see
    // ShellWords); empty while a quote is open.
    QStringList words() const;

    // Absolute; defaults to the application's current folder.
    QString workingDirectory() const;
    void setWorkingDirectory(const QString &path);

    // The files of "For each file"; empty: one job.
    QStringList eachFiles() const;
    void setEachFiles(const QStringList &files);

    // "auto" (default), "percent", "ffmpeg", "rsync" or "none".
    QString progressMode() const;
    void setProgressMode(const QString &mode);

private:
    void folderSettingsChanged() override;
    void updateParsed();
    void browseWorkingDirectory();
    QVariantMap parameters(QString *error) const override;
    QList<QVariantMap> parameterSets(QString *error) const override;
    void setParameters(const QVariantMap &params) override;
    QStringList parameterKeys() const override;

    QLineEdit *m_commandEdit = nullptr;
    QListWidget *m_parsedList = nullptr;
    QLineEdit *m_cwdEdit = nullptr;
    QComboBox *m_progressCombo = nullptr;
    QLabel *m_eachLabel = nullptr;
    PathListEditor *m_eachEditor = nullptr;
    // The job being edited as the dialog found it (defaults for a new one): what
    // the dialog does not show is kept from it.
    CommandJobParams m_edited;
};
