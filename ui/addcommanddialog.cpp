#include "addcommanddialog.h"

#include "icons.h"
#include "jobkindregistry.h"
#include "shellwords.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
const QString commandKind = QStringLiteral("command");
} // namespace

AddCommandDialog::AddCommandDialog(const JobKindRegistry &kinds, QWidget *parent)
    : QDialog(parent)
    , m_kinds(kinds) {
    setWindowTitle(tr("Add Command Job"));
    setWindowIcon(Icons::action(Icons::Action::Add));

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
    connect(m_cwdEdit, &QLineEdit::textChanged, this, [this] { m_errorLabel->hide(); });
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setAccessibleName(tr("Choose the working folder"));
    connect(browse, &QPushButton::clicked, this, &AddCommandDialog::browseWorkingDirectory);
    auto *cwdRow = new QHBoxLayout;
    cwdRow->addWidget(m_cwdEdit, 1);
    cwdRow->addWidget(browse);

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

    m_errorLabel = new QLabel(this);
    m_errorLabel->setAccessibleName(tr("Error"));
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add to &Queue"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AddCommandDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddCommandDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(parsedLabel);
    layout->addWidget(m_parsedList, 1);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);
    resize(600, 380);
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

QString AddCommandDialog::progressMode() const {
    return m_progressCombo->currentData().toString();
}

void AddCommandDialog::setProgressMode(const QString &mode) {
    const int index = m_progressCombo->findData(mode);
    if (index >= 0)
        m_progressCombo->setCurrentIndex(index);
}

QString AddCommandDialog::errorText() const {
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void AddCommandDialog::updateParsed() {
    m_errorLabel->hide();
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
    const QString path = QFileDialog::getExistingDirectory(
        this, tr("Working Folder"), workingDirectory(),
        QFileDialog::ShowDirsOnly | QFileDialog::DontUseNativeDialog);
    if (!path.isEmpty())
        setWorkingDirectory(path);
}

void AddCommandDialog::accept() {
    const JobKind *kind = m_kinds.find(commandKind);
    if (!kind) {
        showError(tr("This build of Taskdeck cannot run commands (no “command” job kind)."));
        return;
    }
    const Expected<QStringList> split = ShellWords::split(commandLine());
    if (!split) {
        showError(split.error());
        return;
    }
    const QStringList parts = split.value();
    if (parts.isEmpty()) {
        showError(tr("Enter the command to run."));
        return;
    }
    if (workingDirectory().isEmpty()) {
        showError(tr("Choose the folder to run the command in."));
        return;
    }
    const QVariantMap params{{QStringLiteral("program"), parts.first()},
                             {QStringLiteral("arguments"), parts.mid(1)},
                             {QStringLiteral("cwd"), workingDirectory()},
                             {QStringLiteral("progress"), progressMode()}};
    // Cheap: the kind looks the program up on PATH and stats the folder.
    const Expected<QVariantMap> validated = kind->validate(params);
    if (!validated) {
        showError(validated.error());
        return;
    }
    m_spec = JobSpec{};
    m_spec.kind = commandKind;
    m_spec.params = validated.value();
    m_errorLabel->hide();
    QDialog::accept();
}

void AddCommandDialog::showError(const QString &message) {
    m_errorLabel->setText(message);
    m_errorLabel->show();
}
