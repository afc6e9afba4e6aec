// With a DurabilityGate, a final state is shown only once it is durable, and
// a job that is not Resumable begins its work only once its start is: the
// queue holds both back until the gate confirms them (the store side is
// QueuePersister; here a recording fake). The fake kinds are not Resumable.
#include "engine/durabilitygate.h"
#include "jobqueuefixture.h"

#include <QSignalSpy>

namespace {
// Records what the queue asks to make durable. Endings are confirmed only when
// a test says so; starts at once (from the event loop) unless holdStarts.
class RecordingGate : public DurabilityGate {
public:
    explicit RecordingGate(JobQueue &queue)
        : queue(queue) {}
    void endingPending(JobId id) override { pending.append(id); }
    void startPending(JobId id) override {
        starts.append(id);
        if (!holdStarts)
            QMetaObject::invokeMethod(
                &queue, [this, id] { queue.confirmStarts({id}); }, Qt::QueuedConnection);
    }
    JobQueue &queue;
    QList<JobId> pending;
    QList<JobId> starts;
    bool holdStarts = false;
};

class Endings : public JobQueueFixture {
protected:
    RecordingGate gate{queue};
    void SetUp() override { queue.setDurabilityGate(&gate); }
    void TearDown() override { queue.setDurabilityGate(nullptr); }
    bool waitForEnding(JobId id) {
        return waitUntil([&] { return gate.pending.contains(id); });
    }
};
} // namespace

TEST_F(Endings, ARunsFinalStateShowsOnlyOnceTheGateConfirmsIt) {
    QSignalSpy states(&queue, &JobQueue::jobStateChanged);
    const JobId id = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForEnding(id));
    const JobSnapshot before = *queue.job(id);
    EXPECT_EQ(before.state, JobState::Running);
    ASSERT_TRUE(before.ending.has_value());
    EXPECT_EQ(before.ending->state, JobState::Succeeded);
    EXPECT_EQ(before.settled().state, JobState::Succeeded);
    EXPECT_EQ(queue.countIn(JobState::Succeeded), 0);
    EXPECT_FALSE(queue.isIdle());
    for (const QList<QVariant> &change : std::as_const(states))
        EXPECT_NE(change.at(1).value<JobState>(), JobState::Succeeded);

    queue.confirmEndings({id});
    EXPECT_EQ(stateOf(id), JobState::Succeeded);
    EXPECT_FALSE(queue.job(id)->ending.has_value());
    EXPECT_EQ(states.last().at(1).value<JobState>(), JobState::Succeeded);
    EXPECT_TRUE(waitUntil([&] { return queue.isIdle(); }));
}

TEST_F(Endings, AFailureKeepsItsMessageThroughTheWait) {
    const JobId id =
        add(spec(QStringLiteral("fail"), {{QStringLiteral("message"), QStringLiteral("no disk")}}));
    ASSERT_TRUE(waitForEnding(id));
    EXPECT_EQ(queue.job(id)->ending->result.error, QStringLiteral("no disk"));
    queue.confirmEndings({id});
    EXPECT_EQ(stateOf(id), JobState::Failed);
    EXPECT_EQ(queue.job(id)->result.error, QStringLiteral("no disk"));
}

TEST_F(Endings, ADependentStartsOnlyOnceItsDependencysSuccessIsConfirmed) {
    const JobId first = add(spec(QStringLiteral("instant")));
    JobSpec second = spec(QStringLiteral("instant"));
    second.after = {first};
    const JobId then = add(second);
    ASSERT_TRUE(waitForEnding(first));
    // However long the gate takes, the dependent does not start meanwhile.
    EXPECT_FALSE(waitUntil([&] { return stateOf(then) != JobState::Waiting; }, 300));
    queue.confirmEndings({first});
    ASSERT_TRUE(waitForEnding(then));
    queue.confirmEndings({then});
    EXPECT_EQ(stateOf(then), JobState::Succeeded);
}

TEST_F(Endings, ACanceledQueuedJobNeverStartsAndShowsCanceledOnceConfirmed) {
    queue.drain();
    const JobId id = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(queue.cancel(id).ok());
    EXPECT_EQ(gate.pending, QList<JobId>{id});
    EXPECT_EQ(stateOf(id), JobState::Queued);
    queue.resumeAll();
    EXPECT_FALSE(waitUntil([&] { return stateOf(id) != JobState::Queued; }, 300));
    EXPECT_EQ(fakes.recorder->runs.load(), 0);
    queue.confirmEndings({id});
    EXPECT_EQ(stateOf(id), JobState::Canceled);
    EXPECT_EQ(fakes.recorder->runs.load(), 0);
}

TEST_F(Endings, AFailedJobsDependentsAreCanceledThroughTheGateTooInTurn) {
    const JobId failing =
        add(spec(QStringLiteral("fail"), {{QStringLiteral("message"), QStringLiteral("broken")}}));
    JobSpec middleSpec = spec(QStringLiteral("instant"));
    middleSpec.after = {failing};
    const JobId middle = add(middleSpec);
    JobSpec lastSpec = spec(QStringLiteral("instant"));
    lastSpec.after = {middle};
    const JobId last = add(lastSpec);
    ASSERT_TRUE(waitForEnding(failing));
    queue.confirmEndings({failing});
    EXPECT_EQ(gate.pending, (QList<JobId>{failing, middle}));
    EXPECT_EQ(stateOf(middle), JobState::Waiting);
    queue.confirmEndings({middle});
    EXPECT_EQ(stateOf(middle), JobState::Canceled);
    EXPECT_EQ(gate.pending.last(), last);
    queue.confirmEndings({last});
    EXPECT_EQ(stateOf(last), JobState::Canceled);
    EXPECT_TRUE(queue.job(last)->result.error.contains(QString::number(middle)));
}

TEST_F(Endings, SteeringAnEndingJobIsRefusedAndRemovingItWaitsForTheConfirmation) {
    const JobId id = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForEnding(id));
    EXPECT_FALSE(queue.cancel(id).ok());
    EXPECT_FALSE(queue.pause(id).ok());
    EXPECT_FALSE(queue.retry(id).ok());
    ASSERT_TRUE(queue.remove(id).ok());
    EXPECT_TRUE(queue.job(id).has_value());
    queue.confirmEndings({id});
    EXPECT_FALSE(queue.job(id).has_value());
}

TEST_F(Endings, ResettingTheGateSettlesWhatWaits) {
    const JobId id = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForEnding(id));
    queue.setDurabilityGate(nullptr);
    EXPECT_EQ(stateOf(id), JobState::Succeeded);
}

TEST_F(Endings, WithoutAGateFinalStatesShowAtOnce) {
    queue.setDurabilityGate(nullptr);
    const JobId id = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    EXPECT_TRUE(gate.pending.isEmpty());
}

TEST_F(Endings, AJobThatIsNotResumableBeginsOnlyOnceItsStartIsConfirmed) {
    gate.holdStarts = true;
    const JobId id = addGate(QStringLiteral("g"));
    ASSERT_TRUE(waitUntil([&] { return gate.starts.contains(id); }));
    EXPECT_EQ(stateOf(id), JobState::Running);
    EXPECT_FALSE(waitUntil([&] { return fakes.recorder->runs.load() > 0; }, 300));
    queue.confirmStarts({id});
    ASSERT_TRUE(waitUntil([&] { return fakes.recorder->runs.load() == 1; }));
    fakes.gate->openAll();
    ASSERT_TRUE(waitForEnding(id));
    queue.confirmEndings({id});
    EXPECT_EQ(stateOf(id), JobState::Succeeded);
}

TEST_F(Endings, CancelingAJobWhoseStartIsNotSavedEndsItWithoutRunningIt) {
    gate.holdStarts = true;
    const JobId id = addGate(QStringLiteral("g"));
    ASSERT_TRUE(waitUntil([&] { return gate.starts.contains(id); }));
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForEnding(id));
    queue.confirmEndings({id});
    queue.confirmStarts({id}); // late: the job is no longer waiting to begin
    EXPECT_EQ(stateOf(id), JobState::Canceled);
    EXPECT_EQ(fakes.recorder->runs.load(), 0);
}

TEST_F(Endings, AStopBeforeAStartIsSavedPutsTheJobBackInTheQueue) {
    gate.holdStarts = true;
    const JobId id = addGate(QStringLiteral("g"));
    ASSERT_TRUE(waitUntil([&] { return gate.starts.contains(id); }));
    queue.interruptRunning();
    EXPECT_EQ(stateOf(id), JobState::Queued);
    EXPECT_FALSE(queue.job(id)->started);
    queue.confirmStarts({id});
    EXPECT_EQ(fakes.recorder->runs.load(), 0);
    EXPECT_TRUE(queue.isIdle());
}

TEST_F(Endings, AJobPausedBeforeItsStartIsSavedBeginsPaused) {
    gate.holdStarts = true;
    const JobId id = addGate(QStringLiteral("g"));
    ASSERT_TRUE(waitUntil([&] { return gate.starts.contains(id); }));
    ASSERT_TRUE(queue.pause(id).ok());
    queue.confirmStarts({id});
    fakes.gate->openAll();
    EXPECT_FALSE(waitUntil([&] { return gate.pending.contains(id); }, 300));
    ASSERT_TRUE(queue.resume(id).ok());
    ASSERT_TRUE(waitForEnding(id));
}
