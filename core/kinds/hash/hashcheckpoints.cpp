#include "kinds/hash/hashcheckpoints.h"

#include "job/jobcontext.h"

#include <QFile>

QString HashCheckpoints::itemFor(const QByteArray &name) {
    const QString item = QFile::decodeName(name);
    return QFile::encodeName(item) == name ? item : QString();
}

std::optional<ParallelHasher::Result> HashCheckpoints::reusable(const QByteArray &name,
                                                                const QByteArray &path) {
    if (!m_context.isResuming())
        return std::nullopt;
    const QString item = itemFor(name);
    if (item.isEmpty() || !m_context.finishedBefore(item))
        return std::nullopt;
    return reusable(name, FileStamp::of(path));
}

std::optional<ParallelHasher::Result> HashCheckpoints::reusable(const QByteArray &name,
                                                                const FileStamp &current) {
    const QString item = itemFor(name);
    const std::optional<QString> value =
        item.isEmpty() ? std::nullopt : m_context.finishedBefore(item);
    if (!value)
        return std::nullopt;
    QStringView hex;
    const FileStamp recorded = FileStamp::fromString(*value, &hex);
    const QByteArray digest = QByteArray::fromHex(hex.toLatin1());
    if (!recorded.isValid() || digest.isEmpty() || !current.isValid() || recorded != current) {
        m_tally.addChanged();
        return std::nullopt;
    }
    m_tally.addReused();
    ParallelHasher::Result result;
    result.digest = digest;
    result.bytes = recorded.size();
    result.stamp = recorded;
    return result;
}

void HashCheckpoints::record(const QByteArray &name, const ParallelHasher::Result &result) {
    if (result.reused || !result.error.isEmpty() || !result.stamp.isValid())
        return;
    const QString item = itemFor(name);
    if (item.isEmpty())
        return;
    m_context.recordFinished(item, result.stamp.toString() + QLatin1Char(':') +
                                       QString::fromLatin1(result.digest.toHex()));
}

void HashCheckpoints::logResumed() const {
    m_tally.log(m_context, QStringLiteral("hashed"));
}
