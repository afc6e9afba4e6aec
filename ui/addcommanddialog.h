#pragma once

#include "jobspec.h"

#include <QDialog>

class JobKindRegistry;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

// Asks for a "command" job: a command line, split as a shell would split it
// (quotes and backslashes; no variables, globs or pipes: the program runs
// without a shell) and shown back, program and arguments one per row, as it
// is typed; a working folder; where progress comes from.
//
// Before closing, accept() validates the parameters through the command kind;
// when the kind refuses (command not found, no such folder, ...), its message is
// shown inline and the dialog stays open. After accepted(), spec() is the
// validated job to queue; the dialog itself queues nothing. The folder picker is
// Qt's own (non-native) dialog.
//
// Ownership: the registry is not owned and must outlive the dialog. GUI thread.
class AddCommandDialog : public QDialog {
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

    // "auto" (default), "percent", "ffmpeg", "rsync" or "none".
    QString progressMode() const;
    void setProgressMode(const QString &mode);

    // The message shown for the last refused accept(); empty when none.
    QString errorText() const;
    // The validated job, meaningful after the dialog was accepted.
    JobSpec spec() const { return m_spec; }

    void accept() override;

private:
    void updateParsed();
    void browseWorkingDirectory();
    void showError(const QString &message);

    const JobKindRegistry &m_kinds;
    QLineEdit *m_commandEdit = nullptr;
    QListWidget *m_parsedList = nullptr;
    QLineEdit *m_cwdEdit = nullptr;
    QComboBox *m_progressCombo = nullptr;
    QLabel *m_errorLabel = nullptr;
    JobSpec m_spec;
};
