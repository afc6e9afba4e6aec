#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;
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

Q_SIGNALS:
    // Fires after paths were added or removed.
    void pathsChanged();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void browseFiles();
    void browseFolder();
    void removeSelected();

    QListWidget *m_list;
    QPushButton *m_removeButton;
    QString m_filesTitle;
    QString m_folderTitle;
};
