#include "instance/instancepaths.h"

#include "base/privatefolder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <unistd.h>

namespace {
QString socketFileName(const QString &dataDir) {
    const QByteArray hash =
        QCryptographicHash::hash(dataDir.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QString::fromLatin1(hash) + QStringLiteral(".sock");
}

bool fits(const QString &folder) {
    return (folder + QStringLiteral("/0123456789abcdef.sock")).toUtf8().size() <
           InstancePaths::maxSocketPathBytes;
}
} // namespace

QString InstancePaths::dataDir(const QString &option) {
    if (option.isEmpty())
        return defaultDataDir();
    return QDir::cleanPath(QDir(option).absolutePath());
}

QString InstancePaths::defaultDataDir() {
    // What AppDataLocation gives for organization "Taskdeck" and application
    // "taskdeck" (GenericDataLocation/<organization>/<application>), built here
    // so the client, the headless instance and the window agree whatever their
    // QCoreApplication names are, without touching those global names.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/Taskdeck/taskdeck");
}

QString InstancePaths::lockFilePath(const QString &dataDir) {
    return dataDir + QStringLiteral("/taskdeck.lock");
}

QString InstancePaths::socketFolder(const QString &dataDir) {
    if ((dataDir + QStringLiteral("/taskdeck.sock")).toUtf8().size() < maxSocketPathBytes)
        return {};
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isAbsolute()) {
        const QString folder = QDir::cleanPath(runtime) + QStringLiteral("/taskdeck");
        // The runtime folder must be the user's own, unshared one (the spec's
        // 0700); a stale or borrowed value is skipped, not trusted.
        if (fits(folder) && PrivateFolder::checkOwnedAndUnshared(QDir::cleanPath(runtime)).ok())
            return folder;
    }
    const QString perUser = QStringLiteral("/taskdeck-%1").arg(::geteuid());
    const QString temp = QDir::cleanPath(QDir::tempPath()) + perUser;
    return fits(temp) ? temp : QStringLiteral("/tmp") + perUser;
}

QString InstancePaths::socketName(const QString &dataDir) {
    const QString folder = socketFolder(dataDir);
    if (folder.isEmpty())
        return dataDir + QStringLiteral("/taskdeck.sock");
    return folder + QLatin1Char('/') + socketFileName(dataDir);
}

Status InstancePaths::prepareSocketFolder(const QString &dataDir) {
    const QString folder = socketFolder(dataDir);
    if (folder.isEmpty())
        return {};
    if (Status made = PrivateFolder::ensureOwnedAndPrivate(folder); !made)
        return Status::failure(
            QStringLiteral("cannot place the socket: %1; remove it, or set XDG_RUNTIME_DIR to a "
                           "folder of your own")
                .arg(made.error()));
    return {};
}

Status InstancePaths::checkSocketFolder(const QString &dataDir) {
    const QString folder = socketFolder(dataDir);
    if (folder.isEmpty() || !QFileInfo::exists(folder))
        return {};
    if (Status checked = PrivateFolder::checkOwnedAndUnshared(folder); !checked)
        return Status::failure(
            QStringLiteral("refusing to use the socket in %1: %2").arg(folder, checked.error()));
    return {};
}
