// Cancel and pause of a running hash job: prompt, leaving no partial manifest,
// holding every worker thread while paused.
#include "hashjobfixture.h"

#include "job/jobcontext.h"
#include "kinds/hash/hashjobkind.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace {

constexpr qint64 GiB = qint64(1) << 30;
constexpr qint64 block = qint64(1) << 20;

// Sparse files cost no disk and read back as zeros: big enough that a job on
// them is surely still running when the test reacts.
void makeSparseFiles(const QString &folder, int count, qint64 size) {
    ASSERT_TRUE(QDir().mkpath(folder));
    for (int i = 0; i < count; ++i) {
        QFile file(folder + QStringLiteral("/zeros%1").arg(i));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        ASSERT_TRUE(file.resize(size));
    }
}

} // namespace

class HashJobControl : public HashJobFixture {};

TEST_F(HashJobControl, CancelingMidHashStopsPromptlyAndWritesNoManifest) {
    makeSparseFiles(path("big"), 2, 16 * GiB);
    ASSERT_TRUE(QDir().mkpath(path("out")));
    const JobId id =
        add(hashParams({QStringLiteral("big")}, {{QStringLiteral("output"), "out/SUMS"}}));
    ASSERT_TRUE(waitUntil([&] { return queue.job(id)->done > 0; }));
    ASSERT_EQ(queue.job(id)->state, JobState::Running);

    QElapsedTimer stopping;
    stopping.start();
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    // Well under the time the rest of 32 GiB takes, even on a loaded machine.
    EXPECT_LT(stopping.elapsed(), 5000);
    EXPECT_LT(queue.job(id)->done, 32 * GiB);
    EXPECT_EQ(queue.job(id)->result.error, QStringLiteral("canceled"));
    // Neither the manifest nor QSaveFile's temporary file is left behind.
    EXPECT_EQ(QDir(path("out")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{});
}

TEST_F(HashJobControl, PausingStopsProgressAndResumingFinishesTheManifest) {
    makeSparseFiles(path("big"), 2, GiB);
    const JobId id = add(hashParams({QStringLiteral("big")}));
    ASSERT_TRUE(waitUntil([&] { return queue.job(id)->done > 0; }));
    ASSERT_TRUE(queue.pause(id).ok());
    ASSERT_EQ(queue.job(id)->state, JobState::Paused);
    // The sampled figure may lag the workers by one sampling interval, at most
    // tens of MiB at full speed; after that nothing moves.
    const qint64 pausedAt = queue.job(id)->done;
    EXPECT_FALSE(waitUntil([&] { return queue.job(id)->done > pausedAt + 256 * block; }, 2500))
        << "progress went on from " << pausedAt << " to " << queue.job(id)->done;
    EXPECT_LT(queue.job(id)->done, 2 * GiB);

    ASSERT_TRUE(queue.resume(id).ok());
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    const JobSnapshot job = *queue.job(id);
    EXPECT_EQ(job.done, 2 * GiB);
    const QString zeros =
        QStringLiteral("49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14");
    EXPECT_EQ(job.result.details.value(QStringLiteral("manifest")).toString(),
              zeros + QStringLiteral("  big/zeros0\n") + zeros + QStringLiteral("  big/zeros1\n"));
}

// Straight on a JobContext, without the queue's sampling in between: once the
// future reports suspended, no worker hashes more than the block it was in.
TEST_F(HashJobControl, WhileSuspendedNoWorkerHashesBeyondItsCurrentBlock) {
    makeSparseFiles(path("big"), 2, 8 * GiB);
    ASSERT_TRUE(QDir().mkpath(path("out")));
    const HashJobKind hash;
    const QVariantMap params = *hash.validate(
        hashParams({QStringLiteral("big")}, {{QStringLiteral("output"), "out/SUMS"}}));
    QThreadPool pool;
    JobProgress progress;
    JobResult result;
    QFuture<void> future = QtConcurrent::run(&pool, [&](QPromise<void> &promise) {
        JobContext context(promise, progress, &pool);
        result = hash.run(context, params);
    });
    ASSERT_TRUE(waitUntil([&] { return progress.done() > 0; }));
    future.suspend();
    ASSERT_TRUE(waitUntil([&] { return future.isSuspended(); }));
    const qint64 suspendedAt = progress.done();
    EXPECT_FALSE(waitUntil([&] { return progress.done() > suspendedAt + 2 * block; }, 1000))
        << "hashed on from " << suspendedAt << " to " << progress.done();

    // Canceling a suspended job wakes its workers, which stop at once.
    QElapsedTimer stopping;
    stopping.start();
    future.cancel();
    future.waitForFinished();
    EXPECT_LT(stopping.elapsed(), 5000);
    EXPECT_EQ(result.error, QStringLiteral("canceled"));
    EXPECT_LT(progress.done(), 16 * GiB);
    EXPECT_EQ(QDir(path("out")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{});
}
