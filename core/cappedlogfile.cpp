#include "cappedlogfile.h"

#include <QLocale>

namespace {
const QByteArray truncatedMarker = QByteArrayLiteral("[log truncated: ");

// Whether the file's last line is the truncation line. Reads at most its last 256 bytes.
bool endsWithTruncationLine(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const qint64 size = file.size();
    if (size == 0)
        return false;
    const qint64 from = qMax<qint64>(0, size - 256);
    if (!file.seek(from))
        return false;
    QByteArray tail = file.read(size - from);
    if (tail.endsWith('\n'))
        tail.chop(1);
    const qsizetype lineStart = tail.lastIndexOf('\n') + 1;
    return tail.mid(lineStart).startsWith(truncatedMarker);
}
} // namespace

bool CappedLogFile::open(const QString &path) {
    m_file.setFileName(path);
    m_written = 0;
    m_truncated = false;
    return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate);
}

bool CappedLogFile::openForAppend(const QString &path, Access access) {
    m_file.setFileName(path);
    const bool opened = access == Access::OwnerOnly
                            ? m_file.open(QIODevice::WriteOnly | QIODevice::Append,
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                            : m_file.open(QIODevice::WriteOnly | QIODevice::Append);
    if (!opened)
        return false;
    m_written = m_file.size();
    m_truncated = endsWithTruncationLine(path);
    return true;
}

void CappedLogFile::writeLine(const QByteArray &line) {
    if (!m_file.isOpen() || m_truncated)
        return;
    if (m_written + line.size() + 1 > m_maxBytes) {
        m_truncated = true;
        m_file.write(truncatedMarker + QStringLiteral("it reached %1; later lines are not kept]\n")
                                           .arg(QLocale::c().formattedDataSize(m_maxBytes))
                                           .toUtf8());
        m_file.flush();
        return;
    }
    m_file.write(line);
    m_file.write("\n", 1);
    m_written += line.size() + 1;
}

void CappedLogFile::close() {
    m_file.close();
}
