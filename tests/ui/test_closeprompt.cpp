#include "closeprompt.h"

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

// Answers the prompt when it appears, as a person would: optionally ticks
// "Remember my choice", then clicks a button or presses a key. Records what the
// dialog offered and said. Polls on a timer because the prompt runs its own
// event loop; nothing happens when no prompt appears.
class PromptAnswerer {
public:
    explicit PromptAnswerer(const char *buttonName, bool remember = false)
        : m_buttonName(buttonName)
        , m_remember(remember) {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { answer(); });
        m_timer.start();
    }
    explicit PromptAnswerer(Qt::Key key)
        : PromptAnswerer(nullptr) {
        m_key = key;
    }

    bool asked() const { return m_asked; }
    QStringList buttons() const { return m_buttons; }
    QString text() const { return m_text; }

private:
    void answer() {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible())
            return;
        m_timer.stop();
        m_asked = true;
        m_text = box->text() + QLatin1Char('\n') + box->informativeText();
        for (QAbstractButton *button : box->buttons())
            m_buttons << button->objectName();
        m_buttons.sort();
        if (m_remember)
            box->findChild<QCheckBox *>(QLatin1String(ClosePrompt::rememberCheckBoxName))
                ->setChecked(true);
        if (m_buttonName) {
            auto *button = box->findChild<QPushButton *>(QLatin1String(m_buttonName));
            ASSERT_NE(button, nullptr) << m_buttonName;
            QTest::mouseClick(button, Qt::LeftButton);
        } else {
            QTest::keyClick(box, m_key);
        }
    }

    const char *m_buttonName;
    bool m_remember;
    Qt::Key m_key = Qt::Key_Escape;
    QTimer m_timer;
    bool m_asked = false;
    QStringList m_buttons;
    QString m_text;
};

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
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("1 job running")))
        << answerer.text().toStdString();
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("1 job queued, waiting or paused")));
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("queued jobs still start in turn")));
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("paused and queued jobs are lost")));
    EXPECT_TRUE(answerer.text().contains(QStringLiteral("queued jobs are canceled too")));

    ClosePrompt surviving(&settings, true);
    surviving.setJobsSurviveQuit(true);
    PromptAnswerer again(ClosePrompt::dontCloseButtonName);
    surviving.decide(queue, nullptr);
    EXPECT_TRUE(again.text().contains(QStringLiteral("can be resumed the next time")));
    EXPECT_FALSE(again.text().contains(QStringLiteral("lost")));
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
