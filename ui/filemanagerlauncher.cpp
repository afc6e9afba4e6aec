#include "filemanagerlauncher.h"

#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QDBusPendingCallWatcher>
#include <QDesktopServices>
#include <QFileInfo>
#include <QUrl>

namespace {

// The freedesktop.org file manager interface, implemented by Nautilus, Dolphin,
// Nemo, Caja, Thunar and others.
const QString fileManagerService = QStringLiteral("org.freedesktop.FileManager1");
const QString fileManagerPath = QStringLiteral("/org/freedesktop/FileManager1");
const QString fileManagerInterface = QStringLiteral("org.freedesktop.FileManager1");

} // namespace

FileManagerLauncher::FileManagerLauncher(QObject *parent)
    : QObject(parent) {}

bool FileManagerLauncher::exists(const QString &path) {
    if (QFileInfo::exists(path))
        return true;
    Q_EMIT refused(tr("%1 does not exist (any more)").arg(path));
    return false;
}

void FileManagerLauncher::showItem(const QString &path) {
    if (path.isEmpty() || !exists(path))
        return;
    if (!m_bus)
        m_bus = QDBusConnection::sessionBus();
    if (!m_bus->isConnected()) {
        openFolder(path);
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QDBusMessage call = QDBusMessage::createMethodCall(
        fileManagerService, fileManagerPath, fileManagerInterface, QStringLiteral("ShowItems"));
    // No startup notification id: the file manager raises its window as it would.
    call << QStringList{QUrl::fromLocalFile(absolute).toString(QUrl::FullyEncoded)} << QString();
    auto *watcher = new QDBusPendingCallWatcher(m_bus->asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, path](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                if (finished->isError())
                    openFolder(path); // no file manager on the bus, or it failed
                else
                    Q_EMIT shownByFileManager(path);
            });
}

void FileManagerLauncher::openFolder(const QString &path) {
    if (path.isEmpty() || !exists(path))
        return;
    const QFileInfo info(path);
    // A file (a manifest) opened in an editor would surprise: its folder opens.
    const QString folder = info.isDir() ? path : info.absolutePath();
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        Q_EMIT refused(tr("no application could open %1").arg(folder));
}

void FileManagerLauncher::openFile(const QString &path) {
    if (path.isEmpty() || !exists(path))
        return;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        Q_EMIT refused(tr("no application could open %1").arg(path));
}
