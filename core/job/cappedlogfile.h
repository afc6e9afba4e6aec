#pragma once

#include <QFile>
#include <QString>

// A job's full log on disk, capped: lines are appended until the file would
// pass maxBytes, then one last line says the log was truncated and the rest is
// dropped (the in-memory log keeps the tail). Opening truncates an earlier log
// (a retried job starts a new one); openForAppend continues an existing log
// instead (the store appends each batch's lines). Not thread-safe: one writer.
class CappedLogFile {
public:
    static constexpr qint64 defaultMaxBytes = 64 * 1024 * 1024;

    explicit CappedLogFile(qint64 maxBytes = defaultMaxBytes)
        : m_maxBytes(maxBytes) {}

    // False, with errorString(), when the file cannot be created or is not a
    // regular file (a FIFO or a device is refused, never waited on).
    bool open(const QString &path);
    // Opens path for appending, creating it if needed (with mode 0600 when
    // private: the store's logs hold a job's output), so the bytes already there
    // count towards maxBytes, and a log that already ends with the truncation
    // line stays truncated (nothing more is added).
    enum class Access { Default, OwnerOnly };
    bool openForAppend(const QString &path, Access access = Access::Default);
    bool isOpen() const { return m_file.isOpen(); }
    QString errorString() const { return m_error; }
    // Appends line and a '\n'; does nothing when not open or past the cap.
    void writeLine(const QByteArray &line);
    bool truncated() const { return m_truncated; }
    void close();

private:
    QFile m_file;
    QString m_error;
    qint64 m_maxBytes;
    qint64 m_written = 0;
    bool m_truncated = false;
};
