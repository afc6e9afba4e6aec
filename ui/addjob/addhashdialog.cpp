#include "addjob/addhashdialog.h"

#include "kinds/hash/hashjobparams.h"

#include "addjob/pathlisteditor.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

// Manifest suffixes sha256sum & co. and b2sum users expect, to guess the algorithm.
QString algorithmForSuffix(const QString &suffix) {
    const QString lower = suffix.toLower();
    if (lower == QLatin1String("b2"))
        return QStringLiteral("blake2b");
    return AddHashDialog::algorithms().contains(lower) ? lower : QString();
}

} // namespace

AddHashDialog::AddHashDialog(const JobKindRegistry &kinds, Mode mode, QWidget *parent)
    : AddJobDialog(kinds, HashJobParams::kindName(),
                   tr("This build of Taskdeck cannot hash files (no “hash” job kind)."), parent) {
    setWindowTitle(tr("Add Hash Job"));

    auto *hashRadio = new QRadioButton(tr("&Create a checksum manifest"), this);
    auto *verifyRadio = new QRadioButton(tr("&Verify files against a manifest"), this);
    m_modeGroup = new QButtonGroup(this);
    m_modeGroup->addButton(hashRadio, int(Mode::Hash));
    m_modeGroup->addButton(verifyRadio, int(Mode::Verify));
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(hashRadio);
    modeRow->addWidget(verifyRadio);
    modeRow->addStretch();

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(createHashPage());
    m_pages->addWidget(createVerifyPage());

    QVBoxLayout *layout = contentLayout();
    layout->addLayout(modeRow);
    layout->addWidget(m_pages, 1);

    connect(m_modeGroup, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked)
            m_pages->setCurrentIndex(id);
        hideError();
    });
    setMode(mode);
    resize(560, 420);
}

QComboBox *AddHashDialog::createAlgorithmCombo(QWidget *parent, bool withDetect) {
    auto *combo = new QComboBox(parent);
    combo->setAccessibleName(tr("Algorithm"));
    if (withDetect)
        combo->addItem(tr("Detect from the manifest"), QString());
    const QStringList labels{tr("SHA-256"), tr("SHA-512"), tr("SHA-1"), tr("MD5"), tr("BLAKE2b")};
    const QStringList names = algorithms();
    for (qsizetype i = 0; i < names.size(); ++i)
        combo->addItem(labels.value(i, names[i]), names[i]);
    return combo;
}

QWidget *AddHashDialog::createHashPage() {
    auto *page = new QWidget(this);
    auto *listLabel = new QLabel(tr("&Files and folders to hash:"), page);
    m_pathEditor = new PathListEditor(page);
    m_pathEditor->setFolderMemory(folders(), QStringLiteral("hash/paths"));
    m_pathEditor->setAccessibleName(tr("Files and folders to hash"));
    m_pathEditor->setPickerTitles(tr("Add Files to Hash"), tr("Add a Folder to Hash"));
    listLabel->setBuddy(m_pathEditor);
    connect(m_pathEditor, &PathListEditor::pathsChanged, this, [this] {
        updateDefaultOutput();
        hideError();
    });

    m_outputEdit = new QLineEdit(page);
    m_outputEdit->setAccessibleName(tr("Manifest to write"));
    m_outputEdit->setPlaceholderText(tr("Beside the first item, e.g. photos.sha256"));
    connect(m_outputEdit, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_outputChosen = !text.isEmpty(); });
    QHBoxLayout *outputRow =
        createBrowseRow(m_outputEdit, tr("&Browse…"), tr("Choose the manifest to write"),
                        [this] { browseOutput(); });
    m_hashAlgorithmCombo = createAlgorithmCombo(page, false);
    connect(m_hashAlgorithmCombo, &QComboBox::currentIndexChanged, this,
            &AddHashDialog::updateDefaultOutput);
    auto *form = new QFormLayout;
    // A row holding a layout gets no buddy by itself: without one the "&" would show.
    auto *outputLabel = new QLabel(tr("&Write manifest to:"), page);
    outputLabel->setBuddy(m_outputEdit);
    form->addRow(outputLabel, outputRow);
    form->addRow(tr("&Algorithm:"), m_hashAlgorithmCombo);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(listLabel);
    layout->addWidget(m_pathEditor, 1);
    layout->addLayout(form);
    return page;
}

QWidget *AddHashDialog::createVerifyPage() {
    auto *page = new QWidget(this);
    m_manifestEdit = new QLineEdit(page);
    m_manifestEdit->setAccessibleName(tr("Manifest to check"));
    connect(m_manifestEdit, &QLineEdit::textChanged, this, &AddHashDialog::onManifestChanged);
    QHBoxLayout *row =
        createBrowseRow(m_manifestEdit, tr("B&rowse…"), tr("Choose the manifest to check"),
                        [this] { browseManifest(); });

    auto *hint = new QLabel(
        tr("Files named in the manifest are looked up relative to the manifest's folder, "
           "as with sha256sum -c."),
        page);
    hint->setWordWrap(true);

    m_verifyAlgorithmCombo = createAlgorithmCombo(page, true);
    auto *form = new QFormLayout;
    auto *manifestLabel = new QLabel(tr("&Manifest:"), page);
    manifestLabel->setBuddy(m_manifestEdit);
    form->addRow(manifestLabel, row);
    form->addRow(tr("A&lgorithm:"), m_verifyAlgorithmCombo);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addStretch();
    return page;
}

AddHashDialog::Mode AddHashDialog::mode() const {
    return Mode(m_modeGroup->checkedId());
}

void AddHashDialog::setMode(Mode mode) {
    m_modeGroup->button(int(mode))->setChecked(true);
    m_pages->setCurrentIndex(int(mode));
    setWindowTitle(mode == Mode::Hash ? tr("Add Hash Job") : tr("Add Verify Job"));
}

QStringList AddHashDialog::paths() const {
    return m_pathEditor->paths();
}

void AddHashDialog::setPaths(const QStringList &paths) {
    m_pathEditor->setPaths(paths);
}

void AddHashDialog::addPaths(const QStringList &paths) {
    m_pathEditor->addPaths(paths);
}

QString AddHashDialog::algorithm() const {
    return currentAlgorithmCombo()->currentData().toString();
}

void AddHashDialog::setAlgorithm(const QString &algorithm) {
    QComboBox *combo = currentAlgorithmCombo();
    const int index = combo->findData(algorithm);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

QComboBox *AddHashDialog::currentAlgorithmCombo() const {
    return mode() == Mode::Hash ? m_hashAlgorithmCombo : m_verifyAlgorithmCombo;
}

QString AddHashDialog::outputPath() const {
    return m_outputEdit->text().trimmed();
}

void AddHashDialog::setOutputPath(const QString &path) {
    m_outputEdit->setText(path);
    m_outputChosen = !path.isEmpty();
    updateDefaultOutput();
}

QString AddHashDialog::manifestPath() const {
    return m_manifestEdit->text().trimmed();
}

void AddHashDialog::setManifestPath(const QString &path) {
    m_manifestEdit->setText(path);
}

QStringList AddHashDialog::algorithms() {
    return {QStringLiteral("sha256"), QStringLiteral("sha512"), QStringLiteral("sha1"),
            QStringLiteral("md5"), QStringLiteral("blake2b")};
}

QString AddHashDialog::defaultOutputFor(const QString &firstItem, const QString &algorithm) {
    const QFileInfo info(QDir::cleanPath(firstItem));
    QString name = info.fileName();
    if (name.isEmpty()) // the root folder
        name = QStringLiteral("checksums");
    return info.absoluteDir().filePath(name + QLatin1Char('.') + algorithm);
}

void AddHashDialog::updateDefaultOutput() {
    if (m_outputChosen)
        return;
    const QStringList items = paths();
    m_outputEdit->setText(
        items.isEmpty()
            ? QString()
            : defaultOutputFor(items.first(), m_hashAlgorithmCombo->currentData().toString()));
}

void AddHashDialog::onManifestChanged(const QString &path) {
    const QString guessed = algorithmForSuffix(QFileInfo(path).suffix());
    m_verifyAlgorithmCombo->setCurrentIndex(qMax(0, m_verifyAlgorithmCombo->findData(guessed)));
    hideError();
}

void AddHashDialog::browseOutput() {
    const QString start =
        outputPath().isEmpty() ? folders()->startFor(QStringLiteral("hash/output")) : outputPath();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Write Manifest To"), start,
        tr("Checksum manifests (*.sha256 *.sha512 *.sha1 *.md5 *.blake2b *.b2);;All files (*)"),
        nullptr, QFileDialog::DontUseNativeDialog);
    if (path.isEmpty())
        return;
    folders()->remember(QStringLiteral("hash/output"), path);
    setOutputPath(path);
}

void AddHashDialog::browseManifest() {
    const QString start = manifestPath().isEmpty()
                              ? folders()->startFor(QStringLiteral("verify/manifest"))
                              : manifestPath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Manifest to Verify"), start,
        tr("Checksum manifests (*.sha256 *.sha512 *.sha1 *.md5 *.blake2b *.b2);;All files (*)"),
        nullptr, QFileDialog::DontUseNativeDialog);
    if (path.isEmpty())
        return;
    folders()->remember(QStringLiteral("verify/manifest"), path);
    setManifestPath(path);
}

QVariantMap AddHashDialog::parameters(QString *error) const {
    HashJobParams p;
    if (!algorithm().isEmpty()) { // empty: the kind infers it from the manifest
        if (const Expected<HashAlgorithm> chosen = HashJobParams::algorithmFromName(algorithm()))
            p.algorithm = chosen.value();
    }
    if (mode() == Mode::Verify) {
        if (manifestPath().isEmpty()) {
            *error = tr("Choose the manifest to verify.");
            return {};
        }
        const QFileInfo manifest(manifestPath());
        p.mode = HashJobParams::Mode::Verify;
        p.manifest = manifest.absoluteFilePath();
        p.baseDir = manifest.absolutePath();
        return p.toMap();
    }

    const QStringList items = paths();
    if (items.isEmpty()) {
        *error = tr("Add at least one file or folder to hash.");
        return {};
    }
    if (outputPath().isEmpty()) {
        *error = tr("Choose where to write the manifest.");
        return {};
    }
    // Names in the manifest are relative to its folder, so `cd folder && sha256sum -c`
    // works there and the manifest stays valid when the folder moves.
    const QFileInfo output(outputPath());
    const QDir base(output.absolutePath());
    for (const QString &item : items)
        p.paths.append(base.relativeFilePath(item));
    p.output = output.absoluteFilePath();
    p.baseDir = base.absolutePath();
    return p.toMap();
}

void AddHashDialog::setParameters(const QVariantMap &params) {
    const Expected<HashJobParams> parsed = HashJobParams::fromMap(params);
    if (!parsed)
        return; // a job the queue took always parses
    if (parsed->mode == HashJobParams::Mode::Verify) {
        setMode(Mode::Verify);
        setManifestPath(parsed->manifest);
    } else {
        setMode(Mode::Hash);
        QStringList items;
        for (const QString &path : parsed->paths)
            items.append(QDir::cleanPath(parsed->resolve(path)));
        setPaths(items);
        setOutputPath(parsed->output);
    }
    // After the manifest, which guesses one from its name.
    setAlgorithm(parsed->algorithm ? hashAlgorithmName(*parsed->algorithm) : QString());
}

QStringList AddHashDialog::parameterKeys() const {
    QStringList keys = HashJobParams::keys();
    if (mode() == Mode::Verify) { // the dialog does not edit a verify job's options
        for (const QString &key : HashJobParams::verifyOptionKeys())
            keys.removeAll(key);
    }
    return keys;
}
