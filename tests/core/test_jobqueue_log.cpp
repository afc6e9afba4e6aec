// JobQueue::logTail(): the lines a job logged, kept for observers that come late.
#include "jobqueuefixture.h"

using State = JobState;

namespace {

class LogTail : public JobQueueFixture {
protected:
    // A spinner that logs "step N" every `every` steps and runs until canceled.
    JobId addEndlessLogger(qint64 every = 100000) {
        return add(spec(QStringLiteral("spin"), {{QStringLiteral("total"), qint64(1) << 50},
                                                 {QStringLiteral("logEvery"), every}}));
    }
};

} // namespace

TEST_F(LogTail, KeepsTheNewestLinesOfAFinishedJobInOrder) {
    const JobId id = add(spec(QStringLiteral("spin"), {{QStringLiteral("total"), 300000},
                                                       {QStringLiteral("logEvery"), 100}}));
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    const QStringList tail = queue.logTail(id);
    ASSERT_EQ(tail.size(), JobQueue::logTailLines);
    for (int i = 0; i < tail.size(); ++i)
        ASSERT_EQ(tail[i], QStringLiteral("step %1").arg((2000 + 1 + i) * 100)) << i;
    EXPECT_EQ(queue.logTail(id, 3), tail.mid(tail.size() - 3));
    // Asking for more than the queue keeps gives what it keeps.
    EXPECT_EQ(queue.logTail(id, 5 * JobQueue::logTailLines), tail);
}

TEST_F(LogTail, HoldsALinesBatchBeforeJobLoggedCarriesIt) {
    const JobId id = add(spec(QStringLiteral("spin"), {{QStringLiteral("total"), 100000},
                                                       {QStringLiteral("logEvery"), 1000}}));
    int batches = 0;
    bool everyBatchInTail = true;
    QObject::connect(&queue, &JobQueue::jobLogged, [&](JobId job, const QStringList &lines) {
        if (job != id)
            return;
        ++batches;
        const QStringList tail = queue.logTail(id, int(lines.size()));
        everyBatchInTail = everyBatchInTail && tail == lines;
    });
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    EXPECT_GT(batches, 0);
    EXPECT_TRUE(everyBatchInTail);
    EXPECT_EQ(queue.logTail(id).size(), 100);
}

TEST_F(LogTail, IsEmptyForAJobThatNeverLoggedOrDoesNotExist) {
    const JobId id = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    EXPECT_TRUE(queue.logTail(id).isEmpty());
    EXPECT_TRUE(queue.logTail(12345).isEmpty());
}

TEST_F(LogTail, GrowsWhileTheJobRuns) {
    const JobId id = addEndlessLogger();
    ASSERT_TRUE(waitUntil([&] { return queue.logTail(id).size() >= 3; }));
    EXPECT_EQ(queue.logTail(id).first(), QStringLiteral("step 100000"));
    queue.cancel(id);
    ASSERT_TRUE(waitForState(id, State::Canceled));
}

TEST_F(LogTail, IsFreedWhenTheJobIsRemoved) {
    const JobId finished = add(spec(QStringLiteral("spin"), {{QStringLiteral("total"), 1000},
                                                             {QStringLiteral("logEvery"), 10}}));
    const JobId running = addEndlessLogger();
    ASSERT_TRUE(waitForState(finished, State::Succeeded));
    ASSERT_TRUE(waitUntil([&] { return !queue.logTail(running).isEmpty(); }));
    ASSERT_FALSE(queue.logTail(finished).isEmpty());

    ASSERT_TRUE(queue.remove(finished).ok());
    EXPECT_TRUE(queue.logTail(finished).isEmpty());

    // A running job is removed when its run stops; its last lines go with it.
    ASSERT_TRUE(queue.remove(running).ok());
    ASSERT_TRUE(waitUntil([&] { return !queue.job(running); }));
    EXPECT_TRUE(queue.logTail(running).isEmpty());
}

TEST_F(LogTail, ClearFinishedFreesTheTailsOfTheJobsItRemoves) {
    const JobId id = add(spec(QStringLiteral("spin"),
                              {{QStringLiteral("total"), 1000}, {QStringLiteral("logEvery"), 10}}));
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    ASSERT_EQ(queue.logTail(id).size(), 100);
    queue.clearFinished();
    EXPECT_TRUE(queue.logTail(id).isEmpty());
}

TEST_F(LogTail, RetryKeepsTheEarlierLinesAndMarksWhereTheNewRunBegins) {
    const JobId id = addEndlessLogger();
    ASSERT_TRUE(waitUntil([&] { return queue.logTail(id).size() >= 2; }));
    queue.cancel(id);
    ASSERT_TRUE(waitForState(id, State::Canceled));
    const QStringList beforeRetry = queue.logTail(id);

    QStringList announced;
    QObject::connect(&queue, &JobQueue::jobLogged, [&](JobId job, const QStringList &lines) {
        if (job == id)
            announced += lines;
    });
    ASSERT_TRUE(queue.retry(id).ok());
    EXPECT_EQ(announced, QStringList{QStringLiteral("[retried]")});
    EXPECT_EQ(queue.logTail(id), beforeRetry + QStringList{QStringLiteral("[retried]")});

    // The new run's lines follow the mark.
    ASSERT_TRUE(waitUntil([&] { return queue.logTail(id).size() > beforeRetry.size() + 1; }));
    const QStringList tail = queue.logTail(id);
    EXPECT_EQ(tail.mid(0, beforeRetry.size()), beforeRetry);
    EXPECT_EQ(tail.at(beforeRetry.size()), QStringLiteral("[retried]"));
    EXPECT_EQ(tail.at(beforeRetry.size() + 1), QStringLiteral("step 100000"));
    queue.cancel(id);
    ASSERT_TRUE(waitForState(id, State::Canceled));
}

TEST_F(LogTail, RetryingAJobThatNeverLoggedAddsNoLine) {
    const JobId id =
        add(spec(QStringLiteral("fail"), {{QStringLiteral("message"), QStringLiteral("no")}}));
    ASSERT_TRUE(waitForState(id, State::Failed));
    ASSERT_TRUE(queue.retry(id).ok());
    EXPECT_TRUE(queue.logTail(id).isEmpty());
    ASSERT_TRUE(waitForState(id, State::Failed));
    EXPECT_TRUE(queue.logTail(id).isEmpty());
}
