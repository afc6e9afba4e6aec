#pragma once

#include <QDBusConnection>
#include <QObject>

#include <optional>

// Shows paths to a person in the desktop's file manager.
//
// showItem(): asks the file manager, over D-Bus, to show a path:
// org.freedesktop.FileManager1.ShowItems(as uris, s startupId) on
// /org/freedesktop/FileManager1 of the service org.freedesktop.FileManager1.
// A file is shown selected in its folder; a folder is shown itself. The call
// is asynchronous (the GUI thread never waits on the bus). When there is no
// bus, no such service, or the call fails, openFolder() runs instead.
//
// openFolder(): opens a folder, or the folder holding a file, with the
// desktop's handler (QDesktopServices, which a test can intercept).
//
// openFile(): opens a file itself with the desktop's handler.
//
// All three emit refused() at once, and do nothing else, for a path that does not
// exist (a file that is gone does not open its folder: the person would look
// for it there); neither does anything for an empty path.
//
// GUI thread.
class FileManagerLauncher : public QObject {
    Q_OBJECT
public:
    explicit FileManagerLauncher(QObject *parent = nullptr);

    // The bus showItem() calls the file manager on; until set, the session
    // bus, connected at the first showItem(). Tests pass a private bus.
    void setBus(const QDBusConnection &bus) { m_bus = bus; }

    void showItem(const QString &path);
    void openFolder(const QString &path);
    // Opens a file itself with the desktop's handler (a log in a text viewer).
    void openFile(const QString &path);

Q_SIGNALS:
    // The path does not exist, or the desktop could not open it: one line for
    // the status bar.
    void refused(const QString &message);
    // The file manager took a showItem() call (it returned no error); for
    // tests and diagnostics. Not emitted when openFolder() stood in.
    void shownByFileManager(const QString &path);

private:
    bool exists(const QString &path);

    std::optional<QDBusConnection> m_bus;
};
