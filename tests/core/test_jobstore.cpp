// JobStore: rows, order, checkpoints and logs go to disk and come back.
#include "base/crossthreadcalls.h"
#include "job/jobkind.h"
#include "jobstorefixture.h"
#include "kinds/builtinkinds.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QThread>

namespace {
using StoreRows = JobStoreFixture;

TEST_F(StoreRows, EveryFieldOfManyJobsComesBackInQueueOrder) {
    reopen();
    QList<JobSnapshot> jobs;
    const QDateTime base =
        QDateTime::fromString(QStringLiteral("2026-11-20T10:00:00.123Z"), Qt::ISODateWithMs);
    for (JobId id = 1; id <= 200; ++id) {
        JobSnapshot s = job(id, QStringLiteral("Title %1 — é").arg(id));
        s.spec.kind = id % 2 ? QStringLiteral("copy") : QStringLiteral("command");
        s.spec.priority = JobPriority(id % 3);
        s.spec.group = id % 4 ? QStringLiteral("disk") : QString();
        s.spec.after = id > 2 ? QList<JobId>{id - 1, id - 2} : QList<JobId>{};
        s.spec.notBefore = id % 5 ? QDateTime() : base.addSecs(qint64(id));
        s.capabilities = int(id % 8);
        s.state = JobState(id % 8);
        s.waitReason = QStringLiteral("after job %1").arg(id - 1);
        s.position = int(200 - id); // stored in reverse
        s.started = id % 2 == 0;
        s.done = qint64(id) * 1000000000LL;
        s.total = id % 3 ? qint64(id) * 2000000000LL : -1;
        s.unit = ProgressUnit(id % 3);
        s.status = QStringLiteral("status %1").arg(id);
        s.result.error = id % 6 ? QString() : QStringLiteral("cannot read /x/%1").arg(id);
        s.result.summary = QStringLiteral("%1 files").arg(id);
        s.result.details = {{QStringLiteral("mismatched"), QStringList{QStringLiteral("a")}}};
        s.addedAt = base.addMSecs(qint64(id));
        s.startedAt = id % 2 ? base.addSecs(60) : QDateTime();
        s.finishedAt = id % 3 ? base.addSecs(120) : QDateTime();
        jobs.append(s);
    }
    StoreBatch batch = upserting(jobs);
    batch.resumeOnStart = {4, 8};
    ASSERT_EQ(write(batch), QString());

    const JobStore::Loaded loaded = reopen();
    EXPECT_EQ(loaded.notice, QString());
    ASSERT_EQ(loaded.jobs.size(), 200);
    for (int i = 0; i < 200; ++i) {
        const StoredJob &stored = loaded.jobs[i];
        const JobSnapshot &want = jobs[199 - i];
        const JobSnapshot &got = stored.job;
        SCOPED_TRACE(got.id);
        EXPECT_EQ(got.id, want.id);
        EXPECT_EQ(got.position, i);
        EXPECT_EQ(got.spec.kind, want.spec.kind);
        EXPECT_EQ(got.spec.title, want.spec.title);
        EXPECT_EQ(got.spec.params.value(QStringLiteral("paths")).toStringList(),
                  want.spec.params.value(QStringLiteral("paths")).toStringList());
        EXPECT_EQ(got.spec.priority, want.spec.priority);
        EXPECT_EQ(got.spec.group, want.spec.group);
        EXPECT_EQ(got.spec.after, want.spec.after);
        EXPECT_EQ(got.spec.notBefore, want.spec.notBefore);
        EXPECT_EQ(got.spec.notBefore.isValid(), want.spec.notBefore.isValid());
        EXPECT_EQ(got.capabilities, want.capabilities);
        EXPECT_EQ(got.state, want.state);
        EXPECT_EQ(got.waitReason, want.waitReason);
        EXPECT_EQ(got.started, want.started);
        EXPECT_EQ(got.done, want.done);
        EXPECT_EQ(got.total, want.total);
        EXPECT_EQ(got.unit, want.unit);
        EXPECT_EQ(got.status, want.status);
        EXPECT_EQ(got.result.error, want.result.error);
        EXPECT_EQ(got.result.summary, want.result.summary);
        EXPECT_EQ(got.result.details.value(QStringLiteral("mismatched")).toStringList(),
                  QStringList{QStringLiteral("a")});
        EXPECT_EQ(got.addedAt, want.addedAt);
        EXPECT_EQ(got.startedAt, want.startedAt);
        EXPECT_EQ(got.startedAt.isValid(), want.startedAt.isValid());
        EXPECT_EQ(got.finishedAt, want.finishedAt);
        EXPECT_EQ(stored.resumeOnStart, got.id == 4 || got.id == 8);
        EXPECT_TRUE(stored.finished.isEmpty());
    }
}

TEST_F(StoreRows, ParametersSurviveTheJsonRoundTripWellEnoughForTheKinds) {
    reopen();
    // A copy job as the kind normalized it, with real files so validate() accepts it.
    const QString source = dir.path() + QStringLiteral("/source.txt");
    const QString destination = dir.path() + QStringLiteral("/destination");
    QFile file(source);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    ASSERT_TRUE(QDir().mkpath(destination));
    const auto registry = BuiltinKinds::registry();
    const JobKind *copy = registry->find(QStringLiteral("copy"));
    ASSERT_NE(copy, nullptr);
    const auto normalized = copy->validate({{QStringLiteral("sources"), QStringList{source}},
                                            {QStringLiteral("destination"), destination},
                                            {QStringLiteral("verify"), true}});
    ASSERT_TRUE(normalized.ok()) << normalized.error().toStdString();

    JobSnapshot copyJob = job(1);
    copyJob.spec.kind = QStringLiteral("copy");
    copyJob.spec.params = *normalized;
    JobSnapshot other = job(2);
    other.spec.params = {
        {QStringLiteral("paths"), QStringList{QStringLiteral("/a b"), QStringLiteral("/c")}},
        {QStringLiteral("verify"), true},
        {QStringLiteral("max"), qint64(5)},
        {QStringLiteral("big"), qint64(1) << 60},
        {QStringLiteral("ratio"), 0.5}};
    ASSERT_EQ(write(upserting({copyJob, other})), QString());

    const JobStore::Loaded loaded = reopen();
    ASSERT_EQ(loaded.jobs.size(), 2);
    const auto revalidated = copy->validate(loaded.jobs[0].job.spec.params);
    ASSERT_TRUE(revalidated.ok()) << revalidated.error().toStdString();
    EXPECT_EQ(QJsonDocument::fromVariant(*revalidated).toJson(),
              QJsonDocument::fromVariant(*normalized).toJson());

    const QVariantMap params = loaded.jobs[1].job.spec.params;
    EXPECT_EQ(params.value(QStringLiteral("paths")).toStringList(),
              (QStringList{QStringLiteral("/a b"), QStringLiteral("/c")}));
    EXPECT_EQ(params.value(QStringLiteral("verify")).typeId(), QMetaType::Bool);
    EXPECT_TRUE(params.value(QStringLiteral("verify")).toBool());
    EXPECT_EQ(params.value(QStringLiteral("max")).toLongLong(), 5);
    EXPECT_EQ(params.value(QStringLiteral("max")).toInt(), 5);
    EXPECT_EQ(params.value(QStringLiteral("big")).toLongLong(), qint64(1) << 60);
    EXPECT_EQ(params.value(QStringLiteral("ratio")).toDouble(), 0.5);
}

TEST_F(StoreRows, AnOrderUpdateIsTheOrderLoadedNextTime) {
    reopen();
    ASSERT_EQ(write(upserting({job(1), job(2), job(3), job(4)})), QString());
    StoreBatch reorder;
    reorder.order = QList<JobId>{3, 1, 4, 2};
    ASSERT_EQ(write(reorder), QString());
    EXPECT_EQ(idsOf(reopen()), (QList<JobId>{3, 1, 4, 2}));
}

TEST_F(StoreRows, RemovingAJobDeletesItsRowCheckpointsAndLog) {
    reopen();
    StoreBatch batch = upserting({job(1), job(2)});
    batch.checkpoints[1] = {{QStringLiteral("a"), QStringLiteral("1")}};
    batch.checkpoints[2] = {{QStringLiteral("b"), QStringLiteral("2")}};
    batch.logLines[1] = {QStringLiteral("one")};
    batch.logLines[2] = {QStringLiteral("two")};
    ASSERT_EQ(write(batch), QString());
    ASSERT_TRUE(QFileInfo::exists(store->logPath(1)));

    StoreBatch removal;
    removal.removed = {1};
    ASSERT_EQ(write(removal), QString());
    EXPECT_FALSE(QFileInfo::exists(store->logPath(1)));
    EXPECT_EQ(store->readLog(1, 10), QStringList());
    EXPECT_EQ(store->readLog(2, 10), QStringList{QStringLiteral("two")});

    const JobStore::Loaded loaded = reopen();
    EXPECT_EQ(idsOf(loaded), QList<JobId>{2});
    EXPECT_EQ(rawQuery(databasePath(),
                       {QStringLiteral("SELECT COUNT(*) FROM checkpoints WHERE job_id = 1")})
                  .toInt(),
              0);
    EXPECT_EQ(loaded.jobs.value(0).finished.value(QStringLiteral("b")), QStringLiteral("2"));
}

TEST_F(StoreRows, CheckpointsComeBackWithTheirJobAndClearingDropsThem) {
    reopen();
    StoreBatch batch = upserting({job(1), job(2)});
    batch.checkpoints[1] = {{QStringLiteral("photos/a.jpg"), QStringLiteral("digest-a")},
                            {QStringLiteral("photos/b.jpg"), QString()}};
    ASSERT_EQ(write(batch), QString());
    StoreBatch more;
    more.checkpoints[1] = {{QStringLiteral("photos/a.jpg"), QStringLiteral("digest-a2")},
                           {QStringLiteral("photos/c.jpg"), QStringLiteral("digest-c")}};
    more.checkpoints[2] = {{QStringLiteral("x"), QStringLiteral("y")}};
    ASSERT_EQ(write(more), QString());

    JobStore::Loaded loaded = reopen();
    ASSERT_EQ(loaded.jobs.size(), 2);
    const JobResumeState expected{{QStringLiteral("photos/a.jpg"), QStringLiteral("digest-a2")},
                                  {QStringLiteral("photos/b.jpg"), QString()},
                                  {QStringLiteral("photos/c.jpg"), QStringLiteral("digest-c")}};
    EXPECT_EQ(loaded.jobs[0].finished, expected);
    EXPECT_EQ(loaded.jobs[1].finished.size(), 1);

    // A run started afresh in the same batch as its first new checkpoint keeps only that one.
    StoreBatch clear;
    clear.clearCheckpoints = {1, 2};
    clear.checkpoints[1] = {{QStringLiteral("new"), QStringLiteral("n")}};
    ASSERT_EQ(write(clear), QString());
    loaded = reopen();
    EXPECT_EQ(loaded.jobs[0].finished,
              (JobResumeState{{QStringLiteral("new"), QStringLiteral("n")}}));
    EXPECT_TRUE(loaded.jobs[1].finished.isEmpty());
}

TEST_F(StoreRows, WrittenReportsEachBatchBySequence) {
    reopen();
    QList<quint64> sequences;
    QObject::connect(store.get(), &JobStore::written,
                     [&](quint64 sequence, const QString &) { sequences.append(sequence); });
    StoreBatch batch = upserting({job(1)});
    batch.sequence = 41;
    store->write(batch);
    batch.sequence = 42;
    store->write(batch);
    EXPECT_EQ(sequences, (QList<quint64>{41, 42}));
}

TEST_F(StoreRows, AStateThisVersionDoesNotKnowLoadsAsFailedSayingSo) {
    reopen();
    ASSERT_EQ(write(upserting({job(1), job(2)})), QString());
    store.reset();
    rawQuery(databasePath(), {QStringLiteral("UPDATE jobs SET state = 'teleported' WHERE id = 2")});
    const JobStore::Loaded loaded = reopen();
    ASSERT_EQ(loaded.jobs.size(), 2);
    EXPECT_EQ(loaded.jobs[0].job.state, JobState::Queued);
    EXPECT_EQ(loaded.jobs[1].job.state, JobState::Failed);
    EXPECT_TRUE(loaded.jobs[1].job.result.error.contains(QStringLiteral("\"teleported\"")))
        << loaded.jobs[1].job.result.error.toStdString();
}

TEST_F(StoreRows, WorksOnItsOwnThreadAndClosesAfterTheThreadEnded) {
    QThread thread;
    auto onThread = std::make_unique<JobStore>(dataDir());
    onThread->moveToThread(&thread);
    CrossThreadCalls calls; // as QueuePersister reaches its store
    calls.moveToThread(&thread);
    thread.start();
    QSignalSpy written(onThread.get(), &JobStore::written);
    bool opened = false;
    calls.call([&] { opened = onThread->open(30).ok(); });
    ASSERT_TRUE(opened);
    StoreBatch batch = upserting({job(1), job(2)});
    batch.sequence = 7;
    QString error = QStringLiteral("not written");
    calls.call([&] { error = onThread->write(batch); });
    EXPECT_EQ(error, QString());
    ASSERT_EQ(written.size(), 1);
    EXPECT_EQ(written.at(0).at(0).toULongLong(), 7u);
    EXPECT_EQ(written.at(0).at(1).toString(), QString());
    thread.quit();
    ASSERT_TRUE(thread.wait(60000));
    onThread.reset(); // after the thread ended, as the header allows

    EXPECT_EQ(idsOf(reopen()), (QList<JobId>{1, 2}));
}

using StoreLogs = JobStoreFixture;

TEST_F(StoreLogs, LinesAppendAcrossBatchesAndReadLogGivesTheTail) {
    reopen();
    for (int batchNo = 0; batchNo < 3; ++batchNo) {
        StoreBatch batch;
        for (int i = 0; i < 10; ++i)
            batch.logLines[7].append(QStringLiteral("line %1").arg(batchNo * 10 + i));
        ASSERT_EQ(write(batch), QString());
    }
    EXPECT_EQ(store->readLog(7, 3),
              (QStringList{QStringLiteral("line 27"), QStringLiteral("line 28"),
                           QStringLiteral("line 29")}));
    const QStringList all = store->readLog(7, 0);
    ASSERT_EQ(all.size(), 30);
    EXPECT_EQ(all.first(), QStringLiteral("line 0"));
    EXPECT_EQ(store->readLog(7, 1000), all);
    EXPECT_EQ(store->readLog(8, 10), QStringList());
}

TEST_F(StoreLogs, TheTailOfABigLogSpansReadBlocks) {
    reopen();
    StoreBatch batch;
    const QString padding(300, QLatin1Char('x'));
    for (int i = 0; i < 5000; ++i) // ~1.5 MB: many 64 KiB blocks
        batch.logLines[1].append(QStringLiteral("%1 %2 ü").arg(i).arg(padding));
    ASSERT_EQ(write(batch), QString());
    const QStringList tail = store->readLog(1, 700);
    ASSERT_EQ(tail.size(), 700);
    EXPECT_EQ(tail.first(), QStringLiteral("4300 %1 ü").arg(padding));
    EXPECT_EQ(tail.last(), QStringLiteral("4999 %1 ü").arg(padding));
}

TEST_F(StoreLogs, RestartingALogEmptiesItBeforeTheBatchsLines) {
    reopen();
    StoreBatch first;
    first.logLines[1] = {QStringLiteral("first run")};
    ASSERT_EQ(write(first), QString());
    StoreBatch retry;
    retry.restartLogs = {1};
    retry.logLines[1] = {QStringLiteral("second run")};
    ASSERT_EQ(write(retry), QString());
    EXPECT_EQ(store->readLog(1, 0), QStringList{QStringLiteral("second run")});
}

TEST_F(StoreLogs, ALogStopsAtItsCapWithOneTruncationLineEvenAcrossBatches) {
    reopen();
    const QString line(1023, QLatin1Char('y')); // 1 KiB with its '\n'
    const int linesToCap = int(JobStore::logCapBytes / 1024);
    for (int batchNo = 0; batchNo < 2; ++batchNo) {
        StoreBatch batch;
        for (int i = 0; i < linesToCap / 2 + 10; ++i)
            batch.logLines[1].append(line);
        ASSERT_EQ(write(batch), QString());
    }
    StoreBatch later;
    later.logLines[1] = {QStringLiteral("after the cap")};
    ASSERT_EQ(write(later), QString());

    const qint64 size = QFileInfo(store->logPath(1)).size();
    EXPECT_GE(size, JobStore::logCapBytes);
    EXPECT_LT(size, JobStore::logCapBytes + 200);
    const QStringList tail = store->readLog(1, 2);
    ASSERT_EQ(tail.size(), 2);
    EXPECT_EQ(tail[0], line);
    EXPECT_TRUE(tail[1].startsWith(QStringLiteral("[log truncated:"))) << tail[1].toStdString();
}

TEST_F(StoreLogs, LogsOfJobsTheDatabaseNoLongerHasAreDeletedAtOpen) {
    reopen();
    StoreBatch batch = upserting({job(1)});
    batch.logLines[1] = {QStringLiteral("kept")};
    ASSERT_EQ(write(batch), QString());
    store.reset();
    QFile orphan(dataDir() + QStringLiteral("/logs/99.log"));
    ASSERT_TRUE(orphan.open(QIODevice::WriteOnly));
    orphan.close();
    reopen();
    EXPECT_FALSE(QFileInfo::exists(dataDir() + QStringLiteral("/logs/99.log")));
    EXPECT_EQ(store->readLog(1, 0), QStringList{QStringLiteral("kept")});
}
} // namespace
