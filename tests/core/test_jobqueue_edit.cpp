// Editing a job that has not started (the window's Edit on a queued job).
#include "jobqueuefixture.h"
#include "store/queuepersister.h"

#include <QSignalSpy>
#include <QTemporaryDir>

namespace {
class JobQueueEdit : public JobQueueFixture {};
} // namespace

TEST_F(JobQueueEdit, AQueuedJobTakesNewSettingsAndKeepsItsIdAndPlace) {
    queue.drain();
    const JobId first = addGate(QStringLiteral("first"));
    const JobId edited = add(spec(QStringLiteral("instant"), {{QStringLiteral("n"), 1}}));
    const JobId last = addGate(QStringLiteral("last"));
    QSignalSpy editedSpy(&queue, &JobQueue::jobsEdited);
    QSignalSpy priorities(&queue, &JobQueue::prioritiesChanged);

    JobSpec changed = spec(QStringLiteral("instant"), {{QStringLiteral("n"), 2}});
    changed.title = QStringLiteral("renamed");
    changed.priority = JobPriority::High;
    changed.group = QStringLiteral("disks");
    changed.after = {first};
    ASSERT_TRUE(queue.edit(edited, changed).ok());

    const JobSnapshot now = *queue.job(edited);
    EXPECT_EQ(now.spec.params.value(QStringLiteral("n")).toInt(), 2);
    EXPECT_EQ(now.spec.title, QStringLiteral("renamed"));
    EXPECT_EQ(now.spec.priority, JobPriority::High);
    EXPECT_EQ(now.spec.group, QStringLiteral("disks"));
    EXPECT_EQ(now.spec.after, QList<JobId>{first});
    EXPECT_EQ(now.state, JobState::Waiting); // for job `first` now
    EXPECT_EQ(queue.order(), (QList<JobId>{first, edited, last}));
    EXPECT_EQ(editedSpy.size(), 1);
    EXPECT_EQ(priorities.size(), 1);

    // Its new dependency holds it back until that one succeeds.
    queue.resumeAll();
    ASSERT_TRUE(waitForState(first, JobState::Running));
    EXPECT_EQ(stateOf(edited), JobState::Waiting);
    fakes.gate->open(QStringLiteral("first"));
    ASSERT_TRUE(waitForState(edited, JobState::Succeeded));
}

TEST_F(JobQueueEdit, AnEmptyTitleIsTheKindsDefaultAndAStartTimeHoldsTheJobBack) {
    queue.drain();
    const JobId id = add(spec(QStringLiteral("instant")));
    const QString defaultTitle = queue.job(id)->spec.title;
    JobSpec changed = queue.job(id)->spec;
    changed.title.clear();
    changed.notBefore = QDateTime::currentDateTimeUtc().addSecs(3600);
    ASSERT_TRUE(queue.edit(id, changed).ok());
    EXPECT_EQ(queue.job(id)->spec.title, defaultTitle);
    EXPECT_EQ(stateOf(id), JobState::Waiting);
    EXPECT_FALSE(queue.job(id)->waitReason.isEmpty());
}

TEST_F(JobQueueEdit, AJobThatStartedOrEndedCannotBeEdited) {
    const JobId running = addGate(QStringLiteral("r"));
    ASSERT_TRUE(waitUntilInsideRun());
    const Status whileRunning = queue.edit(running, queue.job(running)->spec);
    EXPECT_FALSE(whileRunning.ok());
    EXPECT_NE(whileRunning.error().indexOf(QStringLiteral("has not started")), -1)
        << whileRunning.error().toStdString();
    ASSERT_TRUE(queue.pause(running));
    ASSERT_TRUE(waitForState(running, JobState::Paused));
    EXPECT_FALSE(queue.edit(running, queue.job(running)->spec).ok()); // paused after starting
    fakes.gate->open(QStringLiteral("r"));
    ASSERT_TRUE(queue.resume(running));
    ASSERT_TRUE(waitForState(running, JobState::Succeeded));
    EXPECT_FALSE(queue.edit(running, queue.job(running)->spec).ok());
    EXPECT_FALSE(queue.edit(9999, queue.job(running)->spec).ok());
}

TEST_F(JobQueueEdit, BadSettingsAreRefusedAndChangeNothing) {
    queue.drain();
    const JobId a = addGate(QStringLiteral("a"));
    JobSpec waitsForA = spec(QStringLiteral("instant"));
    waitsForA.after = {a};
    const JobId b = add(waitsForA);
    const JobSpec before = queue.job(a)->spec;
    QSignalSpy editedSpy(&queue, &JobQueue::jobsEdited);

    auto refusal = [&](JobId id, const JobSpec &changed) {
        const Status status = queue.edit(id, changed);
        return status.ok() ? QString() : status.error();
    };
    JobSpec cycle = before;
    cycle.after = {b}; // b waits for a: a cannot wait for b
    EXPECT_NE(refusal(a, cycle).indexOf(QStringLiteral("waits for it")), -1);
    JobSpec self = before;
    self.after = {a};
    EXPECT_NE(refusal(a, self).indexOf(QStringLiteral("itself")), -1);
    JobSpec missing = before;
    missing.after = {4242};
    EXPECT_NE(refusal(a, missing).indexOf(QStringLiteral("4242")), -1);
    JobSpec otherKind = spec(QStringLiteral("instant"));
    EXPECT_NE(refusal(a, otherKind).indexOf(QStringLiteral("stays one")), -1);
    JobSpec invalid = queue.job(b)->spec;
    invalid.params.insert(QStringLiteral("invalid"), true);
    EXPECT_NE(refusal(b, invalid).indexOf(QStringLiteral("invalid parameter")), -1);

    EXPECT_EQ(editedSpy.size(), 0);
    EXPECT_EQ(queue.job(a)->spec.after, QList<JobId>{});
    EXPECT_EQ(queue.job(b)->spec.params.value(QStringLiteral("invalid")).toBool(), false);
    EXPECT_EQ(stateOf(b), JobState::Waiting);
}

TEST_F(JobQueueEdit, ADependencyThatFailedIsRefused) {
    const JobId failed =
        add(spec(QStringLiteral("fail"), {{QStringLiteral("message"), QStringLiteral("no")}}));
    ASSERT_TRUE(waitForState(failed, JobState::Failed));
    queue.drain();
    const JobId id = add(spec(QStringLiteral("instant")));
    JobSpec changed = queue.job(id)->spec;
    changed.after = {failed};
    const Status status = queue.edit(id, changed);
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().indexOf(QStringLiteral("will not succeed")), -1);
    EXPECT_EQ(stateOf(id), JobState::Queued);
}

TEST_F(JobQueueEdit, AJobPausedBeforeItStartedStaysPausedWithItsNewSettings) {
    queue.drain();
    const JobId id = addGate(QStringLiteral("p"));
    ASSERT_TRUE(queue.pause(id));
    JobSpec changed = queue.job(id)->spec;
    changed.title = QStringLiteral("still paused");
    ASSERT_TRUE(queue.edit(id, changed).ok());
    EXPECT_EQ(stateOf(id), JobState::Paused);
    EXPECT_EQ(queue.job(id)->spec.title, QStringLiteral("still paused"));
}

TEST_F(JobQueueEdit, AnEditIsWhatARestartBringsBack) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    auto persister = std::make_unique<QueuePersister>(&queue, dir.path());
    ASSERT_TRUE(persister->open(RecoveryPolicy::ResumeSafeKinds, 30).ok());
    queue.drain();
    const JobId id = add(spec(QStringLiteral("instant"), {{QStringLiteral("n"), 1}}));
    JobSpec changed = queue.job(id)->spec;
    changed.params.insert(QStringLiteral("n"), 7);
    changed.title = QStringLiteral("saved edit");
    ASSERT_TRUE(queue.edit(id, changed).ok());
    std::optional<QString> written;
    persister->whenCommitted(&queue, [&written](const QString &error) { written = error; });
    ASSERT_TRUE(waitUntil([&] { return written.has_value(); }));
    ASSERT_EQ(written->toStdString(), "");
    persister.reset();

    JobQueue next(fakes.registry);
    QueuePersister reopened(&next, dir.path());
    ASSERT_TRUE(reopened.open(RecoveryPolicy::ResumeSafeKinds, 30).ok());
    ASSERT_TRUE(next.job(id).has_value());
    EXPECT_EQ(next.job(id)->spec.title, QStringLiteral("saved edit"));
    EXPECT_EQ(next.job(id)->spec.params.value(QStringLiteral("n")).toInt(), 7);
}
