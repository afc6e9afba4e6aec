#include "jobprogress.h"

#include <QMutexLocker>

#include <utility>

void JobProgress::setTotal(qint64 total, ProgressUnit unit) {
    m_unit.store(unit, std::memory_order_relaxed);
    m_total.store(total, std::memory_order_relaxed);
}

void JobProgress::setStatus(const QString &text) {
    QMutexLocker lock(&m_mutex);
    m_status = text;
}

void JobProgress::appendLog(const QString &line) {
    QMutexLocker lock(&m_mutex);
    if (m_pendingLog.size() >= maxPendingLogLines) {
        // The sampler has fallen behind a job that logs in a tight loop: keep
        // the newest lines, count the rest so the log can say so.
        m_pendingLog.removeFirst();
        ++m_droppedLogLines;
    }
    m_pendingLog.append(line);
}

QString JobProgress::status() const {
    QMutexLocker lock(&m_mutex);
    return m_status;
}

QStringList JobProgress::takeLog() {
    QMutexLocker lock(&m_mutex);
    QStringList lines;
    if (m_droppedLogLines > 0) {
        lines.append(QStringLiteral("[%1 log lines dropped]").arg(m_droppedLogLines));
        m_droppedLogLines = 0;
    }
    lines.append(std::move(m_pendingLog));
    m_pendingLog.clear();
    return lines;
}

void JobProgress::appendCheckpoint(const QString &item, const QString &value) {
    QMutexLocker lock(&m_mutex);
    m_pendingCheckpoints.append(JobCheckpoint{item, value});
}

QList<JobCheckpoint> JobProgress::takeCheckpoints() {
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_pendingCheckpoints, {});
}

void JobProgress::trackTemporary(const QString &path) {
    QMutexLocker lock(&m_mutex);
    if (!m_temporaries.contains(path)) {
        m_temporaries.append(path);
        m_temporariesChanged = true;
    }
}

void JobProgress::releaseTemporary(const QString &path) {
    QMutexLocker lock(&m_mutex);
    if (m_temporaries.removeOne(path))
        m_temporariesChanged = true;
}

QStringList JobProgress::temporaries() const {
    QMutexLocker lock(&m_mutex);
    return m_temporaries;
}

std::optional<QStringList> JobProgress::takeTemporariesIfChanged() {
    QMutexLocker lock(&m_mutex);
    if (!std::exchange(m_temporariesChanged, false))
        return std::nullopt;
    return m_temporaries;
}
