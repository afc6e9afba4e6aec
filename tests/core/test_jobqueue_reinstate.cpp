// Bringing back jobs removed in this run (the window's Undo).
#include "jobqueuefixture.h"

#include <QSignalSpy>

namespace {
class JobQueueReinstate : public JobQueueFixture {
protected:
    // What the window keeps when it removes a job.
    RemovedJob removedCopy(JobId id) const { return {*queue.job(id), queue.logTail(id)}; }
};
} // namespace

TEST_F(JobQueueReinstate, RemovedJobsComeBackWhereTheyWereWithIdsResultsAndLogs) {
    const JobId done = add(spec(QStringLiteral("spin"),
                                {{QStringLiteral("total"), 3}, {QStringLiteral("logEvery"), 1}}));
    ASSERT_TRUE(waitForState(done, JobState::Succeeded));
    queue.drain();
    const JobId a = addGate(QStringLiteral("a"));
    const JobId b = addGate(QStringLiteral("b"));
    const JobId c = addGate(QStringLiteral("c"));
    ASSERT_TRUE(queue.pause(c));
    const QString summary = queue.job(done)->result.summary;
    const QList<RemovedJob> kept = {removedCopy(done), removedCopy(b), removedCopy(c)};
    for (const RemovedJob &job : kept)
        ASSERT_TRUE(queue.remove(job.job.id));
    ASSERT_EQ(queue.order(), QList<JobId>{a});
    const JobId later = addGate(QStringLiteral("later"));

    QSignalSpy added(&queue, &JobQueue::jobsAdded);
    QSignalSpy reinstated(&queue, &JobQueue::jobsReinstated);
    const Expected<QList<JobId>> back = queue.reinstate(kept);
    ASSERT_TRUE(back.ok()) << back.error().toStdString();
    EXPECT_EQ(*back, (QList<JobId>{done, b, c}));
    // Each at its old place among the others; a job added since stays last.
    EXPECT_EQ(queue.order(), (QList<JobId>{done, a, b, c, later}));
    EXPECT_EQ(queue.job(b)->position, 2);
    EXPECT_EQ(stateOf(done), JobState::Succeeded);
    EXPECT_EQ(queue.job(done)->result.summary, summary);
    EXPECT_EQ(queue.logTail(done), kept[0].logTail);
    EXPECT_EQ(queue.logTail(done).size(), 3);
    EXPECT_EQ(stateOf(b), JobState::Queued);
    EXPECT_EQ(stateOf(c), JobState::Paused);
    EXPECT_EQ(added.size(), 1);
    EXPECT_EQ(reinstated.size(), 1);
    EXPECT_EQ(queue.countIn(JobState::Queued), 3); // a, b and later
    // A queued job that came back runs in its turn.
    queue.resumeAll();
    fakes.gate->open(QStringLiteral("b"));
    ASSERT_TRUE(waitForState(b, JobState::Succeeded));
}

TEST_F(JobQueueReinstate, AJobThatHadStartedOrIsStillHereDoesNotComeBack) {
    const JobId running = addGate(QStringLiteral("r"));
    ASSERT_TRUE(waitUntilInsideRun());
    const RemovedJob whileRunning = removedCopy(running);
    ASSERT_TRUE(queue.remove(running));
    ASSERT_TRUE(waitUntil([&] { return !queue.job(running); }));
    const JobId here = addGate(QStringLiteral("here"));

    EXPECT_FALSE(queue.canReinstate(whileRunning.job));
    EXPECT_FALSE(queue.canReinstate(queue.job(here).value()));
    RemovedJob neverGiven = removedCopy(here);
    neverGiven.job.id = queue.nextId();
    EXPECT_FALSE(queue.canReinstate(neverGiven.job));
    const Expected<QList<JobId>> back =
        queue.reinstate({whileRunning, removedCopy(here), neverGiven});
    EXPECT_FALSE(back.ok());
    EXPECT_EQ(queue.order(), QList<JobId>{here});
}

TEST_F(JobQueueReinstate, ADependencyOnAJobNoLongerHereIsDropped) {
    queue.drain();
    const JobId first = addGate(QStringLiteral("first"));
    JobSpec second = spec(QStringLiteral("instant"));
    second.after = {first};
    const JobId then = add(second);
    ASSERT_EQ(stateOf(then), JobState::Waiting);
    const RemovedJob kept = removedCopy(then);
    ASSERT_TRUE(queue.remove(then));
    ASSERT_TRUE(queue.remove(first));

    ASSERT_TRUE(queue.reinstate({kept}).ok());
    EXPECT_TRUE(queue.job(then)->spec.after.isEmpty());
    queue.resumeAll();
    ASSERT_TRUE(waitForState(then, JobState::Succeeded));
}
