#include "job/jobprogress.h"

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

void JobProgress::trackLeftover(const JobLeftover &leftover) {
    const QString text = leftover.encoded();
    QMutexLocker lock(&m_mutex);
    if (!m_leftovers.contains(text)) {
        m_leftovers.append(text);
        m_leftoversChanged = true;
    }
}

void JobProgress::releaseLeftover(const JobLeftover &leftover) {
    const QString text = leftover.encoded();
    QMutexLocker lock(&m_mutex);
    if (m_leftovers.removeOne(text))
        m_leftoversChanged = true;
}

QStringList JobProgress::temporaries() const {
    QStringList paths;
    QMutexLocker lock(&m_mutex);
    for (const QString &text : m_leftovers) {
        const std::optional<JobLeftover> leftover = JobLeftover::decode(text);
        if (leftover && leftover->kind == JobLeftover::Kind::TemporaryFile)
            paths.append(leftover->path);
    }
    return paths;
}

std::optional<QStringList> JobProgress::takeLeftoversIfChanged() {
    QMutexLocker lock(&m_mutex);
    if (!std::exchange(m_leftoversChanged, false))
        return std::nullopt;
    return m_leftovers;
}

void JobProgress::onFirstVisit(const QString &folder, const std::function<void()> &fn) {
    const std::lock_guard lock(m_visitMutex);
    if (m_visited.contains(folder))
        return;
    fn();
    m_visited.insert(folder);
}
