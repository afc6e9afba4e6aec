#pragma once

#include "base/expected.h"
#include "job/storedjob.h"
#include "store/storebatch.h"

#include <QObject>
#include <QSqlDatabase>
#include <QString>

// The queue's durable home: an SQLite database (QtSql, QSQLITE) at
// DIR/taskdeck.db in WAL mode, and each job's log as a file capped at
// logCapBytes in DIR/logs/<id>.log. The schema version is PRAGMA user_version;
// open() migrates a database of any earlier version.
//
// Thread: create it anywhere, then move it to its own QThread (the store
// thread) and call everything there (QMetaObject::invokeMethod): a QtSql
// connection belongs to the thread that opened it. Never on the GUI thread.
class JobStore : public QObject {
    Q_OBJECT
public:
    static constexpr int schemaVersion = 2;
    static constexpr qint64 logCapBytes = 16 * 1024 * 1024;

    struct Loaded {
        QList<StoredJob> jobs; // in queue order
        // For a person, empty when all went well, e.g. "The database
        // /x/taskdeck.db could not be read (file is not a database); it was
        // moved to /x/taskdeck.db.corrupt-20261126-031500 and a new one started."
        QString notice;
        int pruned = 0;   // finished jobs dropped for being older than the history limit
        JobId nextId = 1; // the lowest id never given to a job
    };

    explicit JobStore(QString dataDir, QObject *parent = nullptr);
    ~JobStore() override; // closes the connection (call on the store thread, or after it ended)

    QString dataDir() const { return m_dataDir; }
    QString databasePath() const;
    QString logPath(JobId id) const;

    // Creates DIR if needed, opens or creates the database, checks it (a file
    // that is not a database or fails PRAGMA quick_check is moved aside with
    // its -wal/-shm under a timestamped name, the logs/ folder beside it under
    // the same stamp, and a fresh one is started; nothing is deleted),
    // migrates it, deletes finished jobs (and their logs) that finished more than
    // historyDays ago (0: keep all), and loads every job. An error only when no
    // database can be used at all (the folder cannot be written...).
    Expected<Loaded> open(int historyDays);

    // Writes the batch in one transaction, then appends its log lines. On failure
    // (disk full, read-only, ...) the transaction is rolled back: nothing of the
    // batch is kept, everything committed before stays. Emits written() either way.
    // Within the transaction: upserts, then removals (a job both upserted and
    // removed is gone), the order, clearCheckpoints, then the new checkpoints (a
    // job both cleared and checkpointed keeps the new ones). After the commit:
    // removed jobs' logs are deleted, restartLogs emptied, then logLines appended
    // (not for removed jobs). A log file that cannot be written is reported with
    // qWarning, not as the batch's error: the rows are committed by then, and a
    // retried batch would log its lines twice. Returns the error written() carries.
    QString write(const StoreBatch &batch);

    // The last maxLines lines of the job's log file (all of them when maxLines <= 0).
    QStringList readLog(JobId id, int maxLines) const;
    // Appends lines to the job's log file (recovery notes at start-up).
    void appendLog(JobId id, const QStringList &lines);

    // Tests: caps the database's size in pages (PRAGMA max_page_count), so a
    // test can fill it like a full disk fills.
    Status limitPagesForTesting(int pages);

Q_SIGNALS:
    // error is empty when the batch is on disk; otherwise a sentence naming the
    // database and the reason, e.g. "cannot save to /x/taskdeck.db: database or disk is full".
    void written(quint64 sequence, const QString &error);

private:
    enum class Attempt { Done, Corrupt, Failed };
    Attempt openAndLoad(int historyDays, Loaded &loaded, QString &error);
    Status openConnection();
    void closeConnection();
    struct MovedAside {
        QString database;
        QString logs; // empty when there was no log folder
    };
    Expected<MovedAside> moveAsideCorrupt();
    Status prune(int historyDays, int &pruned);
    Status load(QList<StoredJob> &jobs, JobId &nextId);
    QString writeRows(const StoreBatch &batch);
    void writeLogs(const StoreBatch &batch);

    QString m_dataDir;
    QString m_connectionName;
    QSqlDatabase m_db; // open after a successful open(); on the thread that called it
};
