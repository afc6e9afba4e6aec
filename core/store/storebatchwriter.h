#pragma once

#include "store/storebatch.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

// Writes the rows of one StoreBatch into the store's database, inside the
// transaction its caller (JobStore::write) opened and commits or rolls back:
// upserts, then removals (a job both upserted and removed is gone), the
// order, clearCheckpoints, then the new checkpoints (a job both cleared and
// checkpointed keeps the new ones), the leftovers, and the next job id. It
// stops at the first statement that fails.
//
// Thread: the store's; one batch per writer.
class StoreBatchWriter {
public:
    explicit StoreBatchWriter(QSqlDatabase &db);
    // The first error, or empty when every row went in.
    QString write(const StoreBatch &batch);

private:
    bool prepare(const QString &sql);
    bool exec();
    void perJob(const QString &sql, const QList<JobId> &ids);
    void upserts(const StoreBatch &batch);
    void order(const QList<JobId> &order);
    void checkpoints(const QHash<JobId, QList<JobCheckpoint>> &checkpoints);
    void leftovers(const QHash<JobId, QStringList> &leftovers);
    void nextId(JobId id);

    QSqlQuery m_query;
    QString m_error;
};
