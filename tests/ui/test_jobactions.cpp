#include "jobactions.h"

#include <QAction>

#include <gtest/gtest.h>

// Which commands apply to a job, from its state and its kind's capabilities alone.

namespace {

JobSnapshot job(JobState state, int capabilities = Cancelable | Pausable, int position = 1,
                bool started = false) {
    JobSnapshot snapshot;
    snapshot.id = 7;
    snapshot.state = state;
    snapshot.capabilities = capabilities;
    snapshot.position = position;
    snapshot.started = started;
    return snapshot;
}

constexpr int jobCount = 3;

bool applies(JobActions::Command command, const JobSnapshot &snapshot) {
    return JobActions::applies(command, snapshot, jobCount);
}

} // namespace

TEST(JobActionsApplies, ARunningJobCanBePausedCanceledAndRemovedButNotResumedOrRetried) {
    const JobSnapshot running = job(JobState::Running);
    EXPECT_TRUE(applies(JobActions::Pause, running));
    EXPECT_TRUE(applies(JobActions::Cancel, running));
    EXPECT_TRUE(applies(JobActions::Remove, running));
    EXPECT_FALSE(applies(JobActions::Resume, running));
    EXPECT_FALSE(applies(JobActions::Retry, running));
}

TEST(JobActionsApplies, AJobWhoseKindCannotPauseIsNotOfferedPause) {
    EXPECT_FALSE(applies(JobActions::Pause, job(JobState::Running, Cancelable)));
    // Held back before it starts, it can be.
    EXPECT_TRUE(applies(JobActions::Pause, job(JobState::Queued, Cancelable)));
}

TEST(JobActionsApplies, AJobWhoseKindCannotStopIsNotOfferedCancelOrRemoveWhileItRuns) {
    const JobSnapshot running = job(JobState::Running, NoCapabilities);
    EXPECT_FALSE(applies(JobActions::Cancel, running));
    EXPECT_FALSE(applies(JobActions::Remove, running));
    EXPECT_TRUE(applies(JobActions::Cancel, job(JobState::Queued, NoCapabilities)));
}

TEST(JobActionsApplies, OnlyAPausedJobResumes) {
    EXPECT_TRUE(applies(JobActions::Resume, job(JobState::Paused)));
    EXPECT_TRUE(applies(JobActions::Resume, job(JobState::Paused, Pausable, 1, true)));
    EXPECT_FALSE(applies(JobActions::Pause, job(JobState::Paused)));
    EXPECT_FALSE(applies(JobActions::Resume, job(JobState::Queued)));
}

TEST(JobActionsApplies, FinishedJobsCanBeRetriedAndRemovedOnly) {
    for (JobState state : {JobState::Failed, JobState::Canceled, JobState::Interrupted}) {
        EXPECT_TRUE(applies(JobActions::Retry, job(state))) << int(state);
        EXPECT_TRUE(applies(JobActions::Remove, job(state))) << int(state);
        EXPECT_FALSE(applies(JobActions::Pause, job(state))) << int(state);
        EXPECT_FALSE(applies(JobActions::Cancel, job(state))) << int(state);
        EXPECT_FALSE(applies(JobActions::MoveUp, job(state))) << int(state);
    }
    const JobSnapshot succeeded = job(JobState::Succeeded);
    EXPECT_FALSE(applies(JobActions::Retry, succeeded));
    EXPECT_TRUE(applies(JobActions::Remove, succeeded));
}

TEST(JobActionsApplies, TheFirstJobCannotMoveUpNorTheLastDown) {
    EXPECT_FALSE(applies(JobActions::MoveUp, job(JobState::Queued, Pausable, 0)));
    EXPECT_TRUE(applies(JobActions::MoveDown, job(JobState::Queued, Pausable, 0)));
    EXPECT_TRUE(applies(JobActions::MoveUp, job(JobState::Queued, Pausable, jobCount - 1)));
    EXPECT_FALSE(applies(JobActions::MoveDown, job(JobState::Queued, Pausable, jobCount - 1)));
}

TEST(JobActionsSelection, ALargeSelectionIsJudgedInPlaceAndTakenOnlyWhenNeeded) {
    JobActions actions(nullptr);
    JobSnapshot queued = job(JobState::Queued, Pausable, 0);
    queued.id = 1;
    JobSnapshot paused = job(JobState::Paused, Pausable, 1);
    paused.id = 2;
    int taken = 0;
    actions.setSelection(QList<const JobSnapshot *>{&queued, &paused}, jobCount, [&] {
        ++taken;
        return QList<JobSnapshot>{queued, paused};
    });
    EXPECT_EQ(taken, 0);
    EXPECT_TRUE(actions.action(JobActions::Pause)->isEnabled());
    EXPECT_TRUE(actions.action(JobActions::Resume)->isEnabled());
    EXPECT_FALSE(actions.action(JobActions::Retry)->isEnabled());
    EXPECT_TRUE(actions.action(JobActions::MoveDown)->isEnabled());
    EXPECT_TRUE(actions.action(JobActions::PriorityNormal)->isChecked());
    EXPECT_FALSE(actions.action(JobActions::PriorityHigh)->isChecked());

    EXPECT_EQ(actions.selectedIds(), (QList<JobId>{1, 2}));
    EXPECT_EQ(taken, 1);

    // A mixed selection checks no priority; an empty one enables nothing.
    paused.spec.priority = JobPriority::High;
    actions.setSelection(QList<const JobSnapshot *>{&queued, &paused}, jobCount,
                         [] { return QList<JobSnapshot>(); });
    EXPECT_FALSE(actions.action(JobActions::PriorityNormal)->isChecked());
    EXPECT_FALSE(actions.action(JobActions::PriorityHigh)->isChecked());
    actions.setSelection(QList<const JobSnapshot *>{}, jobCount,
                         [] { return QList<JobSnapshot>(); });
    for (int c = 0; c < JobActions::CommandCount; ++c)
        EXPECT_FALSE(actions.action(JobActions::Command(c))->isEnabled()) << c;
}
