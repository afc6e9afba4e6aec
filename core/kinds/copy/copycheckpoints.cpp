#include "kinds/copy/copycheckpoints.h"

#include "job/jobcontext.h"
#include "kinds/common/filestamp.h"

#include <QFile>

#include <sys/stat.h>

namespace {

constexpr QLatin1StringView folderPrefix("folder:");

// Text for a native path, or empty when decoding would lose bytes.
QString losslessText(const QByteArray &path) {
    const QString text = QFile::decodeName(path);
    return QFile::encodeName(text) == path ? text : QString();
}

// path is directly inside folder (as join() in the copy kind makes them).
bool isDirectlyIn(const QByteArray &path, const QByteArray &folder) {
    const QByteArray prefix = folder.endsWith('/') ? folder : folder + '/';
    return path.size() > prefix.size() && path.startsWith(prefix) &&
           path.indexOf('/', prefix.size()) < 0;
}

} // namespace

std::optional<QString> CopyCheckpoints::recorded(const CopyScanner::Entry &entry) const {
    if (!m_context.isResuming())
        return std::nullopt;
    const QString item = losslessText(entry.source);
    return item.isEmpty() ? std::nullopt : m_context.finishedBefore(item);
}

CopyCheckpoints::Earlier CopyCheckpoints::earlierCopy(const CopyScanner::Entry &entry,
                                                      const QByteArray &targetFolder) {
    const std::optional<QString> value = recorded(entry);
    if (!value)
        return {};
    QStringView rest;
    const FileStamp stamp = FileStamp::fromString(*value, &rest);
    const QByteArray path = QFile::encodeName(rest.toString());
    struct stat copy {};
    if (!stamp.isValid() || !isDirectlyIn(path, targetFolder) ||
        ::lstat(path.constData(), &copy) != 0 || S_ISDIR(copy.st_mode)) {
        m_tally.addChanged();
        return {};
    }
    const bool stands = stamp == FileStamp::fromStat(entry.info) &&
                        (copy.st_mode & S_IFMT) == (entry.info.st_mode & S_IFMT) &&
                        copy.st_size == entry.info.st_size;
    if (!stands) {
        m_tally.addChanged();
        return {Earlier::Verdict::Replace, path};
    }
    m_tally.addReused();
    return {Earlier::Verdict::Reuse, path};
}

std::optional<QByteArray> CopyCheckpoints::reusableFolder(const CopyScanner::Entry &entry,
                                                          const QByteArray &targetFolder) const {
    const std::optional<QString> value = recorded(entry);
    if (!value || !value->startsWith(folderPrefix))
        return std::nullopt;
    const QByteArray path = QFile::encodeName(value->mid(folderPrefix.size()));
    struct stat info {};
    if (!isDirectlyIn(path, targetFolder) || ::lstat(path.constData(), &info) != 0 ||
        !S_ISDIR(info.st_mode))
        return std::nullopt;
    return path;
}

void CopyCheckpoints::recordCopy(const CopyScanner::Entry &entry, const QByteArray &finalPath) {
    const QString item = losslessText(entry.source);
    const QString target = losslessText(finalPath);
    if (item.isEmpty() || target.isEmpty())
        return;
    m_context.recordFinished(item, FileStamp::fromStat(entry.info).toString() + QLatin1Char(':') +
                                       target);
}

void CopyCheckpoints::recordFolder(const CopyScanner::Entry &entry, const QByteArray &path) {
    const QString item = losslessText(entry.source);
    const QString target = losslessText(path);
    if (item.isEmpty() || target.isEmpty())
        return;
    m_context.recordFinished(item, folderPrefix + target);
}

void CopyCheckpoints::logResumed() const {
    m_tally.log(m_context, QStringLiteral("copied"));
}
