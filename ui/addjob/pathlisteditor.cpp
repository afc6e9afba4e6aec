#include "addjob/pathlisteditor.h"

#include "addjob/rememberedfolders.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

PathListEditor::PathListEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_removeButton(new QPushButton(tr("&Remove"), this))
    , m_filesTitle(tr("Add Files"))
    , m_folderTitle(tr("Add a Folder")) {
    setAcceptDrops(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setAccessibleName(tr("Files and folders"));
    // Drops land on the list, but are handled here.
    m_list->setAcceptDrops(false);

    auto *addFilesButton = new QPushButton(tr("Add F&iles…"), this);
    auto *addFolderButton = new QPushButton(tr("Add F&older…"), this);
    m_removeButton->setEnabled(false);
    connect(addFilesButton, &QPushButton::clicked, this, &PathListEditor::browseFiles);
    connect(addFolderButton, &QPushButton::clicked, this, &PathListEditor::browseFolder);
    connect(m_removeButton, &QPushButton::clicked, this, &PathListEditor::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_removeButton->setEnabled(!m_list->selectedItems().isEmpty()); });

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(addFilesButton);
    buttons->addWidget(addFolderButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    setFocusProxy(m_list);
}

QStringList PathListEditor::paths() const {
    QStringList result;
    for (int i = 0; i < m_list->count(); ++i)
        result.append(m_list->item(i)->data(Qt::UserRole).toString());
    return result;
}

void PathListEditor::setPaths(const QStringList &paths) {
    m_list->clear();
    addPaths(paths);
}

void PathListEditor::addPaths(const QStringList &paths) {
    QStringList existing = this->paths();
    for (const QString &path : paths) {
        if (path.isEmpty())
            continue;
        const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        if (existing.contains(absolute))
            continue;
        existing.append(absolute);
        auto *item = new QListWidgetItem(QDir::toNativeSeparators(absolute), m_list);
        item->setData(Qt::UserRole, absolute);
        item->setToolTip(item->text());
    }
    Q_EMIT pathsChanged();
}

void PathListEditor::setPickerTitles(const QString &filesTitle, const QString &folderTitle) {
    m_filesTitle = filesTitle;
    m_folderTitle = folderTitle;
}

void PathListEditor::removeSelected() {
    qDeleteAll(m_list->selectedItems());
    Q_EMIT pathsChanged();
}

void PathListEditor::setFolderMemory(RememberedFolders *folders, const QString &field) {
    m_folders = folders;
    m_field = field;
}

QString PathListEditor::pickerStart() const {
    // The last item's folder, else where this field chose last.
    const QStringList existing = paths();
    const QString current = existing.isEmpty() ? QString() : existing.last();
    if (m_folders)
        return m_folders->startFor(m_field, current);
    return current.isEmpty() ? QString() : QFileInfo(current).absolutePath();
}

void PathListEditor::remember(const QStringList &chosen) {
    if (m_folders && !chosen.isEmpty())
        m_folders->remember(m_field, QFileInfo(chosen.last()).absolutePath());
}

void PathListEditor::browseFiles() {
    const QStringList chosen = QFileDialog::getOpenFileNames(
        this, m_filesTitle, pickerStart(), QString(), nullptr, QFileDialog::DontUseNativeDialog);
    remember(chosen);
    addPaths(chosen);
}

void PathListEditor::browseFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, m_folderTitle, pickerStart(),
                                                             QFileDialog::ShowDirsOnly |
                                                                 QFileDialog::DontUseNativeDialog);
    if (folder.isEmpty())
        return;
    remember({folder});
    addPaths({folder});
}

void PathListEditor::dragEnterEvent(QDragEnterEvent *event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void PathListEditor::dropEvent(QDropEvent *event) {
    QStringList dropped;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            dropped.append(url.toLocalFile());
    }
    if (dropped.isEmpty())
        return;
    addPaths(dropped);
    event->acceptProposedAction();
}
