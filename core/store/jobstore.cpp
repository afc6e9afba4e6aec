#include "store/jobstore.h"

#include "store/joblogfiles.h"
#include "store/jobrowcodec.h"
#include "store/jobstoreschema.h"
#include "store/storebatchwriter.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <fcntl.h>
#include <unistd.h>

namespace {
constexpr int busyTimeoutMs = 10000;

QString errorText(const QSqlError &error) {
    return error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
}

// SQLite's words for SQLITE_NOTADB and SQLITE_CORRUPT: the file cannot be
// trusted, unlike a locked database, a read-only folder or a full disk.
bool looksCorrupt(const QString &error) {
    return error.contains(QLatin1String("not a database"), Qt::CaseInsensitive) ||
           error.contains(QLatin1String("malformed"), Qt::CaseInsensitive) ||
           error.contains(QLatin1String("corrupt"), Qt::CaseInsensitive);
}

// A query that must succeed; its first row's first value, or the error's text.
Expected<QVariant> pragma(QSqlDatabase &db, const QString &statement) {
    QSqlQuery query(db);
    if (!query.exec(statement))
        return Expected<QVariant>::failure(errorText(query.lastError()));
    return query.next() ? query.value(0) : QVariant();
}

void createPrivately(const QString &path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0)
        ::close(fd);
}

JobLogFiles logFiles(const QString &dataDir) {
    return JobLogFiles(dataDir + QStringLiteral("/logs"), JobStore::logCapBytes);
}
} // namespace

JobStore::JobStore(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir)) {
    static std::atomic<quint64> stores{0};
    m_connectionName = QStringLiteral("taskdeck-store-%1").arg(++stores);
    static_assert(schemaVersion == 2, "add a migration step in jobstoreschema.cpp");
    Q_ASSERT(JobStoreSchema::currentVersion() == schemaVersion);
}

JobStore::~JobStore() {
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase(); // the last handle must be gone before removeDatabase
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString JobStore::databasePath() const {
    return m_dataDir + QStringLiteral("/taskdeck.db");
}

QString JobStore::logPath(JobId id) const {
    return logFiles(m_dataDir).path(id);
}

Expected<JobStore::Loaded> JobStore::open(int historyDays) {
    if (!QDir().mkpath(m_dataDir) || !QFileInfo(m_dataDir).isDir())
        return Expected<Loaded>::failure(
            QStringLiteral("cannot create the data folder %1").arg(m_dataDir));
    // SQLite would create the file 0644 & ~umask, and its -wal and -shm with the
    // same mode: made here first, they are the owner's alone.
    createPrivately(databasePath());
    Loaded loaded;
    QString error;
    const Attempt attempt = openAndLoad(historyDays, loaded, error);
    if (attempt == Attempt::Done)
        return loaded;
    closeConnection();
    if (attempt == Attempt::Failed)
        return Expected<Loaded>::failure(error);

    const Expected<MovedAside> movedTo = moveAsideCorrupt();
    if (!movedTo)
        return Expected<Loaded>::failure(
            QStringLiteral(
                "The database %1 could not be read (%2) and could not be moved aside: %3")
                .arg(databasePath(), error, movedTo.error()));
    loaded = Loaded();
    QString freshError;
    if (openAndLoad(historyDays, loaded, freshError) != Attempt::Done) {
        closeConnection();
        return Expected<Loaded>::failure(freshError);
    }
    loaded.notice = QStringLiteral("The database %1 could not be read (%2); it was moved to %3 "
                                   "and a new one started.")
                        .arg(databasePath(), error, movedTo->database);
    if (!movedTo->logs.isEmpty())
        loaded.notice +=
            QStringLiteral(" The jobs' logs were moved with it, to %1.").arg(movedTo->logs);
    return loaded;
}

JobStore::Attempt JobStore::openAndLoad(int historyDays, Loaded &loaded, QString &error) {
    const QString path = databasePath();
    const auto fail = [&](const QString &reason) {
        error = reason;
        return looksCorrupt(reason) ? Attempt::Corrupt : Attempt::Failed;
    };
    if (Status opened = openConnection(); !opened) {
        error = QStringLiteral("cannot open %1: %2").arg(path, opened.error());
        // A file that is there and readable but cannot be opened is not a database.
        const QFileInfo file(path);
        return file.isFile() && file.isReadable() ? Attempt::Corrupt : Attempt::Failed;
    }
    // Nothing below writes to the file before the version is known to be ours.
    if (auto timeout = pragma(m_db, QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs));
        !timeout)
        return fail(timeout.error());
    const Expected<int> version = JobStoreSchema::version(m_db);
    if (!version)
        return fail(version.error());
    if (*version > schemaVersion) {
        error = QStringLiteral("The database %1 was written by a newer Taskdeck (schema version "
                               "%2; this one knows up to %3). It was left untouched: use that "
                               "newer Taskdeck, or another data folder.")
                    .arg(path)
                    .arg(*version)
                    .arg(schemaVersion);
        return Attempt::Failed;
    }
    const Expected<QVariant> check = pragma(m_db, QStringLiteral("PRAGMA quick_check"));
    if (!check)
        return fail(check.error());
    if (check->toString() != QLatin1String("ok")) {
        error = QStringLiteral("quick_check: %1").arg(check->toString());
        return Attempt::Corrupt;
    }
    // WAL with synchronous=FULL: a commit is synced to disk before it returns,
    // so an acknowledged job survives a power cut too, not only a crash of the
    // application (NORMAL would lose the last commits then). Batching keeps it
    // to one sync per batch, not per job.
    const Expected<QVariant> mode = pragma(m_db, QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!mode)
        return fail(mode.error());
    if (mode->toString() != QLatin1String("wal"))
        qWarning("JobStore: %s stays in journal mode %s (WAL is not available there)",
                 qPrintable(path), qPrintable(mode->toString()));
    if (auto sync = pragma(m_db, QStringLiteral("PRAGMA synchronous = FULL")); !sync)
        return fail(sync.error());
    if (Status migrated = JobStoreSchema::migrate(m_db, *version); !migrated)
        return fail(migrated.error());
    if (Status pruned = prune(historyDays, loaded.pruned); !pruned)
        return fail(pruned.error());
    if (Status read = load(loaded.jobs, loaded.nextId); !read)
        return fail(read.error());
    return Attempt::Done;
}

Status JobStore::openConnection() {
    if (!m_db.isValid()) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(databasePath());
    }
    if (!m_db.isValid())
        return Status::failure(QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
    if (!m_db.open())
        return Status::failure(errorText(m_db.lastError()));
    return {};
}

void JobStore::closeConnection() {
    if (m_db.isValid())
        m_db.close();
}

Expected<JobStore::MovedAside> JobStore::moveAsideCorrupt() {
    const QString path = databasePath();
    const QString logs = m_dataDir + QStringLiteral("/logs");
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString suffix = QStringLiteral(".corrupt-") + stamp;
    // One stamp for the database and its logs, free for both.
    QString tag = suffix;
    for (int n = 2;
         QFileInfo::exists(path + tag) || QFileInfo::exists(path + tag + QStringLiteral("-wal")) ||
         QFileInfo::exists(logs + tag);
         ++n)
        tag = suffix + QStringLiteral("-%1").arg(n);
    MovedAside moved{path + tag, {}};
    if (!QFile::rename(path, moved.database))
        return Expected<MovedAside>::failure(
            QStringLiteral("cannot rename it to %1").arg(moved.database));
    // The WAL and its index go along under SQLite's names for the moved file.
    for (const QString &extension : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(path + extension) &&
            !QFile::rename(path + extension, moved.database + extension))
            QFile::remove(path + extension); // a fresh database must not pick it up
    }
    // The logs belong to the jobs of that database: they go with it, never deleted
    // (a fresh database would otherwise find them orphaned and remove them).
    if (QFileInfo(logs).isDir()) {
        if (!QFile::rename(logs, logs + tag))
            return Expected<MovedAside>::failure(
                QStringLiteral("cannot move the logs %1 beside it to %2").arg(logs, logs + tag));
        moved.logs = logs + tag;
    }
    return moved;
}

Status JobStore::prune(int historyDays, int &pruned) {
    pruned = 0;
    if (historyDays <= 0)
        return {};
    const QVariant cutoff =
        JobRowCodec::timeValue(QDateTime::currentDateTimeUtc().addDays(-historyDays));
    const QString old = QStringLiteral(
        "state IN ('succeeded', 'failed', 'canceled') AND finished_at IS NOT NULL AND "
        "finished_at < ?");
    QList<JobId> ids;
    QString error;
    if (!m_db.transaction())
        return Status::failure(errorText(m_db.lastError()));
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        const auto run = [&](const QString &sql) {
            query.prepare(sql);
            query.addBindValue(cutoff);
            if (!query.exec())
                error = errorText(query.lastError());
            return error.isEmpty();
        };
        if (run(QStringLiteral("SELECT id FROM jobs WHERE ") + old)) {
            while (query.next())
                ids.append(JobId(query.value(0).toLongLong()));
        }
        if (error.isEmpty() &&
            run(QStringLiteral("DELETE FROM checkpoints WHERE job_id IN "
                               "(SELECT id FROM jobs WHERE ") +
                old + QLatin1Char(')')) &&
            run(QStringLiteral(
                    "DELETE FROM leftovers WHERE job_id IN (SELECT id FROM jobs WHERE ") +
                old + QLatin1Char(')')))
            run(QStringLiteral("DELETE FROM jobs WHERE ") + old);
    }
    if (error.isEmpty() && !m_db.commit())
        error = errorText(m_db.lastError());
    if (!error.isEmpty()) {
        m_db.rollback();
        return Status::failure(error);
    }
    const JobLogFiles logs = logFiles(m_dataDir);
    for (JobId id : std::as_const(ids))
        logs.remove(id);
    pruned = int(ids.size());
    return {};
}

Status JobStore::load(QList<StoredJob> &jobs, JobId &nextId) {
    QHash<JobId, JobResumeState> finished;
    QHash<JobId, QStringList> leftovers;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT job_id, what FROM leftovers")))
        return Status::failure(errorText(query.lastError()));
    while (query.next())
        leftovers[JobId(query.value(0).toLongLong())].append(query.value(1).toString());
    if (!query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'next_id'")))
        return Status::failure(errorText(query.lastError()));
    nextId = query.next() ? JobId(qMax<qint64>(1, query.value(0).toLongLong())) : 1;
    if (!query.exec(QStringLiteral("SELECT job_id, item, value FROM checkpoints")))
        return Status::failure(errorText(query.lastError()));
    while (query.next())
        finished[JobId(query.value(0).toLongLong())].insert(query.value(1).toString(),
                                                            query.value(2).toString());
    if (query.lastError().isValid())
        return Status::failure(errorText(query.lastError()));

    if (!query.exec(JobRowCodec::selectSql()))
        return Status::failure(errorText(query.lastError()));
    QSet<JobId> ids;
    while (query.next()) {
        StoredJob stored = JobRowCodec::read(query);
        stored.job.position = int(jobs.size());
        stored.finished = finished.value(stored.job.id);
        stored.leftovers = leftovers.value(stored.job.id);
        nextId = qMax(nextId, stored.job.id + 1);
        ids.insert(stored.job.id);
        jobs.append(std::move(stored));
    }
    if (query.lastError().isValid())
        return Status::failure(errorText(query.lastError()));

    // Logs of jobs the database no longer has (removed just before a crash),
    // and those set aside for an undo in an earlier run.
    logFiles(m_dataDir).emptySetAside();
    const QDir logDir(m_dataDir + QStringLiteral("/logs"));
    const QStringList names = logDir.entryList({QStringLiteral("*.log")}, QDir::Files);
    for (const QString &name : names) {
        bool isId = false;
        const JobId id = name.chopped(4).toULongLong(&isId);
        if (isId && !ids.contains(id))
            QFile::remove(logDir.filePath(name));
    }
    return {};
}

QString JobStore::write(const StoreBatch &batch) {
    const QString error = writeRows(batch);
    if (error.isEmpty())
        writeLogs(batch);
    Q_EMIT written(batch.sequence, error);
    return error;
}

QString JobStore::writeRows(const StoreBatch &batch) {
    const auto failure = [&](const QString &reason) {
        return QStringLiteral("cannot save to %1: %2").arg(databasePath(), reason);
    };
    if (!m_db.isOpen())
        return failure(QStringLiteral("the store is not open"));
    if (!m_db.transaction())
        return failure(errorText(m_db.lastError()));
    QString error = StoreBatchWriter(m_db).write(batch);
    if (error.isEmpty() && !m_db.commit())
        error = errorText(m_db.lastError());
    if (error.isEmpty())
        return {};
    m_db.rollback();
    return failure(error);
}

void JobStore::writeLogs(const StoreBatch &batch) {
    const JobLogFiles logs = logFiles(m_dataDir);
    const QSet<JobId> removed(batch.removed.cbegin(), batch.removed.cend());
    for (JobId id : removed)
        logs.setAside(id);
    for (JobId id : batch.reinstated)
        logs.bringBack(id);
    const auto warn = [](const QString &error) {
        if (!error.isEmpty())
            qWarning("JobStore: %s", qPrintable(error));
    };
    for (JobId id : batch.restartLogs) {
        if (!removed.contains(id))
            warn(logs.restart(id));
    }
    for (auto it = batch.logLines.cbegin(); it != batch.logLines.cend(); ++it) {
        if (!removed.contains(it.key()))
            warn(logs.append(it.key(), it.value()));
    }
}

void JobStore::appendLog(JobId id, const QStringList &lines) {
    if (const QString error = logFiles(m_dataDir).append(id, lines); !error.isEmpty())
        qWarning("JobStore: %s", qPrintable(error));
}

QStringList JobStore::readLog(JobId id, int maxLines) const {
    return logFiles(m_dataDir).tail(id, maxLines);
}

Status JobStore::limitPagesForTesting(int pages) {
    const Expected<QVariant> result =
        pragma(m_db, QStringLiteral("PRAGMA max_page_count = %1").arg(pages));
    if (!result)
        return Status::failure(result.error());
    return {};
}
