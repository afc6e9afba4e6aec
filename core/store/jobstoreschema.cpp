#include "store/jobstoreschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <array>
#include <initializer_list>

namespace {
// Step i takes the database from version i to i + 1.
using Step = std::initializer_list<const char *>;
const std::array<Step, 2> steps{
    // 0 -> 1: jobs in queue order with their whole snapshot; what resumable jobs finished.
    Step{
        "CREATE TABLE jobs ("
        " id INTEGER PRIMARY KEY,"
        " position INTEGER NOT NULL,"
        " kind TEXT NOT NULL,"
        " title TEXT NOT NULL,"
        " params TEXT NOT NULL," // JSON object
        " priority TEXT NOT NULL,"
        " grp TEXT NOT NULL,"
        " after TEXT NOT NULL," // JSON array of job ids
        " not_before TEXT,"     // ISO 8601 UTC with ms, NULL: none
        " capabilities INTEGER NOT NULL,"
        " state TEXT NOT NULL," // jobStateName
        " wait_reason TEXT NOT NULL,"
        " started INTEGER NOT NULL,"
        " done INTEGER NOT NULL,"
        " total INTEGER NOT NULL,"
        " unit TEXT NOT NULL,"
        " status TEXT NOT NULL,"
        " error TEXT NOT NULL,"
        " summary TEXT NOT NULL,"
        " details TEXT NOT NULL," // JSON object
        " added_at TEXT,"
        " started_at TEXT,"
        " finished_at TEXT,"
        " resume_on_start INTEGER NOT NULL)",
        "CREATE INDEX jobs_by_position ON jobs(position, id)",
        "CREATE TABLE checkpoints ("
        " job_id INTEGER NOT NULL,"
        " item TEXT NOT NULL,"
        " value TEXT NOT NULL,"
        " PRIMARY KEY (job_id, item)) WITHOUT ROWID",
    },
    // 1 -> 2: what an unfinished run may leave behind (JobLeftover::encoded());
    // the next job id, which never goes down, whatever is removed or pruned.
    Step{
        "CREATE TABLE leftovers ("
        " job_id INTEGER NOT NULL,"
        " what TEXT NOT NULL,"
        " PRIMARY KEY (job_id, what)) WITHOUT ROWID",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
        "INSERT INTO meta (key, value) SELECT 'next_id', IFNULL(MAX(id), 0) + 1 FROM jobs",
    },
};

QString errorText(const QSqlError &error) {
    return error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
}
} // namespace

int JobStoreSchema::currentVersion() {
    return int(steps.size());
}

Expected<int> JobStoreSchema::version(QSqlDatabase &db) {
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return Expected<int>::failure(errorText(query.lastError()));
    return query.value(0).toInt();
}

Status JobStoreSchema::migrate(QSqlDatabase &db, int from) {
    for (int version = from; version < currentVersion(); ++version) {
        if (!db.transaction())
            return Status::failure(errorText(db.lastError()));
        QStringList statements;
        for (const char *statement : steps[std::size_t(version)])
            statements.append(QString::fromLatin1(statement));
        statements.append(QStringLiteral("PRAGMA user_version = %1").arg(version + 1));
        QString error;
        {
            QSqlQuery query(db);
            for (const QString &statement : std::as_const(statements)) {
                if (!query.exec(statement)) {
                    error = errorText(query.lastError());
                    break;
                }
            }
        }
        if (error.isEmpty() && !db.commit())
            error = errorText(db.lastError());
        if (!error.isEmpty()) {
            db.rollback();
            return Status::failure(QStringLiteral("cannot upgrade it from schema version %1 to "
                                                  "%2: %3")
                                       .arg(version)
                                       .arg(version + 1)
                                       .arg(error));
        }
    }
    return {};
}
