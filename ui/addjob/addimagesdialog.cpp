#include "addjob/addimagesdialog.h"

#include "kinds/images/imagesjobparams.h"

#include "addjob/pathlisteditor.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

QSpinBox *createSizeSpin(QWidget *parent, const QString &name) {
    auto *spin = new QSpinBox(parent);
    spin->setAccessibleName(name);
    spin->setRange(0, 100000);
    spin->setSuffix(QObject::tr(" px"));
    spin->setSpecialValueText(QObject::tr("no limit"));
    return spin;
}

} // namespace

AddImagesDialog::AddImagesDialog(const JobKindRegistry &kinds, QWidget *parent)
    : AddJobDialog(kinds, ImagesJobParams::kindName(),
                   tr("This build of Taskdeck cannot convert images (no “images” job kind)."),
                   parent) {
    setWindowTitle(tr("Add Image Job"));

    auto *listLabel = new QLabel(tr("&Images and folders to convert:"), this);
    m_pathEditor = new PathListEditor(this);
    m_pathEditor->setFolderMemory(folders(), QStringLiteral("images/paths"));
    m_pathEditor->setAccessibleName(tr("Images and folders to convert"));
    m_pathEditor->setPickerTitles(tr("Add Images to Convert"), tr("Add a Folder of Images"));
    listLabel->setBuddy(m_pathEditor);
    connect(m_pathEditor, &PathListEditor::pathsChanged, this, &AddImagesDialog::hideError);

    m_outputEdit = new QLineEdit(this);
    m_outputEdit->setAccessibleName(tr("Output folder"));
    m_outputEdit->setPlaceholderText(tr("A folder outside the sources, e.g. ~/Pictures/small"));
    QHBoxLayout *outputRow = createBrowseRow(
        m_outputEdit, tr("&Browse…"), tr("Choose the output folder"), [this] { browseOutput(); });
    auto *outputLabel = new QLabel(tr("&Write into:"), this);
    outputLabel->setBuddy(m_outputEdit);

    m_widthSpin = createSizeSpin(this, tr("Maximum width"));
    m_heightSpin = createSizeSpin(this, tr("Maximum height"));
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_widthSpin);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_heightSpin);
    sizeRow->addStretch();
    auto *sizeLabel = new QLabel(tr("Fit &within:"), this);
    sizeLabel->setBuddy(m_widthSpin);
    sizeLabel->setToolTip(tr("Aspect ratio is kept; smaller images are never enlarged."));

    m_formatCombo = new QComboBox(this);
    m_formatCombo->setAccessibleName(tr("Format"));
    m_formatCombo->addItem(tr("Keep each image's format"), QString());
    m_formatCombo->addItem(tr("JPEG"), QStringLiteral("jpeg"));
    m_formatCombo->addItem(tr("PNG"), QStringLiteral("png"));
    m_formatCombo->addItem(tr("WebP"), QStringLiteral("webp"));

    m_qualitySpin = new QSpinBox(this);
    m_qualitySpin->setAccessibleName(tr("Quality"));
    m_qualitySpin->setRange(1, 100);
    m_qualitySpin->setValue(90);
    m_qualitySpin->setToolTip(tr("For JPEG and WebP: higher is better and larger."));

    auto *form = new QFormLayout;
    form->addRow(outputLabel, outputRow);
    form->addRow(sizeLabel, sizeRow);
    form->addRow(tr("&Format:"), m_formatCombo);
    form->addRow(tr("&Quality:"), m_qualitySpin);

    QVBoxLayout *layout = contentLayout();
    layout->addWidget(listLabel);
    layout->addWidget(m_pathEditor, 1);
    layout->addLayout(form);
    resize(560, 460);
}

QStringList AddImagesDialog::paths() const {
    return m_pathEditor->paths();
}

void AddImagesDialog::setPaths(const QStringList &paths) {
    m_pathEditor->setPaths(paths);
}

QString AddImagesDialog::outputPath() const {
    return m_outputEdit->text().trimmed();
}

void AddImagesDialog::setOutputPath(const QString &path) {
    m_outputEdit->setText(path);
}

QSize AddImagesDialog::maxSize() const {
    return QSize(m_widthSpin->value(), m_heightSpin->value());
}

void AddImagesDialog::setMaxSize(QSize size) {
    m_widthSpin->setValue(size.width());
    m_heightSpin->setValue(size.height());
}

QString AddImagesDialog::format() const {
    return m_formatCombo->currentData().toString();
}

void AddImagesDialog::setFormat(const QString &format) {
    const int index = m_formatCombo->findData(format);
    if (index >= 0)
        m_formatCombo->setCurrentIndex(index);
}

int AddImagesDialog::quality() const {
    return m_qualitySpin->value();
}

void AddImagesDialog::setQuality(int quality) {
    m_qualitySpin->setValue(quality);
}

void AddImagesDialog::browseOutput() {
    const QString folder =
        browseFolder(QStringLiteral("images/output"), tr("Write Images Into"), outputPath());
    if (!folder.isEmpty())
        setOutputPath(folder);
}

QVariantMap AddImagesDialog::parameters(QString *error) const {
    if (paths().isEmpty()) {
        *error = tr("Add at least one image or folder to convert.");
        return {};
    }
    if (outputPath().isEmpty()) {
        *error = tr("Choose the folder to write the images into.");
        return {};
    }
    ImagesJobParams p;
    p.baseDir = QDir::currentPath();
    for (const QString &path : paths())
        p.paths.append(p.absolute(path));
    p.output = p.absolute(QDir::fromNativeSeparators(outputPath()));
    p.maxWidth = maxSize().width();
    p.maxHeight = maxSize().height();
    p.format = format();
    p.quality = quality();
    return p.toMap();
}

void AddImagesDialog::setParameters(const QVariantMap &params) {
    const Expected<ImagesJobParams> parsed = ImagesJobParams::fromMap(params);
    if (!parsed)
        return; // a job the queue took always parses
    setPaths(parsed->paths);
    setOutputPath(parsed->output);
    setMaxSize(QSize(parsed->maxWidth, parsed->maxHeight));
    setFormat(parsed->format);
    setQuality(parsed->quality);
}

QStringList AddImagesDialog::parameterKeys() const {
    return ImagesJobParams::keys();
}
