#include "instancepaths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>

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

QString InstancePaths::socketName(const QString &dataDir) {
    const QString inDataDir = dataDir + QStringLiteral("/taskdeck.sock");
    if (inDataDir.toUtf8().size() < maxSocketPathBytes)
        return inDataDir;
    QString base = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (base.isEmpty() || !QDir(base).exists())
        base = QDir::tempPath();
    const QByteArray hash =
        QCryptographicHash::hash(dataDir.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return base + QStringLiteral("/taskdeck-") + QString::fromLatin1(hash) +
           QStringLiteral(".sock");
}
