// What a person does to jobs: cancel, pause, resume, retry, remove, move, drain.
#include "jobqueuefixture.h"
#include "store/queuestopper.h"

#include <QElapsedTimer>

#include <QFile>
#include <QTemporaryDir>

#include <QSignalSpy>

using State = JobState;

class Control : public JobQueueFixture {};

TEST_F(Control, CancelingAQueuedJobRemovesItFromTheQueueAtOnce) {
    queue.setMaxRunning(1);
    const JobId running = addGate(QStringLiteral("r"));
    const JobId queued = addGate(QStringLiteral("q"));
    ASSERT_TRUE(waitForState(running, State::Running));
    ASSERT_TRUE(queue.cancel(queued).ok());
    EXPECT_EQ(stateOf(queued), State::Canceled); // no event-loop pass needed
    fakes.gate->openAll();
    ASSERT_TRUE(waitForState(running, State::Succeeded));
    EXPECT_EQ(stateOf(queued), State::Canceled);
    EXPECT_EQ(fakes.recorder->runs.load(), 1);
}

TEST_F(Control, CancelingARunningJobStopsItAtItsNextCheck) {
    const JobId id = addGate(QStringLiteral("never"));
    ASSERT_TRUE(waitForState(id, State::Running));
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, State::Canceled));
    EXPECT_EQ(queue.job(id)->result.error, QStringLiteral("canceled"));
    EXPECT_EQ(fakes.recorder->running.load(), 0);
}

TEST_F(Control, CancelingAPausedRunningJobWakesAndStopsIt) {
    const JobId id = addGate(QStringLiteral("never"));
    ASSERT_TRUE(waitForState(id, State::Running));
    ASSERT_TRUE(queue.pause(id).ok());
    EXPECT_EQ(stateOf(id), State::Paused);
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, State::Canceled));
    EXPECT_EQ(fakes.recorder->running.load(), 0);
}

TEST_F(Control, APausedJobMakesNoProgressUntilResumed) {
    const JobId id = addGate(QStringLiteral("g"));
    ASSERT_TRUE(waitForState(id, State::Running));
    ASSERT_TRUE(queue.pause(id).ok());
    EXPECT_TRUE(queue.job(id)->started);
    // With the gate open an unpaused job ends at once; a paused one must not.
    fakes.gate->open(QStringLiteral("g"));
    QSignalSpy changes(&queue, &JobQueue::jobStateChanged);
    EXPECT_FALSE(changes.wait(500));
    EXPECT_EQ(stateOf(id), State::Paused);
    ASSERT_TRUE(queue.resume(id).ok());
    EXPECT_EQ(stateOf(id), State::Running);
    ASSERT_TRUE(waitForState(id, State::Succeeded));
}

// A paused copy does not say "Copying...", an interrupted command not "Running for 21s".
TEST_F(Control, TheStatusLineSpeaksOnlyForARunAndSaysWhenItIsPaused) {
    const JobId id = add(spec(QStringLiteral("gate"), {{QStringLiteral("key"), "g"},
                                                       {QStringLiteral("status"), "Copying…"}}));
    ASSERT_TRUE(waitUntil([&] { return queue.job(id)->status == QStringLiteral("Copying…"); }));
    ASSERT_TRUE(queue.pause(id).ok());
    EXPECT_EQ(queue.job(id)->status,
              QStringLiteral("Paused; it continues when resumed, but starts over if Taskdeck "
                             "quits first"));
    ASSERT_TRUE(queue.resume(id).ok());
    EXPECT_EQ(queue.job(id)->status, QStringLiteral("Copying…"));

    queue.interruptRunning();
    ASSERT_TRUE(waitForState(id, State::Interrupted));
    EXPECT_EQ(queue.job(id)->status, QString());
}

TEST_F(Control, APausedResumableJobSaysItResumesWhereItStopped) {
    const JobId held = add(spec(QStringLiteral("steps"), {{QStringLiteral("count"), 3},
                                                          {QStringLiteral("holdAt"), 1},
                                                          {QStringLiteral("key"), "h"}}));
    ASSERT_TRUE(waitForState(held, State::Running));
    ASSERT_TRUE(queue.pause(held).ok());
    EXPECT_EQ(queue.job(held)->status,
              QStringLiteral("Paused; it resumes where it stopped, even after Taskdeck restarts"));
    ASSERT_TRUE(queue.cancel(held).ok());
    ASSERT_TRUE(waitForState(held, State::Canceled));
    EXPECT_EQ(queue.job(held)->status, QString());
}

TEST_F(Control, APausedRunningJobKeepsItsSlot) {
    queue.setMaxRunning(1);
    const JobId first = addGate(QStringLiteral("a"));
    ASSERT_TRUE(waitForState(first, State::Running));
    ASSERT_TRUE(queue.pause(first).ok());
    const JobId second = addGate(QStringLiteral("b"));
    settle();
    EXPECT_EQ(stateOf(second), State::Queued);
    fakes.gate->openAll();
    queue.resume(first);
    ASSERT_TRUE(waitForState(second, State::Succeeded));
    EXPECT_LE(fakes.recorder->maxRunning.load(), 1);
}

TEST_F(Control, PausingAQueuedJobHoldsItBackUntilResumed) {
    queue.setMaxRunning(1);
    const JobId running = addGate(QStringLiteral("r"));
    const JobId held = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(queue.pause(held).ok());
    EXPECT_FALSE(queue.job(held)->started);
    fakes.gate->openAll();
    ASSERT_TRUE(waitForState(running, State::Succeeded));
    ASSERT_TRUE(waitUntil([&] { return queue.isIdle(); }));
    EXPECT_EQ(stateOf(held), State::Paused);
    ASSERT_TRUE(queue.resume(held).ok());
    EXPECT_TRUE(waitForState(held, State::Succeeded));
}

TEST_F(Control, PauseAllAndResumeAllCoverRunningAndQueuedJobs) {
    queue.setMaxRunning(1);
    const JobId running = addGate(QStringLiteral("r"));
    const JobId queued = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForState(running, State::Running));
    queue.pauseAll();
    EXPECT_EQ(stateOf(running), State::Paused);
    EXPECT_EQ(stateOf(queued), State::Paused);
    fakes.gate->openAll();
    queue.resumeAll();
    EXPECT_TRUE(waitForState(running, State::Succeeded));
    EXPECT_TRUE(waitForState(queued, State::Succeeded));
}

TEST_F(Control, ResumingAJobThatIsNotPausedIsRefusedWithAReason) {
    const JobId id = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    const Status status = queue.resume(id);
    ASSERT_FALSE(status.ok());
    EXPECT_TRUE(status.error().contains(QStringLiteral("succeeded")));
    EXPECT_FALSE(queue.cancel(999).ok());
}

TEST_F(Control, RetryPutsAFailedJobBackInTheQueue) {
    const JobId id =
        add(spec(QStringLiteral("gate"), {{QStringLiteral("key"), QStringLiteral("x")}}));
    ASSERT_TRUE(waitUntilInsideRun());
    queue.cancel(id);
    ASSERT_TRUE(waitForState(id, State::Canceled));
    ASSERT_FALSE(queue.retry(id + 100).ok());
    fakes.gate->openAll();
    ASSERT_TRUE(queue.retry(id).ok());
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    EXPECT_TRUE(queue.job(id)->result.error.isEmpty());
    EXPECT_EQ(fakes.recorder->runs.load(), 2);
}

TEST_F(Control, RetryIsRefusedForAJobThatHasNotEnded) {
    queue.setMaxRunning(1);
    addGate(QStringLiteral("r"));
    const JobId queued = addGate(QStringLiteral("q"));
    const Status status = queue.retry(queued);
    ASSERT_FALSE(status.ok());
    EXPECT_TRUE(status.error().contains(QStringLiteral("queued")));
}

TEST_F(Control, AThrowingJobFailsWithItsMessageAndTheQueueGoesOn) {
    const JobId thrower = add(spec(QStringLiteral("throw"),
                                   {{QStringLiteral("message"), QStringLiteral("disk exploded")}}));
    const JobId next = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForState(thrower, State::Failed));
    EXPECT_EQ(queue.job(thrower)->result.error, QStringLiteral("disk exploded"));
    EXPECT_TRUE(waitForState(next, State::Succeeded));
}

TEST_F(Control, AFailingJobCarriesItsMessage) {
    const JobId id = add(
        spec(QStringLiteral("fail"),
             {{QStringLiteral("message"), QStringLiteral("cannot read /x: permission denied")}}));
    ASSERT_TRUE(waitForState(id, State::Failed));
    EXPECT_EQ(queue.job(id)->result.error, QStringLiteral("cannot read /x: permission denied"));
}

TEST_F(Control, InvalidParametersAndUnknownKindsAreRefusedBeforeQueueing) {
    auto bad = queue.add(spec(QStringLiteral("instant"), {{QStringLiteral("invalid"), true}}));
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().contains(QStringLiteral("invalid")));
    auto unknown = queue.add(spec(QStringLiteral("teleport")));
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().contains(QStringLiteral("teleport")));
    // A batch is all or nothing.
    auto batch = queue.add(
        QList<JobSpec>{spec(QStringLiteral("instant")), spec(QStringLiteral("teleport"))});
    EXPECT_FALSE(batch.ok());
    EXPECT_EQ(queue.count(), 0);
}

TEST_F(Control, DrainingFinishesRunningJobsAndStartsNothingNew) {
    queue.setMaxRunning(1);
    const JobId running = addGate(QStringLiteral("r"));
    const JobId queued = add(spec(QStringLiteral("instant")));
    ASSERT_TRUE(waitForState(running, State::Running));
    queue.drain();
    EXPECT_TRUE(queue.isDraining());
    fakes.gate->openAll();
    ASSERT_TRUE(waitForState(running, State::Succeeded));
    ASSERT_TRUE(waitUntil([&] { return queue.isIdle(); }));
    EXPECT_EQ(stateOf(queued), State::Queued);
    queue.resumeAll();
    EXPECT_FALSE(queue.isDraining());
    EXPECT_TRUE(waitForState(queued, State::Succeeded));
}

TEST_F(Control, MovingJobsChangesTheirPositionsAndTheStartOrder) {
    queue.setMaxRunning(1);
    const JobId blocker = addGate(QStringLiteral("blocker"));
    const JobId a = addGate(QStringLiteral("a"));
    const JobId b = addGate(QStringLiteral("b"));
    const JobId c = addGate(QStringLiteral("c"));
    ASSERT_TRUE(waitForState(blocker, State::Running));
    QSignalSpy reordered(&queue, &JobQueue::orderChanged);

    ASSERT_TRUE(queue.move(c, MoveTarget::Top).ok());
    EXPECT_EQ(queue.order(), (QList<JobId>{c, blocker, a, b}));
    ASSERT_TRUE(queue.move(a, MoveTarget::Bottom).ok());
    EXPECT_EQ(queue.order(), (QList<JobId>{c, blocker, b, a}));
    ASSERT_TRUE(queue.move(b, MoveTarget::Up).ok());
    EXPECT_EQ(queue.order(), (QList<JobId>{c, b, blocker, a}));
    ASSERT_TRUE(queue.move(c, MoveTarget::Down).ok());
    EXPECT_EQ(queue.order(), (QList<JobId>{b, c, blocker, a}));
    ASSERT_TRUE(queue.moveTo(a, 1).ok());
    EXPECT_EQ(queue.order(), (QList<JobId>{b, a, c, blocker}));
    EXPECT_EQ(queue.job(a)->position, 1);
    EXPECT_EQ(reordered.count(), 5);

    QList<JobId> started;
    QObject::connect(&queue, &JobQueue::jobStateChanged, [&](JobId id, JobState state) {
        if (state == State::Running)
            started.append(id);
    });
    fakes.gate->openAll();
    ASSERT_TRUE(waitUntil([&] { return queue.countIn(State::Succeeded) == 4; }));
    // The blocker was already running; the others start in their new order.
    EXPECT_EQ(started, (QList<JobId>{b, a, c}));
}

TEST_F(Control, RemovingAQueuedJobDropsItAndARunningOneAfterItStops) {
    queue.setMaxRunning(1);
    const JobId running = addGate(QStringLiteral("r"));
    const JobId queued = addGate(QStringLiteral("q"));
    ASSERT_TRUE(waitForState(running, State::Running));
    QSignalSpy removed(&queue, &JobQueue::jobsRemoved);
    ASSERT_TRUE(queue.remove(queued).ok());
    EXPECT_FALSE(queue.job(queued).has_value());
    EXPECT_EQ(removed.count(), 1);
    ASSERT_TRUE(queue.remove(running).ok());
    ASSERT_TRUE(waitUntil([&] { return !queue.job(running).has_value(); }));
    EXPECT_EQ(queue.count(), 0);
    EXPECT_EQ(fakes.recorder->running.load(), 0);
}

TEST_F(Control, RemovingAnUnfinishedDependencyCancelsItsDependents) {
    queue.setMaxRunning(1);
    addGate(QStringLiteral("r"));
    const JobId dependency = addGate(QStringLiteral("d"));
    JobSpec s = spec(QStringLiteral("instant"));
    s.after = {dependency};
    const JobId dependent = add(s);
    ASSERT_TRUE(queue.remove(dependency).ok());
    EXPECT_EQ(stateOf(dependent), State::Canceled);
    EXPECT_TRUE(queue.job(dependent)->result.error.contains(QStringLiteral("removed")));
}

TEST_F(Control, ClearFinishedKeepsFailedAndUnfinishedJobs) {
    const JobId ok = add(spec(QStringLiteral("instant")));
    const JobId failed =
        add(spec(QStringLiteral("fail"), {{QStringLiteral("message"), QStringLiteral("x")}}));
    const JobId running = addGate(QStringLiteral("r"));
    ASSERT_TRUE(waitForState(ok, State::Succeeded));
    ASSERT_TRUE(waitForState(failed, State::Failed));
    queue.clearFinished();
    EXPECT_EQ(queue.order(), (QList<JobId>{failed, running}));
    EXPECT_EQ(queue.job(running)->position, 1);
}

TEST_F(Control, MoveBlockKeepsTheJobsInQueueOrderAndReordersOnce) {
    queue.setMaxRunning(1);
    QList<JobId> ids;
    for (int i = 0; i < 6; ++i)
        ids.append(addGate(QStringLiteral("g%1").arg(i)));
    QSignalSpy reorders(&queue, &JobQueue::orderChanged);

    // Given out of order, they land in their queue order, before the target.
    ASSERT_TRUE(queue.moveBlock({ids[4], ids[2]}, ids[0]).ok());
    EXPECT_EQ(queue.order(), (QList<JobId>{ids[2], ids[4], ids[0], ids[1], ids[3], ids[5]}));
    EXPECT_EQ(reorders.count(), 1);

    // A target inside the block means the first job after it that is not moved.
    ASSERT_TRUE(queue.moveBlock({ids[0], ids[1]}, ids[0]).ok());
    EXPECT_EQ(queue.order(), (QList<JobId>{ids[2], ids[4], ids[0], ids[1], ids[3], ids[5]}));
    EXPECT_EQ(reorders.count(), 1); // nothing changed, nothing said

    // 0: to the end.
    ASSERT_TRUE(queue.moveBlock({ids[2], ids[0]}, 0).ok());
    EXPECT_EQ(queue.order(), (QList<JobId>{ids[4], ids[1], ids[3], ids[5], ids[2], ids[0]}));
    EXPECT_EQ(reorders.count(), 2);
    for (int position = 0; position < 6; ++position)
        EXPECT_EQ(queue.job(queue.order()[position])->position, position);

    // An unknown job refuses the whole move.
    EXPECT_FALSE(queue.moveBlock({ids[1], 999}, 0).ok());
    EXPECT_EQ(reorders.count(), 2);
}

TEST_F(Control, TemporaryFilesARunLeftBehindAreDeletedWhenItEnds) {
    QTemporaryDir tmp;
    for (const QString &kind :
         {QStringLiteral("fail"), QStringLiteral("throw"), QStringLiteral("instant")}) {
        const QString temporary = tmp.filePath(QStringLiteral(".out.taskdeck-") + kind);
        const JobId id = add(spec(kind, {{QStringLiteral("leaveTemporary"), temporary},
                                         {QStringLiteral("message"), QStringLiteral("boom")}}));
        ASSERT_TRUE(waitUntil([&] { return isFinished(stateOf(id)); })) << kind.toStdString();
        EXPECT_FALSE(QFile::exists(temporary)) << kind.toStdString();
    }
}

TEST_F(Control, AStopGivesUpOnAJobThatDoesNotStopAndRecordsItInterrupted) {
    const JobId stubborn = add(spec(QStringLiteral("gate"), {{QStringLiteral("key"), "s"},
                                                             {QStringLiteral("stubborn"), true}}));
    ASSERT_TRUE(waitForState(stubborn, JobState::Running));
    ASSERT_TRUE(waitUntil([&] { return fakes.recorder->running.load() == 1; }));
    queue.interruptRunning();
    EXPECT_FALSE(waitUntil([&] { return stateOf(stubborn) != JobState::Running; }, 300));
    EXPECT_EQ(queue.abandonRunning(), 1);
    EXPECT_EQ(stateOf(stubborn), JobState::Interrupted);
    EXPECT_TRUE(queue.job(stubborn)->result.error.contains(QStringLiteral("did not stop")));
    EXPECT_EQ(queue.countIn(JobState::Running), 0);
    EXPECT_TRUE(queue.isIdle());
    // Its run ends when it will; the queue no longer watches it.
    fakes.gate->open(QStringLiteral("s"));
    ASSERT_TRUE(waitUntil([&] { return fakes.recorder->running.load() == 0; }));
    EXPECT_EQ(stateOf(stubborn), JobState::Interrupted);
}

TEST_F(Control, TheStopperWaitsABoundedTimeThenStopsWithWhatDidNotStopAbandoned) {
    const JobId stubborn = add(spec(QStringLiteral("gate"), {{QStringLiteral("key"), "s"},
                                                             {QStringLiteral("stubborn"), true}}));
    const JobId polite = addGate(QStringLiteral("p"));
    ASSERT_TRUE(waitUntil([&] { return fakes.recorder->running.load() == 2; }));
    QueueStopper stopper(&queue, nullptr, nullptr, 300);
    QSignalSpy stopped(&stopper, &QueueStopper::stopped);
    QElapsedTimer timer;
    timer.start();
    stopper.stop();
    ASSERT_TRUE(waitUntil([&] { return stopped.size() == 1; }));
    EXPECT_GE(timer.elapsed(), 250);
    EXPECT_EQ(stopper.abandonedCount(), 1);
    EXPECT_EQ(stopper.interruptedCount(), 2);
    EXPECT_EQ(stateOf(stubborn), JobState::Interrupted);
    EXPECT_EQ(stateOf(polite), JobState::Interrupted);
    fakes.gate->open(QStringLiteral("s"));
    ASSERT_TRUE(waitUntil([&] { return fakes.recorder->running.load() == 0; }));
}
