#include "closeprompt.h"
#include "promptanswerer.h"

#include "settingstestfixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

// Found by argument-dependent lookup (Decision lives in the global namespace).
[[maybe_unused]] static void PrintTo(ClosePrompt::Decision decision, std::ostream *os) {
    *os << "Decision(" << int(decision) << ")";
}

namespace {

using Decision = ClosePrompt::Decision;
using Behavior = AppSettings::CloseBehavior;

class ClosePromptTest : public SettingsTestFixture {
protected:
    // One running job and one queued behind it.
    void SetUp() override {
        queue.setMaxRunning(1);
        running = add(QStringLiteral("spin"));
        queued = add(QStringLiteral("spin"));
        ASSERT_TRUE(waitForState(running, JobState::Running));
    }
    JobId running = 0;
    JobId queued = 0;
};

const QStringList allButtons{QLatin1String(ClosePrompt::cancelAndQuitButtonName),
                             QLatin1String(ClosePrompt::dontCloseButtonName),
                             QLatin1String(ClosePrompt::keepRunningButtonName),
                             QLatin1String(ClosePrompt::pauseAndQuitButtonName)};

} // namespace

TEST_F(ClosePromptTest, AQueueWithNothingUnfinishedQuitsWithoutAsking) {
    queue.cancel(running);
    queue.cancel(queued);
    ASSERT_TRUE(waitForState(running, JobState::Canceled));
    settings.setCloseBehavior(Behavior::Ask);
    PromptAnswerer answerer(ClosePrompt::dontCloseButtonName);
    EXPECT_EQ(ClosePrompt(&settings, true).decide(queue, nullptr), Decision::Quit);
    EXPECT_FALSE(answerer.asked());
}

TEST_F(ClosePromptTest, EachButtonGivesItsDecisionAndRemembersNothingUnasked) {
    const std::pair<const char *, Decision> cases[] = {
        {ClosePrompt::keepRunningButtonName, Decision::KeepRunningInTray},
        {ClosePrompt::pauseAndQuitButtonName, Decision::PauseAndQuit},
        {ClosePrompt::cancelAndQuitButtonName, Decision::CancelAndQuit},
        {ClosePrompt::dontCloseButtonName, Decision::DontClose},
    };
    for (const auto &[button, decision] : cases) {
        SCOPED_TRACE(button);
        PromptAnswerer answerer(button);
        EXPECT_EQ(ClosePrompt(&settings, true).decide(queue, nullptr), decision);
        EXPECT_TRUE(answerer.asked());
        EXPECT_EQ(answerer.buttons(), allButtons);
        EXPECT_EQ(settings.closeBehavior(), Behavior::Ask);
    }
}

TEST_F(ClosePromptTest, EscapeDoesNotClose) {
    PromptAnswerer answerer(Qt::Key_Escape);
    EXPECT_EQ(ClosePrompt(&settings, true).decide(queue, nullptr), Decision::DontClose);
    EXPECT_TRUE(answerer.asked());
}

TEST_F(ClosePromptTest, TheDialogCountsTheJobsAndSaysWhatHappensToQueuedOnes) {
    PromptAnswerer answerer(ClosePrompt::dontCloseButtonName);
    ClosePrompt(&settings, true).decide(queue, nullptr);
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("1 job active and 1 job queued")))
        << answerer.text().toStdString();
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("queued jobs still start in turn")));
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("paused and queued jobs are lost")));
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("queued jobs are canceled too")));

    ClosePrompt surviving(&settings, true);
    surviving.setJobsSurviveQuit(true);
    PromptAnswerer again(ClosePrompt::dontCloseButtonName);
    surviving.decide(queue, nullptr);
    EXPECT_TRUE(again.text().contains(QStringLiteral("queued jobs stay queued")));
    EXPECT_FALSE(again.text().contains(QStringLiteral("lost")));
}

TEST_F(ClosePromptTest, PauseAndQuitSaysWhichJobsContinueAndWhichStartOver) {
    queue.setMaxRunning(3);
    const JobId resumable = add(QStringLiteral("spin-resumable"));
    ASSERT_TRUE(waitForState(resumable, JobState::Running));
    ASSERT_TRUE(waitForState(queued, JobState::Running));
    ASSERT_TRUE(queue.pause(resumable));
    const JobId neverStarted = add(QStringLiteral("spin"));
    ASSERT_TRUE(queue.pause(neverStarted)); // before the queue's next dispatch

    // Counted as the status bar counts: a paused job that ran is active, one
    // paused before it started is queued.
    const ClosePrompt::Work work = ClosePrompt::workIn(queue);
    EXPECT_EQ(work.active, 3);
    EXPECT_EQ(work.pending, 1);
    EXPECT_EQ(work.restarting, (QList<JobId>{running, queued}));

    ClosePrompt prompt(&settings, true);
    prompt.setJobsSurviveQuit(true);
    PromptAnswerer answerer(ClosePrompt::dontCloseButtonName);
    prompt.decide(queue, nullptr);
    const QString text = answerer.text();
    EXPECT_TRUE(text.contains(QStringLiteral("3 jobs active and 1 job queued")))
        << qPrintable(text);
    EXPECT_TRUE(text.contains(QStringLiteral("the active job continues where it stopped")));
    EXPECT_TRUE(text.contains(QStringLiteral("jobs %1, %2 cannot keep their processes across a "
                                             "restart: they come back Interrupted, and Retry "
                                             "runs them again from the start")
                                  .arg(running)
                                  .arg(queued)));
}

TEST_F(ClosePromptTest, WithoutATrayKeepingJobsRunningInItIsNotOffered) {
    PromptAnswerer answerer(ClosePrompt::pauseAndQuitButtonName);
    EXPECT_EQ(ClosePrompt(&settings, false).decide(queue, nullptr), Decision::PauseAndQuit);
    QStringList withoutTray = allButtons;
    withoutTray.removeOne(QLatin1String(ClosePrompt::keepRunningButtonName));
    EXPECT_EQ(answerer.buttons(), withoutTray);
    EXPECT_FALSE(answerer.text().contains(QStringLiteral("tray")));
}

TEST_F(ClosePromptTest, ARememberedChoiceIsWrittenAndThenFollowedWithoutAsking) {
    {
        PromptAnswerer answerer(ClosePrompt::cancelAndQuitButtonName, true);
        EXPECT_EQ(ClosePrompt(&settings, true).decide(queue, nullptr), Decision::CancelAndQuit);
        EXPECT_TRUE(answerer.asked());
    }
    EXPECT_EQ(settings.closeBehavior(), Behavior::CancelAndQuit);

    PromptAnswerer answerer(ClosePrompt::dontCloseButtonName);
    EXPECT_EQ(ClosePrompt(&settings, true).decide(queue, nullptr), Decision::CancelAndQuit);
    EXPECT_FALSE(answerer.asked());
}

TEST_F(ClosePromptTest, RememberingDontCloseRemembersNothing) {
    PromptAnswerer answerer(ClosePrompt::dontCloseButtonName, true);
    EXPECT_EQ(ClosePrompt(&settings, true).decide(queue, nullptr), Decision::DontClose);
    EXPECT_EQ(settings.closeBehavior(), Behavior::Ask);
}

TEST_F(ClosePromptTest, ARememberedTrayWithoutATrayAsksInstead) {
    settings.setCloseBehavior(Behavior::KeepRunningInTray);
    EXPECT_EQ(ClosePrompt(&settings, true).rememberedDecision(), Decision::KeepRunningInTray);
    EXPECT_EQ(ClosePrompt(&settings, false).rememberedDecision(), std::nullopt);

    PromptAnswerer answerer(ClosePrompt::dontCloseButtonName);
    EXPECT_EQ(ClosePrompt(&settings, false).decide(queue, nullptr), Decision::DontClose);
    EXPECT_TRUE(answerer.asked());
    EXPECT_FALSE(answerer.buttons().contains(QLatin1String(ClosePrompt::keepRunningButtonName)));
}

TEST_F(ClosePromptTest, CarryingOutPauseOrCancelReachesEveryUnfinishedJob) {
    ClosePrompt::carryOut(Decision::PauseAndQuit, queue);
    EXPECT_TRUE(waitForState(running, JobState::Paused));
    EXPECT_EQ(stateOf(queued), JobState::Paused);

    ClosePrompt::carryOut(Decision::CancelAndQuit, queue);
    EXPECT_TRUE(waitForState(running, JobState::Canceled));
    EXPECT_EQ(stateOf(queued), JobState::Canceled);
}
