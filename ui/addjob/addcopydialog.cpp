#include "addjob/addcopydialog.h"

#include "kinds/copy/copyjobparams.h"

#include "addjob/pathlisteditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

AddCopyDialog::AddCopyDialog(const JobKindRegistry &kinds, QWidget *parent)
    : AddJobDialog(kinds, CopyJobParams::kindName(),
                   tr("This build of Taskdeck cannot copy files (no “copy” job kind)."), parent) {
    setWindowTitle(tr("Add Copy Job"));

    auto *listLabel = new QLabel(tr("&Files and folders to copy:"), this);
    m_sourceEditor = new PathListEditor(this);
    m_sourceEditor->setFolderMemory(folders(), QStringLiteral("copy/sources"));
    m_sourceEditor->setAccessibleName(tr("Files and folders to copy"));
    m_sourceEditor->setPickerTitles(tr("Add Files to Copy"), tr("Add a Folder to Copy"));
    listLabel->setBuddy(m_sourceEditor);

    m_destinationEdit = new QLineEdit(this);
    m_destinationEdit->setAccessibleName(tr("Destination folder"));
    m_destinationEdit->setPlaceholderText(tr("An existing folder, e.g. a backup disk"));
    QHBoxLayout *destinationRow =
        createBrowseRow(m_destinationEdit, tr("&Browse…"), tr("Choose the destination folder"),
                        [this] { browseDestination(); });

    m_conflictCombo = new QComboBox(this);
    m_conflictCombo->setAccessibleName(tr("When a name is taken"));
    m_conflictCombo->addItem(tr("Skip the file"),
                             CopyJobParams::conflictName(CopyJobParams::Conflict::Skip));
    m_conflictCombo->addItem(tr("Overwrite the file"),
                             CopyJobParams::conflictName(CopyJobParams::Conflict::Overwrite));
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

    QVBoxLayout *layout = contentLayout();
    layout->addWidget(listLabel);
    layout->addWidget(m_sourceEditor, 1);
    layout->addLayout(form);

    connect(m_sourceEditor, &PathListEditor::pathsChanged, this, &AddCopyDialog::hideError);
    connect(m_destinationEdit, &QLineEdit::textChanged, this, &AddCopyDialog::hideError);
    connect(m_conflictCombo, &QComboBox::currentIndexChanged, this, &AddCopyDialog::hideError);
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

void AddCopyDialog::browseDestination() {
    const QString folder =
        browseFolder(QStringLiteral("copy/destination"), tr("Copy Into"), destination());
    if (!folder.isEmpty())
        setDestination(folder);
}

QVariantMap AddCopyDialog::parameters(QString *error) const {
    if (sources().isEmpty()) {
        *error = tr("Add at least one file or folder to copy.");
        return {};
    }
    if (destination().isEmpty()) {
        *error = tr("Choose the folder to copy into.");
        return {};
    }
    CopyJobParams p;
    p.baseDir = QDir::currentPath();
    for (const QString &source : sources())
        p.sources.append(p.absolute(source));
    p.destination = p.absolute(destination());
    p.verify = verify();
    if (const Expected<CopyJobParams::Conflict> conflict =
            CopyJobParams::conflictFromName(conflictPolicy()))
        p.onConflict = conflict.value();
    return p.toMap();
}

void AddCopyDialog::setParameters(const QVariantMap &params) {
    const Expected<CopyJobParams> parsed = CopyJobParams::fromMap(params);
    if (!parsed)
        return; // a job the queue took always parses
    setSources(parsed->sources);
    setDestination(parsed->destination);
    setVerify(parsed->verify);
    setConflictPolicy(CopyJobParams::conflictName(parsed->onConflict));
}

QStringList AddCopyDialog::parameterKeys() const {
    return CopyJobParams::keys();
}
