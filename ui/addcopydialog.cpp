#include "addcopydialog.h"

#include "icons.h"
#include "jobkindregistry.h"
#include "pathlisteditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
const QString copyKind = QStringLiteral("copy");
} // namespace

AddCopyDialog::AddCopyDialog(const JobKindRegistry &kinds, QWidget *parent)
    : QDialog(parent)
    , m_kinds(kinds) {
    setWindowTitle(tr("Add Copy Job"));
    setWindowIcon(Icons::action(Icons::Action::Add));

    auto *listLabel = new QLabel(tr("&Files and folders to copy:"), this);
    m_sourceEditor = new PathListEditor(this);
    m_sourceEditor->setAccessibleName(tr("Files and folders to copy"));
    m_sourceEditor->setPickerTitles(tr("Add Files to Copy"), tr("Add a Folder to Copy"));
    listLabel->setBuddy(m_sourceEditor);

    m_destinationEdit = new QLineEdit(this);
    m_destinationEdit->setAccessibleName(tr("Destination folder"));
    m_destinationEdit->setPlaceholderText(tr("An existing folder, e.g. a backup disk"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setAccessibleName(tr("Choose the destination folder"));
    connect(browse, &QPushButton::clicked, this, &AddCopyDialog::browseDestination);
    auto *destinationRow = new QHBoxLayout;
    destinationRow->addWidget(m_destinationEdit, 1);
    destinationRow->addWidget(browse);

    m_conflictCombo = new QComboBox(this);
    m_conflictCombo->setAccessibleName(tr("When a name is taken"));
    m_conflictCombo->addItem(tr("Skip the file"), QStringLiteral("skip"));
    m_conflictCombo->addItem(tr("Overwrite the file"), QStringLiteral("overwrite"));
    m_conflictCombo->addItem(tr("Keep both: rename the copy to “name (2)”"),
                             QStringLiteral("rename"));

    m_verifyCheck =
        new QCheckBox(tr("&Verify each copy (re-read both and compare checksums)"), this);

    auto *form = new QFormLayout;
    // A row holding a layout gets no buddy by itself: without one the "&" would show.
    auto *destinationLabel = new QLabel(tr("Copy &into:"), this);
    destinationLabel->setBuddy(m_destinationEdit);
    form->addRow(destinationLabel, destinationRow);
    form->addRow(tr("When a &name is taken:"), m_conflictCombo);
    form->addRow(QString(), m_verifyCheck);

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
    connect(buttons, &QDialogButtonBox::accepted, this, &AddCopyDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddCopyDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(listLabel);
    layout->addWidget(m_sourceEditor, 1);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);

    const auto hideError = [this] { m_errorLabel->hide(); };
    connect(m_sourceEditor, &PathListEditor::pathsChanged, this, hideError);
    connect(m_destinationEdit, &QLineEdit::textChanged, this, hideError);
    connect(m_conflictCombo, &QComboBox::currentIndexChanged, this, hideError);
    resize(560, 420);
}

QStringList AddCopyDialog::sources() const {
    return m_sourceEditor->paths();
}

void AddCopyDialog::setSources(const QStringList &paths) {
    m_sourceEditor->setPaths(paths);
}

QString AddCopyDialog::destination() const {
    return m_destinationEdit->text().trimmed();
}

void AddCopyDialog::setDestination(const QString &folder) {
    m_destinationEdit->setText(folder);
}

bool AddCopyDialog::verify() const {
    return m_verifyCheck->isChecked();
}

void AddCopyDialog::setVerify(bool verify) {
    m_verifyCheck->setChecked(verify);
}

QString AddCopyDialog::conflictPolicy() const {
    return m_conflictCombo->currentData().toString();
}

void AddCopyDialog::setConflictPolicy(const QString &policy) {
    const int index = m_conflictCombo->findData(policy);
    if (index >= 0)
        m_conflictCombo->setCurrentIndex(index);
}

QString AddCopyDialog::errorText() const {
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void AddCopyDialog::browseDestination() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Copy Into"), destination(),
                                                             QFileDialog::ShowDirsOnly |
                                                                 QFileDialog::DontUseNativeDialog);
    if (!folder.isEmpty())
        setDestination(folder);
}

void AddCopyDialog::accept() {
    const JobKind *kind = m_kinds.find(copyKind);
    if (!kind) {
        showError(tr("This build of Taskdeck cannot copy files (no “copy” job kind)."));
        return;
    }
    if (sources().isEmpty()) {
        showError(tr("Add at least one file or folder to copy."));
        return;
    }
    if (destination().isEmpty()) {
        showError(tr("Choose the folder to copy into."));
        return;
    }
    const QVariantMap params{
        {QStringLiteral("sources"), sources()},
        {QStringLiteral("destination"), QFileInfo(destination()).absoluteFilePath()},
        {QStringLiteral("verify"), verify()},
        {QStringLiteral("on_conflict"), conflictPolicy()},
        {QStringLiteral("base_dir"), QDir::currentPath()}};
    // Cheap: the kind stats paths, it never walks a tree here.
    const Expected<QVariantMap> validated = kind->validate(params);
    if (!validated) {
        showError(validated.error());
        return;
    }
    m_spec = JobSpec{};
    m_spec.kind = copyKind;
    m_spec.params = validated.value();
    m_errorLabel->hide();
    QDialog::accept();
}

void AddCopyDialog::showError(const QString &message) {
    m_errorLabel->setText(message);
    m_errorLabel->show();
}
