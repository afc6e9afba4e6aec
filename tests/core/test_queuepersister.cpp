// QueuePersister keeps a JobQueue in its store: what a restart brings back.
#include "base/processidentity.h"
#include "job/jobleftover.h"
#include "jobqueuefixture.h"
#include "store/jobstore.h"
#include "store/queuepersister.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <memory>

namespace {
class QueuePersisterTest : public JobQueueFixture {
protected:
    QTemporaryDir dir;
    std::unique_ptr<QueuePersister> persister;

    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        persister = std::make_unique<QueuePersister>(&queue, dir.path());
        auto opened = persister->open(RecoveryPolicy::ResumeSafeKinds, 30);
        ASSERT_TRUE(opened.ok()) << opened.error().toStdString();
        EXPECT_TRUE(opened->isEmpty()) << opened->toStdString();
    }

    // Waits until everything the queue did is on disk; returns the write's error.
    QString commit() {
        std::optional<QString> result;
        persister->whenCommitted(&queue, [&result](const QString &error) { result = error; });
        EXPECT_TRUE(waitUntil([&] { return result.has_value(); }));
        return result.value_or(QStringLiteral("no answer"));
    }

    // A second life of the same data folder, as after a restart.
    struct Restarted {
        JobQueue queue;
        QueuePersister persister;
        Restarted(const FakeKinds &fakes, const QString &path,
                  RecoveryPolicy policy = RecoveryPolicy::ResumeSafeKinds)
            : queue(fakes.registry)
            , persister(&queue, path) {
            auto opened = persister.open(policy, 30);
            EXPECT_TRUE(opened.ok()) << opened.error().toStdString();
        }
    };
    std::unique_ptr<Restarted> restart(RecoveryPolicy policy = RecoveryPolicy::ResumeSafeKinds) {
        persister.reset(); // writes what is pending, as a clean exit does
        return std::make_unique<Restarted>(fakes, dir.path(), policy);
    }
};
} // namespace

TEST_F(QueuePersisterTest, QueuedJobsComeBackInTheirOrderWithEverySetting) {
    queue.drain();
    JobSpec first = spec(QStringLiteral("gate"), {{QStringLiteral("key"), "a"}});
    first.title = QStringLiteral("first");
    first.priority = JobPriority::High;
    first.group = QStringLiteral("disks");
    const JobId a = add(first);
    const JobId b = addGate(QStringLiteral("b"));
    JobSpec third = spec(QStringLiteral("instant"));
    third.after = {a};
    third.notBefore = QDateTime::currentDateTimeUtc().addSecs(3600);
    const JobId c = add(third);
    ASSERT_TRUE(queue.moveTo(c, 0));
    ASSERT_TRUE(queue.setPriority(b, JobPriority::Low));
    ASSERT_EQ(commit().toStdString(), "");

    auto next = restart();
    EXPECT_EQ(next->queue.order(), (QList<JobId>{c, a, b}));
    const JobSnapshot restoredA = *next->queue.job(a);
    EXPECT_EQ(restoredA.spec.title, QStringLiteral("first"));
    EXPECT_EQ(restoredA.spec.priority, JobPriority::High);
    EXPECT_EQ(restoredA.spec.group, QStringLiteral("disks"));
    EXPECT_EQ(restoredA.spec.params.value(QStringLiteral("key")).toString(), QStringLiteral("a"));
    EXPECT_EQ(next->queue.job(b)->spec.priority, JobPriority::Low);
    const JobSnapshot restoredC = *next->queue.job(c);
    EXPECT_EQ(restoredC.spec.after, QList<JobId>{a});
    EXPECT_EQ(restoredC.spec.notBefore.toSecsSinceEpoch(), third.notBefore.toSecsSinceEpoch());
    EXPECT_EQ(restoredC.state, JobState::Waiting);
}

TEST_F(QueuePersisterTest, FinishedJobsStayFinishedWithTheirResults) {
    const JobId ok = add(spec(QStringLiteral("instant")));
    const JobId failed =
        add(spec(QStringLiteral("fail"), {{QStringLiteral("message"), "cannot read /x: gone"}}));
    ASSERT_TRUE(waitForState(ok, JobState::Succeeded));
    ASSERT_TRUE(waitForState(failed, JobState::Failed));
    ASSERT_EQ(commit().toStdString(), "");

    auto next = restart();
    EXPECT_EQ(next->queue.job(ok)->state, JobState::Succeeded);
    EXPECT_EQ(next->queue.job(ok)->result.summary, QStringLiteral("done"));
    EXPECT_EQ(next->queue.job(failed)->state, JobState::Failed);
    EXPECT_EQ(next->queue.job(failed)->result.error, QStringLiteral("cannot read /x: gone"));
    EXPECT_TRUE(next->queue.job(failed)->finishedAt.isValid());
}

TEST_F(QueuePersisterTest, RemovedJobsStayRemovedAndLaterJobsKeepTheirPlace) {
    queue.drain();
    const JobId a = addGate(QStringLiteral("a"));
    const JobId b = addGate(QStringLiteral("b"));
    const JobId c = addGate(QStringLiteral("c"));
    ASSERT_EQ(commit().toStdString(), "");
    ASSERT_TRUE(queue.remove(a));
    ASSERT_TRUE(queue.remove(b));
    const JobId d = addGate(QStringLiteral("d"));
    ASSERT_EQ(commit().toStdString(), "");

    auto next = restart();
    EXPECT_EQ(next->queue.order(), (QList<JobId>{c, d}));
}

TEST_F(QueuePersisterTest, ARunningResumableJobSkipsWhatItFinishedAfterARestart) {
    const JobId id = add(spec(QStringLiteral("steps"), {{QStringLiteral("count"), 5},
                                                        {QStringLiteral("holdAt"), 3},
                                                        {QStringLiteral("key"), "hold"}}));
    ASSERT_TRUE(waitUntil([&] { return queue.job(id)->done >= 3; }));
    ASSERT_EQ(commit().toStdString(), "");

    // The first life still runs it (as if it had died); the second resumes it.
    auto next = restart();
    fakes.gate->open(QStringLiteral("hold"));
    ASSERT_TRUE(waitUntil([&] { return next->queue.job(id)->state == JobState::Succeeded; }));
    EXPECT_EQ(next->queue.job(id)->result.summary, QStringLiteral("processed 2, skipped 3"));
}

TEST_F(QueuePersisterTest, ACleanStopRecordsRunningJobsAsInterrupted) {
    const JobId command = addGate(QStringLiteral("forever"));
    const JobId resumable = add(spec(QStringLiteral("steps"), {{QStringLiteral("count"), 2},
                                                               {QStringLiteral("holdAt"), 1},
                                                               {QStringLiteral("key"), "h"}}));
    ASSERT_TRUE(waitUntil([&] { return queue.job(resumable)->done >= 1; }));
    ASSERT_TRUE(waitUntil([&] { return fakes.recorder->running.load() == 1; }));
    queue.interruptRunning();
    ASSERT_TRUE(waitUntil([&] { return queue.isIdle(); }));
    ASSERT_TRUE(persister->flush());

    fakes.gate->open(QStringLiteral("h"));
    auto next = restart();
    EXPECT_EQ(next->queue.job(command)->state, JobState::Interrupted);
    ASSERT_TRUE(
        waitUntil([&] { return next->queue.job(resumable)->state == JobState::Succeeded; }));
    EXPECT_EQ(next->queue.job(resumable)->result.summary, QStringLiteral("processed 1, skipped 1"));

    // Left interrupted by the user, it is not taken for a fresh stop next time.
    next.reset();
    Restarted third(fakes, dir.path());
    EXPECT_EQ(third.queue.job(command)->state, JobState::Interrupted);
}

TEST_F(QueuePersisterTest, TheStoreKeepsEveryLogLineAndReadsThemInOrder) {
    const JobId id = add(spec(QStringLiteral("spin"),
                              {{QStringLiteral("total"), 3000}, {QStringLiteral("logEvery"), 1}}));
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    std::optional<QStringList> lines;
    // Read at once: lines not yet written still come back.
    persister->readLog(id, 0, &queue, [&lines](const QStringList &read) { lines = read; });
    ASSERT_TRUE(waitUntil([&] { return lines.has_value(); }));
    ASSERT_EQ(lines->size(), 3000);
    EXPECT_EQ(lines->first(), QStringLiteral("step 1"));
    EXPECT_EQ(lines->last(), QStringLiteral("step 3000"));

    auto next = restart();
    std::optional<QStringList> tail;
    next->persister.readLog(id, 10, &next->queue,
                            [&tail](const QStringList &read) { tail = read; });
    ASSERT_TRUE(waitUntil([&] { return tail.has_value(); }));
    ASSERT_EQ(tail->size(), 10);
    EXPECT_EQ(tail->last(), QStringLiteral("step 3000"));
}

TEST_F(QueuePersisterTest, AFullDiskFailsTheCommitAndLosesNothingCommittedBefore) {
    queue.drain();
    const JobId kept = addGate(QStringLiteral("kept"));
    ASSERT_EQ(commit().toStdString(), "");
    QSignalSpy failed(persister.get(), &QueuePersister::storeFailed);
    QSignalSpy recovered(persister.get(), &QueuePersister::storeRecovered);
    ASSERT_TRUE(persister->limitPagesForTesting(1));

    const QString big(200000, QLatin1Char('x'));
    add(spec(QStringLiteral("gate"), {{QStringLiteral("key"), big}}));
    const QString error = commit();
    EXPECT_TRUE(error.contains(QStringLiteral("full"))) << error.toStdString();
    EXPECT_TRUE(error.contains(persister->databasePath())) << error.toStdString();
    EXPECT_EQ(failed.size(), 1);
    EXPECT_FALSE(persister->lastError().isEmpty());

    ASSERT_TRUE(persister->limitPagesForTesting(1000000));
    // The change is retried, not dropped: the next write works (a retry already
    // on its way when the limit went up may still fail once).
    EXPECT_TRUE(waitUntil([&] { return recovered.size() == 1; }));
    EXPECT_EQ(commit().toStdString(), "");

    auto next = restart();
    EXPECT_EQ(next->queue.count(), 2);
    EXPECT_TRUE(next->queue.job(kept));
}

TEST_F(QueuePersisterTest, AFinalStateIsOnDiskBeforeAnyoneIsToldOfIt) {
    // What a second reader of the database sees at the moment each final state
    // is announced: the store must already say the same.
    QSqlDatabase probe =
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("final-state-probe"));
    probe.setDatabaseName(persister->databasePath());
    probe.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    ASSERT_TRUE(probe.open());
    QHash<JobId, QString> onDiskWhenAnnounced;
    QObject::connect(&queue, &JobQueue::jobStateChanged, &queue, [&](JobId id, JobState state) {
        if (!isFinished(state))
            return;
        QSqlQuery query(probe);
        query.prepare(QStringLiteral("SELECT state FROM jobs WHERE id = ?"));
        query.addBindValue(id);
        onDiskWhenAnnounced[id] =
            query.exec() && query.next() ? query.value(0).toString() : QStringLiteral("(no row)");
    });
    const JobId done = add(spec(QStringLiteral("instant")));
    const JobId failed =
        add(spec(QStringLiteral("fail"), {{QStringLiteral("message"), QStringLiteral("no")}}));
    ASSERT_TRUE(waitForState(done, JobState::Succeeded));
    ASSERT_TRUE(waitForState(failed, JobState::Failed));
    queue.drain();
    const JobId canceled = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(queue.cancel(canceled).ok());
    ASSERT_TRUE(waitForState(canceled, JobState::Canceled));
    EXPECT_EQ(onDiskWhenAnnounced.value(done).toStdString(), "succeeded");
    EXPECT_EQ(onDiskWhenAnnounced.value(failed).toStdString(), "failed");
    EXPECT_EQ(onDiskWhenAnnounced.value(canceled).toStdString(), "canceled");
    probe.close();
    probe = {};
    QSqlDatabase::removeDatabase(QStringLiteral("final-state-probe"));
}

TEST_F(QueuePersisterTest, AnIdIsNeverGivenTwiceEvenAfterTheHighestJobIsRemoved) {
    queue.drain();
    add(spec(QStringLiteral("instant")));
    const JobId highest = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(queue.remove(highest).ok());
    ASSERT_EQ(commit().toStdString(), "");
    auto next = restart();
    next->queue.drain();
    auto added = next->queue.add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(added.ok());
    EXPECT_GT(*added, highest);
}

namespace {
// A real process in its own session, as a supervisor's program would be.
// A `sleep 1000` in its own session, as a crashed run's program would be.
// fork() + exec, not QProcess: ThreadSanitizer follows fork(), but not the
// way Qt's forkfd starts a child, and reported races that were not there.
struct StrayProcess {
    pid_t pid = 0;
    bool execed = false; // it runs sleep (its identity is that of sleep)
    StrayProcess() {
        pid = ::fork();
        if (pid == 0) {
            ::setsid();
            ::execlp("sleep", "sleep", "1000", static_cast<char *>(nullptr));
            ::_exit(127);
        }
        // Until it has exec'd, its start time is the fork's: wait for sleep.
        execed = QTest::qWaitFor(
            [this] {
                QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
                return comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("sleep");
            },
            60000);
    }
    ~StrayProcess() {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
    // Reaps it once it has ended; true while it runs.
    bool running() { return ::waitpid(pid, nullptr, WNOHANG) == 0; }
    bool endsWithin(int ms) {
        return QTest::qWaitFor([this] { return !running(); }, ms);
    }
};

StoreBatch leaving(JobId id, const QStringList &leftovers) {
    JobSnapshot job;
    job.id = id;
    job.spec.kind = QStringLiteral("gate");
    job.spec.title = QStringLiteral("cut short");
    job.state = JobState::Running;
    job.started = true;
    StoreBatch batch;
    batch.sequence = 1;
    batch.upserts = {job};
    batch.leftovers = {{id, leftovers}};
    return batch;
}
} // namespace

TEST_F(QueuePersisterTest, WhatARunCutShortLeftBehindIsDealtWithBeforeAnyJobRunsAgain) {
    persister.reset();
    // What an instance killed in the middle of a run left: a temporary file,
    // its program still running, and a record whose pid went to another process.
    const QString temporary = dir.filePath(QStringLiteral(".big.bin.taskdeck-Ab12Cd"));
    QFile partial(temporary);
    ASSERT_TRUE(partial.open(QIODevice::WriteOnly));
    partial.write(QByteArray(1 << 20, 'x'));
    partial.close();
    StrayProcess running;
    StrayProcess reused;
    ASSERT_TRUE(running.execed && reused.execed);
    const quint64 started = ProcessIdentity::startTime(running.pid).value();
    {
        JobStore store(dir.path());
        ASSERT_TRUE(store.open(0).ok());
        ASSERT_EQ(
            store.write(leaving(
                1, {JobLeftover::temporaryFile(temporary).encoded(),
                    JobLeftover::process(running.pid, started, running.pid, started).encoded(),
                    JobLeftover::process(reused.pid, 1, reused.pid, 1).encoded()})),
            QString());
    }
    auto next = std::make_unique<Restarted>(fakes, dir.path());
    EXPECT_FALSE(QFile::exists(temporary));
    EXPECT_TRUE(running.endsWithin(10000)) << "the earlier run's program still runs";
    EXPECT_TRUE(reused.running()) << "a reused pid was killed";
    std::optional<QStringList> log;
    next->persister.readLog(1, 0, &next->queue, [&log](const QStringList &lines) { log = lines; });
    ASSERT_TRUE(waitUntil([&] { return log.has_value(); }));
    EXPECT_TRUE(log->join('\n').contains(
        QStringLiteral("deleted the earlier run's temporary file %1").arg(temporary)))
        << log->join('\n').toStdString();
    EXPECT_TRUE(
        log->join('\n').contains(QStringLiteral("process %1 was still running").arg(running.pid)))
        << log->join('\n').toStdString();
    // Dealt with once: the next start finds nothing left to do.
    next.reset();
    JobStore store(dir.path());
    const auto loaded = store.open(0);
    ASSERT_TRUE(loaded.ok());
    ASSERT_EQ(loaded->jobs.size(), 1);
    EXPECT_TRUE(loaded->jobs[0].leftovers.isEmpty());
}

TEST_F(QueuePersisterTest, AnUndoneRemovalIsOnDiskWithItsLogAndARestartForgetsWhatWasSetAside) {
    const JobId kept = add(spec(QStringLiteral("spin"),
                                {{QStringLiteral("total"), 50}, {QStringLiteral("logEvery"), 1}}));
    const JobId gone = add(spec(QStringLiteral("spin"),
                                {{QStringLiteral("total"), 20}, {QStringLiteral("logEvery"), 1}}));
    ASSERT_TRUE(waitForState(gone, JobState::Succeeded));
    ASSERT_TRUE(waitForState(kept, JobState::Succeeded));
    ASSERT_EQ(commit().toStdString(), "");
    const QString keptLog = dir.filePath(QStringLiteral("logs/%1.log").arg(kept));
    const QString goneLog = dir.filePath(QStringLiteral("logs/%1.log").arg(gone));
    ASSERT_TRUE(QFile::exists(keptLog));
    const RemovedJob undoable{*queue.job(kept), queue.logTail(kept)};
    ASSERT_TRUE(queue.remove(kept));
    ASSERT_TRUE(queue.remove(gone));
    ASSERT_EQ(commit().toStdString(), "");
    EXPECT_FALSE(QFile::exists(keptLog)); // set aside, not in the store's logs any more

    ASSERT_TRUE(queue.reinstate({undoable}).ok());
    ASSERT_EQ(commit().toStdString(), "");
    EXPECT_TRUE(QFile::exists(keptLog));
    EXPECT_EQ(QFileInfo(keptLog).permissions() & (QFile::ReadGroup | QFile::ReadOther), 0);

    auto next = restart();
    EXPECT_EQ(next->queue.order(), QList<JobId>{kept});
    EXPECT_EQ(next->queue.job(kept)->state, JobState::Succeeded);
    std::optional<QStringList> lines;
    next->persister.readLog(kept, 0, &next->queue,
                            [&lines](const QStringList &read) { lines = read; });
    ASSERT_TRUE(waitUntil([&] { return lines.has_value(); }));
    EXPECT_EQ(lines->size(), 50);
    // The removal not undone is forgotten at start: its log is deleted.
    EXPECT_FALSE(QFile::exists(goneLog));
    EXPECT_TRUE(QDir(dir.filePath(QStringLiteral("logs/removed"))).isEmpty());
}

TEST_F(QueuePersisterTest, ARemovalUndoneBeforeItWasWrittenLeavesTheJobOnDisk) {
    const JobId id = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    ASSERT_EQ(commit().toStdString(), "");
    const RemovedJob undoable{*queue.job(id), {}};
    ASSERT_TRUE(queue.remove(id));
    ASSERT_TRUE(queue.reinstate({undoable}).ok()); // in the same batch
    ASSERT_EQ(commit().toStdString(), "");
    auto next = restart();
    EXPECT_EQ(next->queue.order(), QList<JobId>{id});
}
