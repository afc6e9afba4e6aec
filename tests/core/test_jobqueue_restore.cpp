// Restoring a queue from the store, and stopping one cleanly.
#include "jobqueuefixture.h"

#include <QSignalSpy>

namespace {
class JobQueueRestore : public JobQueueFixture {
protected:
    StoredJob stored(JobId id, const QString &kind, JobState state, QVariantMap params = {}) {
        StoredJob s;
        s.job.id = id;
        s.job.spec.kind = kind;
        s.job.spec.params = std::move(params);
        s.job.spec.title = QStringLiteral("job %1").arg(id);
        s.job.state = state;
        s.job.addedAt = QDateTime::currentDateTimeUtc();
        if (isFinished(state))
            s.job.finishedAt = s.job.addedAt;
        return s;
    }
    StoredJob steps(JobId id, JobState state, int count, QStringList finished,
                    QVariantMap extra = {}) {
        extra.insert(QStringLiteral("count"), count);
        StoredJob s = stored(id, QStringLiteral("steps"), state, extra);
        for (const QString &item : finished)
            s.finished.insert(item, QStringLiteral("v") + item);
        return s;
    }
    QString summaryOf(JobId id) const { return queue.job(id)->result.summary; }
};
} // namespace

TEST_F(JobQueueRestore, QueuedJobsComeBackInOrderWithTheirIds) {
    queue.drain(); // look before anything starts
    StoredJob done = stored(3, QStringLiteral("instant"), JobState::Succeeded);
    done.job.result.summary = QStringLiteral("done earlier");
    ASSERT_TRUE(queue.restore({stored(7, QStringLiteral("gate"), JobState::Queued), done,
                               stored(5, QStringLiteral("gate"), JobState::Waiting)},
                              RecoveryPolicy::ResumeSafeKinds));

    EXPECT_EQ(queue.order(), (QList<JobId>{7, 3, 5}));
    EXPECT_EQ(stateOf(7), JobState::Queued);
    EXPECT_EQ(stateOf(5), JobState::Queued); // nothing blocks it any more
    EXPECT_EQ(stateOf(3), JobState::Succeeded);
    EXPECT_EQ(queue.job(3)->result.summary, QStringLiteral("done earlier"));
    EXPECT_EQ(queue.job(5)->position, 2);
    EXPECT_EQ(add(spec(QStringLiteral("instant"))), JobId(8)); // ids go on after the highest
}

// A long history repeats its strings; restored jobs share one copy of each.
TEST_F(JobQueueRestore, RestoredJobsShareTheStringsTheyRepeat) {
    queue.drain();
    QList<StoredJob> history;
    for (JobId id = 1; id <= 3; ++id) {
        StoredJob job = stored(id, QStringLiteral("instant"), JobState::Succeeded,
                               {{QString::fromUtf8("cwd"), QString::fromUtf8("/srv/videos")}});
        job.job.result.summary = QString::fromUtf8("Exited with code 0");
        history.append(job);
    }
    ASSERT_NE(history[0].job.spec.params.value("cwd").toString().constData(),
              history[1].job.spec.params.value("cwd").toString().constData());
    ASSERT_TRUE(queue.restore(history, RecoveryPolicy::ResumeSafeKinds));
    const JobSnapshot first = *queue.job(1), third = *queue.job(3);
    EXPECT_EQ(first.spec.params, history[0].job.spec.params);
    EXPECT_EQ(first.spec.params.value("cwd").toString().constData(),
              third.spec.params.value("cwd").toString().constData());
    EXPECT_EQ(first.spec.params.firstKey().constData(), third.spec.params.firstKey().constData());
    EXPECT_EQ(first.result.summary.constData(), third.result.summary.constData());
    EXPECT_EQ(first.spec.title, QStringLiteral("job 1"));
}

TEST_F(JobQueueRestore, AnnouncesTheRestoredJobsOnce) {
    QSignalSpy added(&queue, &JobQueue::jobsAdded);
    QSignalSpy changed(&queue, &JobQueue::jobStateChanged);
    ASSERT_TRUE(queue.restore({stored(1, QStringLiteral("gate"), JobState::Queued),
                               stored(2, QStringLiteral("gate"), JobState::Running)},
                              RecoveryPolicy::ResumeSafeKinds));
    ASSERT_EQ(added.size(), 1);
    EXPECT_EQ(added.first().first().value<QList<JobId>>(), (QList<JobId>{1, 2}));
    EXPECT_TRUE(changed.isEmpty());
}

TEST_F(JobQueueRestore, IsRefusedWhenTheQueueHasJobs) {
    add(spec(QStringLiteral("instant")));
    EXPECT_FALSE(queue.restore({stored(9, QStringLiteral("gate"), JobState::Queued)},
                               RecoveryPolicy::ResumeSafeKinds));
}

TEST_F(JobQueueRestore, ARunningResumableJobRunsAgainAndSkipsWhatItFinished) {
    ASSERT_TRUE(queue.restore({steps(4, JobState::Running, 5, {"0", "1"})},
                              RecoveryPolicy::ResumeSafeKinds));
    ASSERT_TRUE(waitForState(4, JobState::Succeeded));
    EXPECT_EQ(summaryOf(4), QStringLiteral("processed 3, skipped 2"));
}

TEST_F(JobQueueRestore, ARunningJobThatCannotResumeIsInterruptedUntilRetried) {
    ASSERT_TRUE(queue.restore(
        {stored(2, QStringLiteral("gate"), JobState::Running, {{QStringLiteral("key"), "g"}})},
        RecoveryPolicy::ResumeSafeKinds));
    EXPECT_EQ(stateOf(2), JobState::Interrupted);
    EXPECT_TRUE(queue.job(2)->result.error.contains(QStringLiteral("interrupted")));
    EXPECT_EQ(fakes.recorder->runs.load(), 0);

    ASSERT_TRUE(queue.retry(2));
    ASSERT_TRUE(waitForState(2, JobState::Running));
    fakes.gate->open(QStringLiteral("g"));
    EXPECT_TRUE(waitForState(2, JobState::Succeeded));
}

TEST_F(JobQueueRestore, ResumeNothingLeavesEvenResumableJobsInterruptedButRetryResumes) {
    ASSERT_TRUE(queue.restore({steps(4, JobState::Running, 5, {"0", "1", "2"})},
                              RecoveryPolicy::ResumeNothing));
    EXPECT_EQ(stateOf(4), JobState::Interrupted);

    ASSERT_TRUE(queue.retry(4));
    ASSERT_TRUE(waitForState(4, JobState::Succeeded));
    EXPECT_EQ(summaryOf(4), QStringLiteral("processed 2, skipped 3"));
}

TEST_F(JobQueueRestore, AJobACleanStopInterruptedResumesLikeARunningOne) {
    StoredJob job = steps(6, JobState::Interrupted, 3, {"0"});
    job.resumeOnStart = true;
    StoredJob leftAlone = steps(8, JobState::Interrupted, 3, {"0"});
    ASSERT_TRUE(queue.restore({job, leftAlone}, RecoveryPolicy::ResumeSafeKinds));
    ASSERT_TRUE(waitForState(6, JobState::Succeeded));
    EXPECT_EQ(summaryOf(6), QStringLiteral("processed 2, skipped 1"));
    EXPECT_EQ(stateOf(8), JobState::Interrupted); // the user left it so; it stays
}

TEST_F(JobQueueRestore, APausedJobStaysPausedAndResumesWhereItStopped) {
    StoredJob paused = steps(1, JobState::Paused, 4, {"0", "1"});
    paused.job.started = true;
    StoredJob pausedCommand = stored(2, QStringLiteral("gate"), JobState::Paused);
    pausedCommand.job.started = true; // its process is gone
    StoredJob heldBack = stored(3, QStringLiteral("gate"), JobState::Paused);
    ASSERT_TRUE(queue.restore({paused, pausedCommand, heldBack}, RecoveryPolicy::ResumeSafeKinds));

    EXPECT_EQ(stateOf(1), JobState::Paused);
    EXPECT_FALSE(queue.job(1)->started);
    EXPECT_EQ(stateOf(2), JobState::Interrupted);
    EXPECT_EQ(stateOf(3), JobState::Paused);
    ASSERT_TRUE(queue.resume(1));
    ASSERT_TRUE(waitForState(1, JobState::Succeeded));
    EXPECT_EQ(summaryOf(1), QStringLiteral("processed 2, skipped 2"));
}

TEST_F(JobQueueRestore, AJobOfAnUnknownKindIsKeptAndFailsWithAMessage) {
    ASSERT_TRUE(queue.restore({stored(1, QStringLiteral("teleport"), JobState::Queued),
                               stored(2, QStringLiteral("teleport"), JobState::Succeeded)},
                              RecoveryPolicy::ResumeSafeKinds));
    EXPECT_EQ(stateOf(1), JobState::Failed);
    EXPECT_TRUE(queue.job(1)->result.error.contains(QStringLiteral("teleport")));
    EXPECT_EQ(stateOf(2), JobState::Succeeded);
    ASSERT_TRUE(queue.retry(1));
    EXPECT_TRUE(waitForState(1, JobState::Failed));
    EXPECT_TRUE(queue.job(1)->result.error.contains(QStringLiteral("teleport")));
}

TEST_F(JobQueueRestore, ADependencyOnAPrunedJobIsMet) {
    StoredJob dependent = stored(5, QStringLiteral("instant"), JobState::Waiting);
    dependent.job.spec.after = {2}; // pruned from history after it succeeded
    ASSERT_TRUE(queue.restore({dependent}, RecoveryPolicy::ResumeSafeKinds));
    EXPECT_TRUE(waitForState(5, JobState::Succeeded));
}

TEST_F(JobQueueRestore, ADependencyOnARestoredQueuedJobStillHolds) {
    queue.drain();
    StoredJob first =
        stored(1, QStringLiteral("gate"), JobState::Queued, {{QStringLiteral("key"), "first"}});
    StoredJob second = stored(2, QStringLiteral("instant"), JobState::Waiting);
    second.job.spec.after = {1};
    ASSERT_TRUE(queue.restore({first, second}, RecoveryPolicy::ResumeSafeKinds));
    EXPECT_EQ(stateOf(2), JobState::Waiting);
    queue.resumeAll();
    ASSERT_TRUE(waitForState(1, JobState::Running));
    EXPECT_EQ(stateOf(2), JobState::Waiting);
    fakes.gate->open(QStringLiteral("first"));
    EXPECT_TRUE(waitForState(2, JobState::Succeeded));
}

TEST_F(JobQueueRestore, ACanceledResumedJobRetriesFromScratch) {
    ASSERT_TRUE(
        queue.restore({steps(3, JobState::Running, 4, {"0", "1"},
                             {{QStringLiteral("holdAt"), 3}, {QStringLiteral("key"), "h"}})},
                      RecoveryPolicy::ResumeSafeKinds));
    ASSERT_TRUE(
        waitUntil([&] { return queue.job(3)->done >= 1 || stateOf(3) == JobState::Running; }));
    ASSERT_TRUE(queue.cancel(3));
    ASSERT_TRUE(waitForState(3, JobState::Canceled));
    fakes.gate->open(QStringLiteral("h"));
    ASSERT_TRUE(queue.retry(3));
    ASSERT_TRUE(waitForState(3, JobState::Succeeded));
    EXPECT_EQ(summaryOf(3), QStringLiteral("processed 4, skipped 0"));
}

TEST_F(JobQueueRestore, CheckpointsReachObserversBeforeTheFinalState) {
    QList<JobCheckpoint> seen;
    bool stateSeenFirst = false;
    QObject::connect(&queue, &JobQueue::jobCheckpointed, &queue,
                     [&](JobId, const QList<JobCheckpoint> &items) { seen.append(items); });
    QObject::connect(&queue, &JobQueue::jobStateChanged, &queue, [&](JobId, JobState state) {
        if (state == JobState::Succeeded && seen.size() < 50)
            stateSeenFirst = true;
    });
    const JobId id = add(spec(QStringLiteral("steps"), {{QStringLiteral("count"), 50}}));
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    EXPECT_FALSE(stateSeenFirst);
    ASSERT_EQ(seen.size(), 50);
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(seen[i].item, QString::number(i));
        EXPECT_EQ(seen[i].value, QStringLiteral("v%1").arg(i));
    }
}

TEST_F(JobQueueRestore, InterruptingEndsRunningJobsInterruptedAndStartsNothingMore) {
    queue.setMaxRunning(2);
    const JobId a = addGate(QStringLiteral("a"));
    const JobId b = addGate(QStringLiteral("b"));
    const JobId waiting = addGate(QStringLiteral("c"));
    ASSERT_TRUE(waitForState(a, JobState::Running));
    ASSERT_TRUE(waitUntil([&] { return fakes.recorder->running.load() == 2; }));

    queue.interruptRunning();
    ASSERT_TRUE(waitUntil([&] { return queue.isIdle(); }));
    EXPECT_EQ(stateOf(a), JobState::Interrupted);
    EXPECT_EQ(stateOf(b), JobState::Interrupted);
    EXPECT_EQ(stateOf(waiting), JobState::Queued);
    EXPECT_EQ(fakes.recorder->runs.load(), 2);
    EXPECT_EQ(fakes.recorder->running.load(), 0);
}

TEST_F(JobQueueRestore, InterruptingKeepsAPausedResumableJobPaused) {
    const JobId id = add(spec(QStringLiteral("steps"), {{QStringLiteral("count"), 3},
                                                        {QStringLiteral("holdAt"), 1},
                                                        {QStringLiteral("key"), "p"}}));
    ASSERT_TRUE(waitForState(id, JobState::Running));
    ASSERT_TRUE(queue.pause(id));
    queue.interruptRunning();
    ASSERT_TRUE(waitUntil([&] { return queue.isIdle(); }));
    EXPECT_EQ(stateOf(id), JobState::Paused);
    EXPECT_FALSE(queue.job(id)->started);
}
