#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;
class RememberedFolders;
class QPushButton;

// An editable list of files and folders: "Add Files…", "Add Folder…" (Qt's own
// non-native pickers), "Remove", and drops of files from a file manager. Holds
// absolute, cleaned paths without duplicates, in the order they were added.
// For the add-job dialogs. GUI thread.
class PathListEditor : public QWidget {
    Q_OBJECT
public:
    explicit PathListEditor(QWidget *parent = nullptr);

    QStringList paths() const;
    void setPaths(const QStringList &paths);
    void addPaths(const QStringList &paths);

    // The caption of the file pickers, e.g. "Add Files to Hash".
    void setPickerTitles(const QString &filesTitle, const QString &folderTitle);
    // Where its pickers start when the list is empty, and what they remember,
    // under `field` (see RememberedFolders). Not owned; must outlive it.
    void setFolderMemory(RememberedFolders *folders, const QString &field);

Q_SIGNALS:
    // Fires after paths were added or removed.
    void pathsChanged();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QString pickerStart() const;
    void remember(const QStringList &chosen);
    void browseFiles();
    void browseFolder();
    void removeSelected();

    QListWidget *m_list;
    QPushButton *m_removeButton;
    QString m_filesTitle;
    QString m_folderTitle;
    RememberedFolders *m_folders = nullptr;
    QString m_field;
};
