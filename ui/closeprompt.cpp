#include "closeprompt.h"

#include "jobqueue.h"

#include <QCheckBox>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace {

using Behavior = AppSettings::CloseBehavior;
using Decision = ClosePrompt::Decision;

std::optional<Behavior> behaviorFor(Decision decision) {
    switch (decision) {
    case Decision::KeepRunningInTray:
        return Behavior::KeepRunningInTray;
    case Decision::PauseAndQuit:
        return Behavior::PauseAndQuit;
    case Decision::CancelAndQuit:
        return Behavior::CancelAndQuit;
    case Decision::Quit:
    case Decision::DontClose:
        break;
    }
    return std::nullopt;
}

} // namespace

ClosePrompt::ClosePrompt(AppSettings *settings, bool trayAvailable)
    : m_settings(settings)
    , m_trayAvailable(trayAvailable) {
    Q_ASSERT(settings);
}

Decision ClosePrompt::decide(const JobQueue &queue, QWidget *parent) const {
    const int running = queue.countIn(JobState::Running);
    const int pending = queue.countIn(JobState::Queued) + queue.countIn(JobState::Waiting) +
                        queue.countIn(JobState::Paused);
    if (running + pending == 0)
        return Decision::Quit;
    if (const std::optional<Decision> remembered = rememberedDecision())
        return *remembered;
    return ask(running, pending, parent);
}

std::optional<Decision> ClosePrompt::rememberedDecision() const {
    switch (m_settings->closeBehavior()) {
    case Behavior::Ask:
        return std::nullopt;
    case Behavior::KeepRunningInTray:
        // Hiding the window with no tray to bring it back would strand the jobs.
        return m_trayAvailable ? std::optional(Decision::KeepRunningInTray) : std::nullopt;
    case Behavior::PauseAndQuit:
        return Decision::PauseAndQuit;
    case Behavior::CancelAndQuit:
        return Decision::CancelAndQuit;
    }
    return std::nullopt;
}

QString ClosePrompt::explanation() const {
    QStringList lines;
    if (m_trayAvailable)
        lines << tr("Keep running in the tray: the window closes, running jobs go on and "
                    "queued jobs still start in turn. Taskdeck stays in the system tray.");
    lines << (m_jobsSurviveQuit
                  ? tr("Pause and quit: running jobs are paused, queued jobs do not start, and "
                       "Taskdeck quits. All of them are kept and can be resumed the next time "
                       "Taskdeck starts.")
                  : tr("Pause and quit: running jobs are paused and Taskdeck quits. Taskdeck "
                       "does not keep its queue between runs yet, so the paused and queued "
                       "jobs are lost."));
    lines << tr("Cancel jobs and quit: running jobs are canceled (their partial output is "
                "removed), queued jobs are canceled too, and Taskdeck quits.");
    return lines.join(QStringLiteral("\n\n"));
}

Decision ClosePrompt::ask(int running, int pending, QWidget *parent) const {
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(tr("Close Taskdeck"));
    QStringList work;
    // Whole sentences per number: no English translation file resolves %n plurals.
    const QLocale locale;
    if (running > 0)
        work << (running == 1 ? tr("1 job running")
                              : tr("%1 jobs running").arg(locale.toString(running)));
    if (pending > 0)
        work << (pending == 1
                     ? tr("1 job queued, waiting or paused")
                     : tr("%1 jobs queued, waiting or paused").arg(locale.toString(pending)));
    box.setText(tr("Taskdeck still has work: %1.").arg(work.join(tr(" and "))));
    box.setInformativeText(explanation());

    const auto addButton = [&](const QString &text, QMessageBox::ButtonRole role,
                               const char *name) {
        QPushButton *button = box.addButton(text, role);
        button->setObjectName(QLatin1String(name));
        button->setAccessibleName(QString(text).remove(QLatin1Char('&')));
        return button;
    };
    QPushButton *keepRunning = nullptr;
    if (m_trayAvailable)
        keepRunning =
            addButton(tr("&Keep Running in Tray"), QMessageBox::AcceptRole, keepRunningButtonName);
    QPushButton *pause =
        addButton(tr("&Pause and Quit"), QMessageBox::AcceptRole, pauseAndQuitButtonName);
    QPushButton *cancel = addButton(tr("Cancel &Jobs and Quit"), QMessageBox::DestructiveRole,
                                    cancelAndQuitButtonName);
    QPushButton *dontClose =
        addButton(tr("&Don't Close"), QMessageBox::RejectRole, dontCloseButtonName);
    box.setEscapeButton(dontClose);
    // Enter must not lose work: the tray keeps everything, else stay open.
    box.setDefaultButton(keepRunning ? keepRunning : dontClose);

    auto *remember = new QCheckBox(tr("&Remember my choice"), &box);
    remember->setObjectName(QLatin1String(rememberCheckBoxName));
    remember->setAccessibleName(tr("Remember my choice"));
    remember->setToolTip(tr("Do the same next time without asking. Settings can change it."));
    box.setCheckBox(remember);

    box.exec();

    const QAbstractButton *clicked = box.clickedButton();
    Decision decision = Decision::DontClose;
    if (clicked && clicked == keepRunning)
        decision = Decision::KeepRunningInTray;
    else if (clicked == pause)
        decision = Decision::PauseAndQuit;
    else if (clicked == cancel)
        decision = Decision::CancelAndQuit;

    if (remember->isChecked()) {
        if (const std::optional<Behavior> behavior = behaviorFor(decision))
            m_settings->setCloseBehavior(*behavior);
    }
    return decision;
}

void ClosePrompt::carryOut(Decision decision, JobQueue &queue) {
    if (decision == Decision::PauseAndQuit) {
        queue.pauseAll();
    } else if (decision == Decision::CancelAndQuit) {
        const QList<JobId> ids = queue.order();
        for (JobId id : ids) {
            const std::optional<JobSnapshot> job = queue.job(id);
            if (job && !isFinished(job->state))
                queue.cancel(id);
        }
    }
}
