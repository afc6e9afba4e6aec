#include "store/storebatchwriter.h"

#include "store/jobrowcodec.h"

#include <QSqlError>

namespace {
QString errorText(const QSqlError &error) {
    return error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
}

// A null QString would bind as NULL: the text columns hold '' instead.
QString text(const QString &value) {
    return value.isNull() ? QStringLiteral("") : value;
}
} // namespace

StoreBatchWriter::StoreBatchWriter(QSqlDatabase &db)
    : m_query(db) {}

bool StoreBatchWriter::prepare(const QString &sql) {
    if (m_error.isEmpty() && !m_query.prepare(sql))
        m_error = errorText(m_query.lastError());
    return m_error.isEmpty();
}

bool StoreBatchWriter::exec() {
    if (m_error.isEmpty() && !m_query.exec())
        m_error = errorText(m_query.lastError());
    return m_error.isEmpty();
}

void StoreBatchWriter::perJob(const QString &sql, const QList<JobId> &ids) {
    if (ids.isEmpty() || !prepare(sql))
        return;
    for (JobId id : ids) {
        m_query.addBindValue(qint64(id));
        if (!exec())
            return;
    }
}

QString StoreBatchWriter::write(const StoreBatch &batch) {
    upserts(batch);
    perJob(QStringLiteral("DELETE FROM jobs WHERE id = ?"), batch.removed);
    perJob(QStringLiteral("DELETE FROM checkpoints WHERE job_id = ?"), batch.removed);
    perJob(QStringLiteral("DELETE FROM leftovers WHERE job_id = ?"), batch.removed);
    if (batch.order)
        order(*batch.order);
    perJob(QStringLiteral("DELETE FROM checkpoints WHERE job_id = ?"), batch.clearCheckpoints);
    checkpoints(batch.checkpoints);
    leftovers(batch.leftovers);
    if (batch.nextId > 0)
        nextId(batch.nextId);
    return m_error;
}

void StoreBatchWriter::upserts(const StoreBatch &batch) {
    if (batch.upserts.isEmpty() || !prepare(JobRowCodec::upsertSql()))
        return;
    for (const JobSnapshot &job : batch.upserts) {
        JobRowCodec::bind(m_query, job, batch.resumeOnStart.contains(job.id));
        if (!exec())
            return;
    }
}

void StoreBatchWriter::order(const QList<JobId> &order) {
    if (!prepare(QStringLiteral("UPDATE jobs SET position = ? WHERE id = ?")))
        return;
    for (qsizetype position = 0; position < order.size(); ++position) {
        m_query.addBindValue(qint64(position));
        m_query.addBindValue(qint64(order.at(position)));
        if (!exec())
            return;
    }
}

void StoreBatchWriter::checkpoints(const QHash<JobId, QList<JobCheckpoint>> &checkpoints) {
    if (checkpoints.isEmpty() ||
        !prepare(QStringLiteral(
            "INSERT OR REPLACE INTO checkpoints (job_id, item, value) VALUES (?, ?, ?)")))
        return;
    for (auto it = checkpoints.cbegin(); it != checkpoints.cend(); ++it) {
        for (const JobCheckpoint &checkpoint : it.value()) {
            m_query.addBindValue(qint64(it.key()));
            m_query.addBindValue(text(checkpoint.item));
            m_query.addBindValue(text(checkpoint.value));
            if (!exec())
                return;
        }
    }
}

void StoreBatchWriter::leftovers(const QHash<JobId, QStringList> &leftovers) {
    if (leftovers.isEmpty())
        return;
    perJob(QStringLiteral("DELETE FROM leftovers WHERE job_id = ?"), leftovers.keys());
    if (!prepare(QStringLiteral("INSERT OR IGNORE INTO leftovers (job_id, what) VALUES (?, ?)")))
        return;
    for (auto it = leftovers.cbegin(); it != leftovers.cend(); ++it) {
        for (const QString &what : it.value()) {
            m_query.addBindValue(qint64(it.key()));
            m_query.addBindValue(text(what));
            if (!exec())
                return;
        }
    }
}

void StoreBatchWriter::nextId(JobId id) {
    if (!prepare(QStringLiteral("UPDATE meta SET value = MAX(value, ?) WHERE key = 'next_id'")))
        return;
    m_query.addBindValue(qint64(id));
    exec();
}
