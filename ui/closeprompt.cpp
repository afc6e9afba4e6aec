#include "closeprompt.h"

#include "engine/jobqueue.h"
#include "jobtable/jobfilterproxymodel.h"

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

ClosePrompt::Work ClosePrompt::workIn(const JobQueue &queue) {
    Work work;
    using Filter = JobFilterProxyModel::StateFilter;
    for (JobId id : queue.order()) {
        const std::optional<JobSnapshot> job = queue.job(id);
        if (!job)
            continue;
        if (JobFilterProxyModel::matches(Filter::Active, *job)) {
            ++work.active;
            if (!(job->capabilities & Resumable))
                work.restarting.append(id);
        } else if (JobFilterProxyModel::matches(Filter::Queued, *job)) {
            ++work.pending;
        }
    }
    return work;
}

Decision ClosePrompt::decide(const JobQueue &queue, QWidget *parent) const {
    const Work work = workIn(queue);
    if (work.isEmpty())
        return Decision::Quit;
    if (const std::optional<Decision> remembered = rememberedDecision())
        return *remembered;
    return ask(work, parent);
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

QString ClosePrompt::pauseAndQuitText(const Work &work) {
    // Whole sentences per number: no English translation file resolves %n plurals.
    const QLocale locale;
    const int resuming = work.active - int(work.restarting.size());
    QStringList parts;
    if (resuming == 1)
        parts << tr("the active job continues where it stopped the next time Taskdeck starts");
    else if (resuming > 1)
        parts << tr("%1 active jobs continue where they stopped the next time Taskdeck starts")
                     .arg(locale.toString(resuming));
    if (!work.restarting.isEmpty()) {
        QStringList ids;
        for (JobId id : work.restarting)
            ids << QString::number(id);
        parts << (work.restarting.size() == 1
                      ? tr("job %1 cannot keep its process across a restart: it comes back "
                           "Interrupted, and Retry runs it again from the start")
                            .arg(ids.constFirst())
                      : tr("jobs %1 cannot keep their processes across a restart: they come "
                           "back Interrupted, and Retry runs them again from the start")
                            .arg(ids.join(tr(", "))));
    }
    if (work.pending > 0)
        parts << tr("queued jobs stay queued");
    return tr("Pause and quit: running jobs are paused and Taskdeck quits; %1.")
        .arg(parts.join(tr("; ")));
}

QString ClosePrompt::explanation(const Work &work) const {
    QStringList lines;
    if (m_trayAvailable)
        lines << tr("Keep running in the tray: the window closes, running jobs go on and "
                    "queued jobs still start in turn. Taskdeck stays in the system tray.");
    lines << (m_jobsSurviveQuit
                  ? pauseAndQuitText(work)
                  : tr("Pause and quit: running jobs are paused and Taskdeck quits. Taskdeck "
                       "does not keep its queue between runs yet, so the paused and queued "
                       "jobs are lost."));
    lines << tr("Cancel jobs and quit: running jobs are canceled (their partial output is "
                "removed), queued jobs are canceled too, and Taskdeck quits.");
    return lines.join(QStringLiteral("\n\n"));
}

Decision ClosePrompt::ask(const Work &work, QWidget *parent) const {
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(tr("Close Taskdeck"));
    QStringList counts;
    // Whole sentences per number, in the status bar's words (active, queued).
    const QLocale locale;
    if (work.active > 0)
        counts << (work.active == 1 ? tr("1 job active")
                                    : tr("%1 jobs active").arg(locale.toString(work.active)));
    if (work.pending > 0)
        counts << (work.pending == 1 ? tr("1 job queued")
                                     : tr("%1 jobs queued").arg(locale.toString(work.pending)));
    box.setText(tr("Taskdeck still has work: %1.").arg(counts.join(tr(" and "))));
    box.setInformativeText(explanation(work));

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
