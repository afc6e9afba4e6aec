#pragma once

#include "store/jobstore.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>
#include <gtest/gtest.h>

#include <memory>
#include <ostream>

// Readable QStrings in failure messages.
inline void PrintTo(const QString &text, std::ostream *os) {
    *os << '"' << text.toStdString() << '"';
}

// A JobStore on a temporary folder, used directly on the test thread, and
// helpers that read as the tests' sentences.
class JobStoreFixture : public ::testing::Test {
protected:
    QTemporaryDir dir;
    std::unique_ptr<JobStore> store;
    QString lastError;
    quint64 lastSequence = 0;
    quint64 nextSequence = 1;

    QString dataDir() const { return dir.path() + QStringLiteral("/data"); }
    QString databasePath() const { return dataDir() + QStringLiteral("/taskdeck.db"); }

    // A fresh JobStore on the folder (the previous one closed first), opened.
    JobStore::Loaded reopen(int historyDays = 0) {
        store.reset();
        store = std::make_unique<JobStore>(dataDir());
        QObject::connect(store.get(), &JobStore::written,
                         [this](quint64 sequence, const QString &error) {
                             lastSequence = sequence;
                             lastError = error;
                         });
        auto loaded = store->open(historyDays);
        EXPECT_TRUE(loaded.ok()) << loaded.error().toStdString();
        return loaded.ok() ? *loaded : JobStore::Loaded();
    }

    // Writes the batch; the written() error (empty on success).
    QString write(StoreBatch batch) {
        batch.sequence = nextSequence++;
        lastError = QStringLiteral("written() was not emitted");
        store->write(batch);
        EXPECT_EQ(lastSequence, batch.sequence);
        return lastError;
    }

    static JobSnapshot job(JobId id, const QString &title = {}) {
        JobSnapshot s;
        s.id = id;
        s.spec.kind = QStringLiteral("hash");
        s.spec.title = title.isEmpty() ? QStringLiteral("Job %1").arg(id) : title;
        s.spec.params = {
            {QStringLiteral("paths"), QStringList{QStringLiteral("/data/%1").arg(id)}}};
        s.position = int(id);
        s.addedAt = QDateTime::currentDateTimeUtc();
        return s;
    }

    StoreBatch upserting(const QList<JobSnapshot> &jobs) {
        StoreBatch batch;
        batch.upserts = jobs;
        return batch;
    }

    QList<JobId> idsOf(const JobStore::Loaded &loaded) const {
        QList<JobId> ids;
        for (const StoredJob &stored : loaded.jobs)
            ids.append(stored.job.id);
        return ids;
    }

    // Runs statements on the database through a connection of its own (not the store's).
    static QVariant rawQuery(const QString &path, const QStringList &statements) {
        static int connections = 0;
        const QString name = QStringLiteral("test-raw-%1").arg(++connections);
        QVariant result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            EXPECT_TRUE(db.open()) << db.lastError().text().toStdString();
            QSqlQuery query(db);
            for (const QString &statement : statements) {
                EXPECT_TRUE(query.exec(statement))
                    << statement.toStdString() << ": " << query.lastError().text().toStdString();
                if (query.next())
                    result = query.value(0);
            }
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return result;
    }
};
