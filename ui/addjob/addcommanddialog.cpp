#include "addjob/addcommanddialog.h"

#include "kinds/command/commandjobparams.h"
#include "kinds/command/shellwords.h"

#include "addjob/pathlisteditor.h"
#include "base/lineplaceholders.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

AddCommandDialog::AddCommandDialog(const JobKindRegistry &kinds, QWidget *parent)
    : AddJobDialog(kinds, CommandJobParams::kindName(),
                   tr("This build of Taskdeck cannot run commands (no “command” job kind)."),
                   parent) {
    setWindowTitle(tr("Add Command Job"));

    m_commandEdit = new QLineEdit(this);
    m_commandEdit->setAccessibleName(tr("Command line"));
    m_commandEdit->setPlaceholderText(tr("e.g. rsync -a --info=progress2 ~/photos /media/backup"));
    m_commandEdit->setClearButtonEnabled(true);
    connect(m_commandEdit, &QLineEdit::textChanged, this, &AddCommandDialog::updateParsed);

    m_parsedList = new QListWidget(this);
    m_parsedList->setAccessibleName(tr("Program and arguments"));
    m_parsedList->setSelectionMode(QAbstractItemView::NoSelection);
    m_parsedList->setFocusPolicy(Qt::NoFocus);
    auto *parsedLabel =
        new QLabel(tr("Runs (program, then one argument per row, no shell):"), this);

    m_cwdEdit = new QLineEdit(QDir::currentPath(), this);
    m_cwdEdit->setAccessibleName(tr("Working folder"));
    connect(m_cwdEdit, &QLineEdit::textChanged, this, &AddCommandDialog::hideError);
    QHBoxLayout *cwdRow =
        createBrowseRow(m_cwdEdit, tr("&Browse…"), tr("Choose the working folder"),
                        [this] { browseWorkingDirectory(); });

    m_progressCombo = new QComboBox(this);
    m_progressCombo->setAccessibleName(tr("Progress"));
    m_progressCombo->addItem(tr("Detect from the output"), QStringLiteral("auto"));
    m_progressCombo->addItem(tr("Percentage at the end of a line (42%)"),
                             QStringLiteral("percent"));
    m_progressCombo->addItem(tr("ffmpeg -progress pipe:1"), QStringLiteral("ffmpeg"));
    m_progressCombo->addItem(tr("rsync --info=progress2"), QStringLiteral("rsync"));
    m_progressCombo->addItem(tr("None (show activity and elapsed time)"), QStringLiteral("none"));

    auto *form = new QFormLayout;
    auto *commandLabel = new QLabel(tr("&Command line:"), this);
    commandLabel->setBuddy(m_commandEdit);
    form->addRow(commandLabel, m_commandEdit);
    // A row holding a layout gets no buddy by itself: without one the "&" would show.
    auto *cwdLabel = new QLabel(tr("&Working folder:"), this);
    cwdLabel->setBuddy(m_cwdEdit);
    form->addRow(cwdLabel, cwdRow);
    form->addRow(tr("&Progress:"), m_progressCombo);

    m_eachEditor = new PathListEditor(this);
    m_eachEditor->setAccessibleName(tr("For each file"));
    m_eachEditor->setPickerTitles(tr("Files to Run the Command On"),
                                  tr("Folder to Run the Command On"));
    connect(m_eachEditor, &PathListEditor::pathsChanged, this, &AddCommandDialog::hideError);
    m_eachLabel = new QLabel(tr("For &each file (optional), one job per file, all or none: in the "
                                "command line {} is the file, {.} without its extension, {/} "
                                "its name, {/.} both, {//} its folder; with none of them the "
                                "file comes last."),
                             this);
    m_eachLabel->setWordWrap(true);
    m_eachLabel->setBuddy(m_eachEditor);

    QVBoxLayout *layout = contentLayout();
    layout->addLayout(form);
    layout->addWidget(parsedLabel);
    layout->addWidget(m_parsedList, 1);
    layout->addWidget(m_eachLabel);
    layout->addWidget(m_eachEditor, 1);
    resize(640, 560);
}

void AddCommandDialog::folderSettingsChanged() {
    // The folder chosen last, rather than wherever Taskdeck was started from,
    // unless the field was already set.
    const QString last = folders()->remembered(QStringLiteral("command/cwd"));
    if (!last.isEmpty() && m_cwdEdit->text() == QDir::currentPath())
        setWorkingDirectory(last);
}

QString AddCommandDialog::commandLine() const {
    return m_commandEdit->text();
}

void AddCommandDialog::setCommandLine(const QString &commandLine) {
    m_commandEdit->setText(commandLine);
}

QStringList AddCommandDialog::words() const {
    const Expected<QStringList> split = ShellWords::split(commandLine());
    return split ? split.value() : QStringList();
}

QString AddCommandDialog::workingDirectory() const {
    const QString text = m_cwdEdit->text().trimmed();
    return text.isEmpty() ? QString() : QDir::cleanPath(QDir::current().absoluteFilePath(text));
}

void AddCommandDialog::setWorkingDirectory(const QString &path) {
    m_cwdEdit->setText(path);
}

QStringList AddCommandDialog::eachFiles() const {
    return m_eachEditor->paths();
}

void AddCommandDialog::setEachFiles(const QStringList &files) {
    m_eachEditor->setPaths(files);
}

QString AddCommandDialog::progressMode() const {
    return m_progressCombo->currentData().toString();
}

void AddCommandDialog::setProgressMode(const QString &mode) {
    const int index = m_progressCombo->findData(mode);
    if (index >= 0)
        m_progressCombo->setCurrentIndex(index);
}

void AddCommandDialog::updateParsed() {
    hideError();
    m_parsedList->clear();
    const Expected<QStringList> split = ShellWords::split(commandLine());
    if (!split) {
        // Shown as it is typed: an opening quote is normal halfway through.
        m_parsedList->addItem(split.error());
        m_parsedList->item(0)->setForeground(QColor(0xc6, 0x28, 0x28));
        return;
    }
    m_parsedList->addItems(split.value());
    if (m_parsedList->count() > 0) {
        QFont bold = m_parsedList->item(0)->font();
        bold.setBold(true);
        m_parsedList->item(0)->setFont(bold);
    }
}

void AddCommandDialog::browseWorkingDirectory() {
    const QString folder =
        browseFolder(QStringLiteral("command/cwd"), tr("Working Folder"), workingDirectory());
    if (!folder.isEmpty())
        setWorkingDirectory(folder);
}

QVariantMap AddCommandDialog::parameters(QString *error) const {
    const Expected<QStringList> split = ShellWords::split(commandLine());
    if (!split) {
        *error = split.error();
        return {};
    }
    const QStringList parts = split.value();
    if (parts.isEmpty()) {
        *error = tr("Enter the command to run.");
        return {};
    }
    if (workingDirectory().isEmpty()) {
        *error = tr("Choose the folder to run the command in.");
        return {};
    }
    // The kind looks the program up on PATH and stats the folder. What the
    // dialog does not show (environment, grace, log file) stays as it was.
    CommandJobParams p = m_edited;
    p.program = parts.first();
    p.arguments = parts.mid(1);
    p.cwd = workingDirectory();
    p.progress = progressMode();
    return p.toMap();
}

QList<QVariantMap> AddCommandDialog::parameterSets(QString *error) const {
    const QVariantMap single = parameters(error);
    const QStringList files = eachFiles();
    if (!error->isEmpty() || files.isEmpty())
        return {single};
    const Expected<CommandJobParams> template_ = CommandJobParams::fromMap(single);
    if (!template_)
        return {single};
    QStringList words{template_->program};
    words.append(template_->arguments);
    QList<QVariantMap> sets;
    sets.reserve(files.size());
    for (const QString &file : files) {
        const QStringList substituted = LinePlaceholders::wordsFor(words, file);
        CommandJobParams p = template_.value();
        p.program = substituted.first();
        p.arguments = substituted.mid(1);
        sets.append(p.toMap());
    }
    return sets;
}

void AddCommandDialog::setParameters(const QVariantMap &params) {
    // Editing changes one job: "For each file" does not apply.
    m_eachLabel->hide();
    m_eachEditor->hide();
    const Expected<CommandJobParams> parsed = CommandJobParams::fromMap(params);
    if (!parsed)
        return; // a job the queue took always parses
    m_edited = parsed.value();
    QStringList words{m_edited.program};
    words.append(m_edited.arguments);
    for (QString &word : words)
        word = CommandJobParams::shellQuote(word);
    setCommandLine(words.join(QLatin1Char(' ')));
    setWorkingDirectory(m_edited.cwd);
    setProgressMode(m_edited.progress);
}

QStringList AddCommandDialog::parameterKeys() const {
    return CommandJobParams::keys();
}
