#include "kinds/copy/copytally.h"

#include "job/humanformat.h"
#include "job/jobcontext.h"

#include <QFile>
#include <QLocale>

namespace {

// How many paths the result's lists keep.
constexpr int listedInDetails = 100;

QString decode(const QByteArray &path) {
    return QFile::decodeName(path);
}

QByteArray join(const QByteArray &folder, const QByteArray &name) {
    return folder.endsWith('/') ? folder + name : folder + '/' + name;
}

QString count(qint64 n, const char *one, const char *many) {
    return QStringLiteral("%1 %2").arg(QLocale().toString(n), QLatin1String(n == 1 ? one : many));
}

} // namespace

void CopyTally::skip(const QByteArray &path) {
    if (++m_skippedCount <= listedInDetails)
        m_skipped.append(decode(path));
}

void CopyTally::rename(const QByteArray &from, const QByteArray &to) {
    if (++m_renamedCount <= listedInDetails)
        m_renamed.append(QStringLiteral("%1 -> %2").arg(decode(from), decode(to)));
}

void CopyTally::createdFolder(const CopyScanner::Entry &entry, const QByteArray &target,
                              const QByteArray &wanted) {
    ++m_folders;
    if (target != wanted)
        rename(entry.source, target);
}

void CopyTally::copied(const CopyScanner::Entry &entry, const QByteArray &finalPath,
                       const QByteArray &folder) {
    switch (entry.type) {
    case CopyScanner::Type::File:
        ++m_files;
        if (entry.linkOf < 0)
            m_bytes += entry.info.st_size;
        break;
    case CopyScanner::Type::Symlink:
        ++m_links;
        break;
    case CopyScanner::Type::Special:
        ++m_specials;
        break;
    case CopyScanner::Type::Folder:
        break;
    }
    if (finalPath != join(folder, entry.name))
        rename(entry.source, finalPath);
}

void CopyTally::fail(const QByteArray &path, const QString &error, JobContext &context) {
    m_failed.append(decode(path));
    if (m_firstError.isEmpty())
        m_firstError = error;
    context.log(error);
}

JobResult CopyTally::result() const {
    QString summary = count(m_files + m_links + m_specials, "file", "files") +
                      QStringLiteral(", %1 copied").arg(HumanFormat::bytes(m_bytes));
    if (m_skippedCount > 0)
        summary += QStringLiteral(", %1 skipped").arg(QLocale().toString(m_skippedCount));
    if (m_renamedCount > 0)
        summary += QStringLiteral(", %1 renamed").arg(QLocale().toString(m_renamedCount));
    const QVariantMap details{{QStringLiteral("files"), m_files},
                              {QStringLiteral("folders"), m_folders},
                              {QStringLiteral("links"), m_links},
                              {QStringLiteral("specials"), m_specials},
                              {QStringLiteral("bytes"), m_bytes},
                              {QStringLiteral("skipped"), m_skipped},
                              {QStringLiteral("skipped_count"), m_skippedCount},
                              {QStringLiteral("renamed"), m_renamed},
                              {QStringLiteral("renamed_count"), m_renamedCount},
                              {QStringLiteral("failed"), m_failed}};
    if (m_failed.isEmpty())
        return JobResult{{}, summary, details};
    QString error = m_firstError;
    if (m_failed.size() > 1)
        error += QStringLiteral(", and %1 more could not be copied")
                     .arg(QLocale().toString(m_failed.size() - 1));
    return JobResult::failure(
        error, summary + QStringLiteral(", %1 failed").arg(QLocale().toString(m_failed.size())),
        details);
}
