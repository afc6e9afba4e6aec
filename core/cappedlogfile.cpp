#include "cappedlogfile.h"

#include <QLocale>

bool CappedLogFile::open(const QString &path) {
    m_file.setFileName(path);
    m_written = 0;
    m_truncated = false;
    return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate);
}

void CappedLogFile::writeLine(const QByteArray &line) {
    if (!m_file.isOpen() || m_truncated)
        return;
    if (m_written + line.size() + 1 > m_maxBytes) {
        m_truncated = true;
        m_file.write(QStringLiteral("[log truncated: it reached %1; later lines are not kept]\n")
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
