// JobStore: what it does with damaged, full, foreign and old databases; history pruning.
#include "jobstorefixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <iostream>
#include <unistd.h>

namespace {
QByteArray readAll(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    ASSERT_EQ(file.write(bytes), bytes.size());
}

QByteArray garbage(int size) {
    QByteArray bytes(size, '\0');
    QRandomGenerator rng(42);
    for (char &byte : bytes)
        byte = char(rng.bounded(256));
    return bytes;
}

QStringList corruptCopies(const QString &dataDir) {
    return QDir(dataDir).entryList({QStringLiteral("taskdeck.db.corrupt-*")}, QDir::Files,
                                   QDir::Name);
}

using StoreRecovery = JobStoreFixture;

TEST_F(StoreRecovery, AFileThatIsNotADatabaseIsMovedAsideAndAFreshOneStarted) {
    ASSERT_TRUE(QDir().mkpath(dataDir()));
    const QByteArray bytes = garbage(16384);
    writeAll(databasePath(), bytes);
    // A WAL beside it (SQLite drops one whose header is not valid, as here).
    writeAll(databasePath() + QStringLiteral("-wal"), garbage(1000));

    const JobStore::Loaded loaded = reopen();
    EXPECT_TRUE(loaded.jobs.isEmpty());
    const QStringList moved = corruptCopies(dataDir());
    ASSERT_GE(moved.size(), 1);
    const QString movedPath = dataDir() + QLatin1Char('/') + moved[0];
    EXPECT_EQ(readAll(movedPath), bytes);
    if (moved.size() > 1) {
        EXPECT_EQ(moved[1], moved[0] + QStringLiteral("-wal"));
    }
    EXPECT_TRUE(loaded.notice.contains(databasePath())) << loaded.notice.toStdString();
    EXPECT_TRUE(loaded.notice.contains(movedPath)) << loaded.notice.toStdString();
    EXPECT_TRUE(loaded.notice.contains(QStringLiteral("not a database")))
        << loaded.notice.toStdString();

    ASSERT_EQ(write(upserting({job(1)})), QString());
    const JobStore::Loaded again = reopen();
    EXPECT_EQ(again.notice, QString());
    EXPECT_EQ(idsOf(again), QList<JobId>{1});
}

TEST_F(StoreRecovery, TheLogsMoveAsideWithADamagedDatabaseUnderTheSameStampAndAreNamed) {
    reopen();
    StoreBatch batch = upserting({job(1), job(2)});
    batch.logLines = {{1, {QStringLiteral("first job's output")}},
                      {2, {QStringLiteral("second job's output")}}};
    ASSERT_EQ(write(batch), QString());
    store.reset();
    writeAll(databasePath(), garbage(16384));

    const JobStore::Loaded loaded = reopen();
    const QStringList moved = corruptCopies(dataDir());
    ASSERT_EQ(moved.size(), 1);
    const QString stamp = moved[0].mid(QStringLiteral("taskdeck.db").size());
    const QString logs = dataDir() + QStringLiteral("/logs") + stamp;
    // Nothing of the user's is deleted: both logs are where the notice says.
    EXPECT_EQ(readAll(logs + QStringLiteral("/1.log")).trimmed(), "first job's output");
    EXPECT_EQ(readAll(logs + QStringLiteral("/2.log")).trimmed(), "second job's output");
    EXPECT_TRUE(loaded.notice.contains(logs)) << loaded.notice.toStdString();
    EXPECT_TRUE(loaded.notice.contains(dataDir() + QLatin1Char('/') + moved[0]))
        << loaded.notice.toStdString();
    // And the fresh database starts with no logs of jobs it does not have.
    EXPECT_FALSE(QFileInfo::exists(dataDir() + QStringLiteral("/logs/1.log")));
}

TEST_F(StoreRecovery, ACorruptFileNeverReplacesAnEarlierMovedAsideOne) {
    ASSERT_TRUE(QDir().mkpath(dataDir()));
    // Earlier copies under the names of this second and the next few: taken.
    const QDateTime now = QDateTime::currentDateTime();
    QStringList earlier;
    for (int s = 0; s < 5; ++s) {
        earlier.append(databasePath() + QStringLiteral(".corrupt-") +
                       now.addSecs(s).toString(QStringLiteral("yyyyMMdd-HHmmss")));
        writeAll(earlier.last(), "earlier");
    }
    writeAll(databasePath(), garbage(4096));

    const JobStore::Loaded loaded = reopen();
    for (const QString &path : std::as_const(earlier))
        EXPECT_EQ(readAll(path), QByteArray("earlier")) << path.toStdString();
    const QStringList moved = corruptCopies(dataDir());
    ASSERT_EQ(moved.size(), earlier.size() + 1);
    const QStringList numbered = moved.filter(QRegularExpression(QStringLiteral("-2$")));
    ASSERT_EQ(numbered.size(), 1) << moved.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(loaded.notice.contains(numbered[0])) << loaded.notice.toStdString();
}

TEST_F(StoreRecovery, AGarbledRealDatabaseIsMovedAsideOrLoadedNeverACrash) {
    reopen();
    QList<JobSnapshot> jobs;
    for (JobId id = 1; id <= 400; ++id) {
        JobSnapshot s = job(id);
        s.spec.params.insert(QStringLiteral("blob"), QString(500, QLatin1Char('p')));
        jobs.append(s);
    }
    StoreBatch batch = upserting(jobs);
    for (JobId id = 1; id <= 400; ++id)
        batch.checkpoints[id] = {{QStringLiteral("item"), QStringLiteral("value")}};
    ASSERT_EQ(write(batch), QString());
    store.reset(); // the last connection checkpoints the WAL into the file
    QByteArray bytes = readAll(databasePath());
    ASSERT_GT(bytes.size(), 100000);
    for (qsizetype i = bytes.size() / 3; i < bytes.size() * 2 / 3; i += 7)
        bytes[i] = char(0xA5);
    writeAll(databasePath(), bytes);
    QFile::remove(databasePath() + QStringLiteral("-wal"));

    const JobStore::Loaded loaded = reopen();
    if (loaded.notice.isEmpty()) {
        EXPECT_LE(loaded.jobs.size(), 400);
    } else {
        EXPECT_EQ(corruptCopies(dataDir()).size(), 1);
        EXPECT_TRUE(loaded.jobs.isEmpty());
    }
    ASSERT_EQ(write(upserting({job(1000)})), QString());
    EXPECT_TRUE(idsOf(reopen()).contains(1000));
}

TEST_F(StoreRecovery, AFolderThatCannotBeCreatedIsAnErrorNamingIt) {
    const QString file = dir.path() + QStringLiteral("/plain-file");
    writeAll(file, "x");
    const QString inside = file + QStringLiteral("/data");
    JobStore badStore(inside);
    const auto loaded = badStore.open(30);
    ASSERT_FALSE(loaded.ok());
    EXPECT_TRUE(loaded.error().contains(inside)) << loaded.error().toStdString();
}

TEST_F(StoreRecovery, AnUnreadableFolderIsAnErrorNotAFreshDatabase) {
    if (::geteuid() == 0)
        GTEST_SKIP() << "running as root: chmod 000 does not stop root from reading";
    reopen();
    ASSERT_EQ(write(upserting({job(1)})), QString());
    store.reset();
    ASSERT_TRUE(QFile::setPermissions(dataDir(), QFileDevice::Permissions()));
    JobStore blocked(dataDir());
    const auto loaded = blocked.open(30);
    QFile::setPermissions(dataDir(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    ASSERT_FALSE(loaded.ok());
    EXPECT_TRUE(loaded.error().contains(databasePath())) << loaded.error().toStdString();
    EXPECT_EQ(corruptCopies(dataDir()), QStringList());
}

TEST_F(StoreRecovery, FinishedJobsOlderThanTheHistoryArePrunedWithTheirLogs) {
    reopen();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto finished = [&](JobId id, JobState state, int daysAgo) {
        JobSnapshot s = job(id);
        s.state = state;
        s.finishedAt = now.addDays(-daysAgo);
        return s;
    };
    StoreBatch batch =
        upserting({finished(1, JobState::Succeeded, 40), finished(2, JobState::Failed, 31),
                   finished(3, JobState::Canceled, 45), finished(4, JobState::Succeeded, 5),
                   finished(5, JobState::Interrupted, 40), job(6)});
    batch.logLines[1] = {QStringLiteral("old")};
    batch.logLines[4] = {QStringLiteral("recent")};
    batch.checkpoints[1] = {{QStringLiteral("a"), QStringLiteral("b")}};
    ASSERT_EQ(write(batch), QString());

    const JobStore::Loaded keepAll = reopen(0);
    EXPECT_EQ(keepAll.pruned, 0);
    EXPECT_EQ(keepAll.jobs.size(), 6);

    const JobStore::Loaded loaded = reopen(30);
    EXPECT_EQ(loaded.pruned, 3);
    EXPECT_EQ(idsOf(loaded), (QList<JobId>{4, 5, 6}));
    EXPECT_FALSE(QFileInfo::exists(store->logPath(1)));
    EXPECT_EQ(store->readLog(4, 0), QStringList{QStringLiteral("recent")});
    EXPECT_EQ(
        rawQuery(databasePath(), {QStringLiteral("SELECT COUNT(*) FROM checkpoints")}).toInt(), 0);
}

TEST_F(StoreRecovery, AFullDatabaseFailsTheWriteAndKeepsWhatWasCommitted) {
    reopen();
    ASSERT_EQ(write(upserting({job(1), job(2), job(3)})), QString());
    const int pages = rawQuery(databasePath(), {QStringLiteral("PRAGMA page_count")}).toInt();
    ASSERT_GT(pages, 0);
    const Status limited = store->limitPagesForTesting(pages + 40);
    ASSERT_TRUE(limited.ok()) << limited.error().toStdString();

    QList<JobId> committed{1, 2, 3};
    QString error;
    for (JobId id = 10; id < 200 && error.isEmpty(); ++id) {
        JobSnapshot s = job(id);
        s.spec.params.insert(QStringLiteral("blob"), QString(20000, QLatin1Char('z')));
        StoreBatch batch = upserting({s});
        batch.removed = {1}; // must not happen when the batch fails
        batch.order = QList<JobId>{3, 2, 1};
        batch.logLines[2] = {QStringLiteral("line of batch %1").arg(id)};
        error = write(batch);
        if (error.isEmpty()) {
            committed.removeOne(1);
            committed.append(id);
        }
    }
    ASSERT_FALSE(error.isEmpty()) << "the database never filled up";
    EXPECT_TRUE(error.contains(databasePath())) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("full"))) << error.toStdString();
    const qsizetype logLines = store->readLog(2, 0).size();
    EXPECT_EQ(logLines, committed.size() - 2); // the failed batch's line is not logged

    // Still usable once there is room again.
    ASSERT_TRUE(store->limitPagesForTesting(1 << 30).ok());
    ASSERT_EQ(write(upserting({job(500)})), QString());
    committed.append(500);

    const JobStore::Loaded loaded = reopen();
    QList<JobId> ids = idsOf(loaded);
    std::sort(ids.begin(), ids.end());
    std::sort(committed.begin(), committed.end());
    EXPECT_EQ(ids, committed);
    EXPECT_EQ(rawQuery(databasePath(), {QStringLiteral("PRAGMA integrity_check")}).toString(),
              QStringLiteral("ok"));
}

TEST_F(StoreRecovery, ADatabaseFromANewerVersionIsRefusedAndLeftUntouched) {
    ASSERT_TRUE(QDir().mkpath(dataDir()));
    rawQuery(databasePath(),
             {QStringLiteral("CREATE TABLE future(x)"),
              QStringLiteral("INSERT INTO future VALUES (1)"),
              QStringLiteral("PRAGMA user_version = %1").arg(JobStore::schemaVersion + 1)});
    const QByteArray before = readAll(databasePath());
    ASSERT_FALSE(before.isEmpty());

    {
        JobStore newer(dataDir());
        const auto loaded = newer.open(30);
        ASSERT_FALSE(loaded.ok());
        EXPECT_TRUE(loaded.error().contains(databasePath())) << loaded.error().toStdString();
        EXPECT_TRUE(loaded.error().contains(QStringLiteral("newer")))
            << loaded.error().toStdString();
    }
    EXPECT_EQ(readAll(databasePath()), before);
    EXPECT_FALSE(QFileInfo::exists(databasePath() + QStringLiteral("-wal")));
    EXPECT_EQ(corruptCopies(dataDir()), QStringList());
}

TEST_F(StoreRecovery, AVersionZeroDatabaseWithNoTablesGetsTheSchema) {
    ASSERT_TRUE(QDir().mkpath(dataDir()));
    rawQuery(databasePath(),
             {QStringLiteral("CREATE TABLE scratch(x)"), QStringLiteral("DROP TABLE scratch")});
    ASSERT_EQ(rawQuery(databasePath(), {QStringLiteral("PRAGMA user_version")}).toInt(), 0);

    reopen();
    ASSERT_EQ(write(upserting({job(1)})), QString());
    EXPECT_EQ(rawQuery(databasePath(), {QStringLiteral("PRAGMA user_version")}).toInt(),
              JobStore::schemaVersion);
    EXPECT_EQ(idsOf(reopen()), QList<JobId>{1});
}

TEST_F(StoreRecovery, AVersionOneDatabaseKeepsItsJobsAndItsNextIdOnUpgrade) {
    ASSERT_TRUE(QDir().mkpath(dataDir()));
    // What this program wrote at schema version 1: jobs 3 and 7.
    rawQuery(
        databasePath(),
        {QStringLiteral("CREATE TABLE jobs (id INTEGER PRIMARY KEY, position INTEGER NOT NULL, "
                        "kind TEXT NOT NULL, title TEXT NOT NULL, params TEXT NOT NULL, "
                        "priority TEXT NOT NULL, grp TEXT NOT NULL, after TEXT NOT NULL, "
                        "not_before TEXT, capabilities INTEGER NOT NULL, state TEXT NOT NULL, "
                        "wait_reason TEXT NOT NULL, started INTEGER NOT NULL, done INTEGER "
                        "NOT NULL, total INTEGER NOT NULL, unit TEXT NOT NULL, status TEXT "
                        "NOT NULL, error TEXT NOT NULL, summary TEXT NOT NULL, details TEXT "
                        "NOT NULL, added_at TEXT, started_at TEXT, finished_at TEXT, "
                        "resume_on_start INTEGER NOT NULL)"),
         QStringLiteral("CREATE INDEX jobs_by_position ON jobs(position, id)"),
         QStringLiteral("CREATE TABLE checkpoints (job_id INTEGER NOT NULL, item TEXT NOT "
                        "NULL, value TEXT NOT NULL, PRIMARY KEY (job_id, item)) WITHOUT ROWID"),
         QStringLiteral("INSERT INTO jobs VALUES (3, 0, 'hash', 'a', '{}', 'normal', '', '[]', "
                        "NULL, 1, 'queued', '', 0, 0, -1, 'items', '', '', '', '{}', NULL, "
                        "NULL, NULL, 0)"),
         QStringLiteral("INSERT INTO jobs VALUES (7, 1, 'hash', 'b', '{}', 'normal', '', '[]', "
                        "NULL, 1, 'queued', '', 0, 0, -1, 'items', '', '', '', '{}', NULL, "
                        "NULL, NULL, 0)"),
         QStringLiteral("PRAGMA user_version = 1")});
    const JobStore::Loaded loaded = reopen();
    EXPECT_EQ(idsOf(loaded), (QList<JobId>{3, 7}));
    EXPECT_EQ(loaded.nextId, 8u);
    EXPECT_EQ(rawQuery(databasePath(), {QStringLiteral("PRAGMA user_version")}).toInt(), 2);
}

TEST_F(StoreRecovery, TheNextIdNeverGoesDownWhenTheHighestJobsAreRemoved) {
    reopen();
    StoreBatch added = upserting({job(1), job(2), job(3)});
    added.nextId = 4;
    ASSERT_EQ(write(added), QString());
    StoreBatch removed;
    removed.removed = {2, 3};
    removed.nextId = 4;
    ASSERT_EQ(write(removed), QString());
    StoreBatch older;
    older.nextId = 2; // never lowers it
    ASSERT_EQ(write(older), QString());
    const JobStore::Loaded loaded = reopen();
    EXPECT_EQ(idsOf(loaded), QList<JobId>{1});
    EXPECT_EQ(loaded.nextId, 4u);
}

TEST_F(StoreRecovery, LeftoversComeBackWithTheirJobUntilReplacedOrRemoved) {
    reopen();
    StoreBatch batch = upserting({job(1), job(2)});
    batch.leftovers = {
        {1, {QStringLiteral("file:/x/.a.taskdeck-123456"), QStringLiteral("process:10:20:11:21")}},
        {2, {QStringLiteral("file:/x/.b.taskdeck-654321")}}};
    ASSERT_EQ(write(batch), QString());
    JobStore::Loaded loaded = reopen();
    ASSERT_EQ(loaded.jobs.size(), 2);
    EXPECT_EQ(loaded.jobs[0].leftovers, (QStringList{QStringLiteral("file:/x/.a.taskdeck-123456"),
                                                     QStringLiteral("process:10:20:11:21")}));
    StoreBatch next;
    next.leftovers = {{1, {}}};
    next.removed = {2};
    ASSERT_EQ(write(next), QString());
    loaded = reopen();
    ASSERT_EQ(loaded.jobs.size(), 1);
    EXPECT_TRUE(loaded.jobs[0].leftovers.isEmpty());
    EXPECT_EQ(rawQuery(databasePath(), {QStringLiteral("SELECT COUNT(*) FROM leftovers")}).toInt(),
              0);
}

TEST_F(StoreRecovery, TheDatabaseIsInWalMode) {
    reopen();
    EXPECT_EQ(rawQuery(databasePath(), {QStringLiteral("PRAGMA journal_mode")}).toString(),
              QStringLiteral("wal"));
}

// Not run by default: prints how long the store takes with a big queue.
// build-store/tests/core/test_jobstore --gtest_also_run_disabled_tests --gtest_filter='*Measure*'
TEST_F(StoreRecovery, DISABLED_MeasureTenThousandJobs) {
    reopen();
    QList<JobSnapshot> jobs;
    for (JobId id = 1; id <= 10000; ++id) {
        JobSnapshot s = job(id);
        s.spec.params.insert(QStringLiteral("paths"),
                             QStringList{QStringLiteral("/home/user/photos/%1").arg(id),
                                         QStringLiteral("/home/user/more/%1").arg(id)});
        s.spec.params.insert(QStringLiteral("algorithm"), QStringLiteral("sha256"));
        s.status = QStringLiteral("waiting for a slot");
        jobs.append(s);
    }
    QElapsedTimer timer;
    timer.start();
    ASSERT_EQ(write(upserting(jobs)), QString());
    const qint64 upsertMs = timer.elapsed();

    StoreBatch checkpoints;
    for (JobId id = 1; id <= 10000; ++id) {
        for (int i = 0; i < 10; ++i)
            checkpoints.checkpoints[id].append(
                {QStringLiteral("photos/img_%1.jpg").arg(i), QString(64, QLatin1Char('d'))});
    }
    timer.restart();
    ASSERT_EQ(write(checkpoints), QString());
    const qint64 checkpointMs = timer.elapsed();

    StoreBatch reorder;
    QList<JobId> order;
    for (JobId id = 10000; id >= 1; --id)
        order.append(id);
    reorder.order = order;
    timer.restart();
    ASSERT_EQ(write(reorder), QString());
    const qint64 reorderMs = timer.elapsed();

    store.reset();
    timer.restart();
    const JobStore::Loaded loaded = reopen(30);
    const qint64 openMs = timer.elapsed();
    ASSERT_EQ(loaded.jobs.size(), 10000);
    EXPECT_EQ(loaded.jobs[0].finished.size(), 10);
    std::cout << "write 10,000 upserts: " << upsertMs << " ms\n"
              << "write 100,000 checkpoints: " << checkpointMs << " ms\n"
              << "write an order of 10,000: " << reorderMs << " ms\n"
              << "open (quick_check, prune, load 10,000 jobs + 100,000 checkpoints): " << openMs
              << " ms\n"
              << "database: " << QFileInfo(databasePath()).size() / 1024 << " KiB\n";
}
} // namespace
