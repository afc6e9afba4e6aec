#include "addjob/rememberedfolders.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace {
QString settingsKey(const QString &field) {
    return QStringLiteral("folders/") + field;
}

// The existing folder `path` is or lies in; empty when there is none.
QString existingFolderOf(const QString &path) {
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    if (info.isDir())
        return info.absoluteFilePath();
    const QFileInfo parent(info.absolutePath());
    return parent.isDir() ? parent.absoluteFilePath() : QString();
}
} // namespace

QString RememberedFolders::startFor(const QString &field, const QString &current) const {
    if (const QString own = existingFolderOf(current); !own.isEmpty())
        return own;
    if (const QString last = remembered(field); !last.isEmpty())
        return last;
    return QDir::homePath();
}

void RememberedFolders::remember(const QString &field, const QString &chosen) {
    const QString folder = existingFolderOf(chosen);
    if (m_settings && !folder.isEmpty())
        m_settings->setValue(settingsKey(field), folder);
}

QString RememberedFolders::remembered(const QString &field) const {
    if (!m_settings)
        return {};
    const QString folder = m_settings->value(settingsKey(field)).toString();
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QString();
}
