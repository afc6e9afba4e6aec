#include "kinds/common/filestamp.h"

#include <sys/stat.h>

FileStamp FileStamp::fromStat(const struct stat &info) {
    return FileStamp(qint64(info.st_size),
                     qint64(info.st_mtim.tv_sec) * 1000000000 + qint64(info.st_mtim.tv_nsec));
}

FileStamp FileStamp::of(const QByteArray &path) {
    struct stat info {};
    if (::stat(path.constData(), &info) != 0)
        return {};
    return fromStat(info);
}

QString FileStamp::toString() const {
    return QString::number(m_size) + QLatin1Char(':') + QString::number(m_mtimeNs);
}

FileStamp FileStamp::fromString(QStringView text, QStringView *rest) {
    const qsizetype first = text.indexOf(QLatin1Char(':'));
    if (first <= 0)
        return {};
    qsizetype second = text.indexOf(QLatin1Char(':'), first + 1);
    const QStringView mtimeText =
        second < 0 ? text.mid(first + 1) : text.mid(first + 1, second - first - 1);
    bool sizeOk = false;
    bool mtimeOk = false;
    const qint64 size = text.first(first).toLongLong(&sizeOk);
    const qint64 mtime = mtimeText.toLongLong(&mtimeOk);
    if (!sizeOk || !mtimeOk || size < 0)
        return {};
    if (rest)
        *rest = second < 0 ? QStringView() : text.mid(second + 1);
    return FileStamp(size, mtime);
}
