// What observers see of running jobs: coalesced progress, speed, ETA, log lines.
#include "jobqueuefixture.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using State = JobState;

class Progress : public JobQueueFixture {};

TEST_F(Progress, AFloodOfProgressCallsReachesObserversAtMostAboutThirtyTimesASecond) {
    QSignalSpy progressed(&queue, &JobQueue::jobsProgressed);
    QElapsedTimer elapsed;
    elapsed.start();
    // Two jobs calling setDone() in a tight loop, millions of times a second.
    const JobId a = add(spec(QStringLiteral("spin"), {{QStringLiteral("total"), qint64(1) << 50}}));
    const JobId b = add(spec(QStringLiteral("spin"), {{QStringLiteral("total"), qint64(1) << 50}}));
    ASSERT_TRUE(waitUntil([&] { return progressed.count() >= 30; }));
    const qint64 ms = elapsed.elapsed();
    EXPECT_LE(progressed.count(), ms / 30 + 3) << "in " << ms << " ms";
    EXPECT_GT(queue.job(a)->done, 1000);
    // Both jobs travel in the same batches.
    EXPECT_TRUE(progressed.last().first().value<QList<JobId>>().contains(b));
    queue.cancel(a);
    queue.cancel(b);
    ASSERT_TRUE(waitForState(b, State::Canceled));
}

TEST_F(Progress, SpeedAndEtaComeFromTheQueueWhileAJobRuns) {
    const JobId id =
        add(spec(QStringLiteral("spin"), {{QStringLiteral("total"), qint64(1) << 50}}));
    ASSERT_TRUE(waitUntil([&] {
        auto job = queue.job(id);
        return job && job->speed > 0 && job->etaSeconds > 0;
    }));
    auto job = queue.job(id);
    EXPECT_EQ(job->unit, ProgressUnit::Bytes);
    EXPECT_GT(job->done, 0);
    EXPECT_EQ(job->total, qint64(1) << 50);
    EXPECT_GT(job->fraction(), 0.0);
    queue.pause(id);
    ASSERT_TRUE(waitUntil([&] { return queue.job(id)->speed == 0; }));
    EXPECT_EQ(queue.job(id)->etaSeconds, -1);
    queue.cancel(id);
    ASSERT_TRUE(waitForState(id, State::Canceled));
}

TEST_F(Progress, EveryLogLineArrivesInOrderBeforeTheFinalState) {
    const JobId id = add(spec(QStringLiteral("spin"), {{QStringLiteral("total"), 200000},
                                                       {QStringLiteral("logEvery"), 100}}));
    QStringList lines;
    bool finishedBeforeLastLine = false;
    QObject::connect(&queue, &JobQueue::jobLogged, [&](JobId job, const QStringList &batch) {
        if (job == id)
            lines += batch;
    });
    QObject::connect(&queue, &JobQueue::jobStateChanged, [&](JobId job, JobState state) {
        if (job == id && state == State::Succeeded)
            finishedBeforeLastLine = lines.size() != 2000;
    });
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    EXPECT_FALSE(finishedBeforeLastLine);
    ASSERT_EQ(lines.size(), 2000);
    EXPECT_EQ(lines.first(), QStringLiteral("step 100"));
    EXPECT_EQ(lines.last(), QStringLiteral("step 200000"));
}
