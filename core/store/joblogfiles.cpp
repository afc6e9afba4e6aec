#include "store/joblogfiles.h"

#include "job/cappedlogfile.h"

#include <QDir>
#include <QFile>

#include <cstdio>

namespace {
constexpr qint64 tailBlockBytes = 64 * 1024;
} // namespace

JobLogFiles::JobLogFiles(QString dir, qint64 maxBytes)
    : m_dir(std::move(dir))
    , m_maxBytes(maxBytes) {}

QString JobLogFiles::path(JobId id) const {
    return m_dir + QStringLiteral("/%1.log").arg(id);
}

QString JobLogFiles::append(JobId id, const QStringList &lines) const {
    // The folder and every log in it are the owner's alone: a log is a job's output.
    if (!QDir().exists(m_dir) &&
        !QDir().mkdir(m_dir,
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return QStringLiteral("cannot create the log folder %1").arg(m_dir);
    CappedLogFile file(m_maxBytes);
    if (!file.openForAppend(path(id), CappedLogFile::Access::OwnerOnly))
        return QStringLiteral("cannot write %1: %2").arg(path(id), file.errorString());
    for (const QString &line : lines)
        file.writeLine(line.toUtf8());
    file.close();
    return {};
}

QString JobLogFiles::restart(JobId id) const {
    if (!QFile::exists(path(id)))
        return {};
    QFile file(path(id));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QStringLiteral("cannot empty %1: %2").arg(path(id), file.errorString());
    return {};
}

void JobLogFiles::remove(JobId id) const {
    QFile::remove(path(id));
}

QString JobLogFiles::setAsidePath(JobId id) const {
    return m_dir + QStringLiteral("/removed/%1.log").arg(id);
}

void JobLogFiles::setAside(JobId id) const {
    if (!QFile::exists(path(id)))
        return;
    const QString aside = m_dir + QStringLiteral("/removed");
    if (!QDir().exists(aside) &&
        !QDir().mkdir(aside,
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        remove(id); // cannot be kept for an undo: removed as before
        return;
    }
    // rename(2): the same file system, the same 0600 file, atomically replacing.
    if (::rename(QFile::encodeName(path(id)).constData(),
                 QFile::encodeName(setAsidePath(id)).constData()) != 0)
        remove(id);
}

void JobLogFiles::bringBack(JobId id) const {
    if (QFile::exists(setAsidePath(id)))
        ::rename(QFile::encodeName(setAsidePath(id)).constData(),
                 QFile::encodeName(path(id)).constData());
}

void JobLogFiles::emptySetAside() const {
    QDir aside(m_dir + QStringLiteral("/removed"));
    if (!aside.exists())
        return;
    const QStringList names =
        aside.entryList({QStringLiteral("*.log")}, QDir::Files | QDir::Hidden);
    for (const QString &name : names)
        QFile::remove(aside.filePath(name));
}

QStringList JobLogFiles::tail(JobId id, int maxLines) const {
    QFile file(path(id));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const qint64 size = file.size();
    QByteArray text;
    if (maxLines <= 0) {
        text = file.readAll();
    } else {
        // Blocks from the end until the text holds maxLines line breaks before
        // its last line's (the last line ends with '\n'), or the file's start.
        qint64 from = size;
        while (from > 0 && text.count('\n') <= maxLines) {
            const qint64 block = qMin(tailBlockBytes, from);
            from -= block;
            if (!file.seek(from))
                return {};
            text.prepend(file.read(block));
        }
        if (from > 0) // drop the partial first line
            text.remove(0, text.indexOf('\n') + 1);
    }
    if (text.endsWith('\n'))
        text.chop(1);
    if (text.isEmpty())
        return {};
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    if (maxLines > 0 && lines.size() > maxLines)
        lines.erase(lines.begin(), lines.end() - maxLines);
    return lines;
}
