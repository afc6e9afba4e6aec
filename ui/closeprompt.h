#pragma once

#include "appsettings.h"
#include "job/jobtypes.h"

#include <QCoreApplication>

#include <optional>

class JobQueue;
class QWidget;

// What to do when the window closes while the queue has unfinished jobs
// (running, queued, waiting or paused). Asks with a modal QMessageBox:
//   "Keep Running in Tray"   only offered when a system tray is available
//   "Pause and Quit"
//   "Cancel Jobs and Quit"
//   "Don't Close"            also Escape and the dialog's close button
// and a "Remember my choice" check box that, for any answer but Don't Close,
// writes AppSettings::closeBehavior so later closes do not ask. The dialog says
// what each answer does to running and to queued jobs.
//
// A remembered behaviour is honoured without asking, except KeepRunningInTray
// when there is no tray: then it asks (without that option).
//
// For tests and automation the dialog's buttons and check box have the object
// names below; the dialog is QApplication::activeModalWidget() while it asks.
//
// Ownership: does not own the settings, which must outlive it. GUI thread; ask()
// and decide() run a nested event loop (QDialog::exec) while asking.
class ClosePrompt {
    Q_DECLARE_TR_FUNCTIONS(ClosePrompt)
public:
    enum class Decision {
        Quit,              // nothing unfinished: close and quit, no question asked
        KeepRunningInTray, // hide the window, the jobs go on
        PauseAndQuit,      // pause every job, then quit
        CancelAndQuit,     // cancel every unfinished job, then quit
        DontClose,         // leave the window open
    };

    static constexpr const char *keepRunningButtonName = "keepRunningInTrayButton";
    static constexpr const char *pauseAndQuitButtonName = "pauseAndQuitButton";
    static constexpr const char *cancelAndQuitButtonName = "cancelAndQuitButton";
    static constexpr const char *dontCloseButtonName = "dontCloseButton";
    static constexpr const char *rememberCheckBoxName = "rememberChoiceCheckBox";

    // trayAvailable: normally TrayIcon::isAvailable().
    ClosePrompt(AppSettings *settings, bool trayAvailable);

    // Whether quitting keeps paused and queued jobs for the next run (true once
    // the queue is persisted); only changes what the dialog says. Default false.
    void setJobsSurviveQuit(bool survive) { m_jobsSurviveQuit = survive; }

    // Quit when the queue has nothing unfinished; else the remembered decision;
    // else asks (modal to parent).
    Decision decide(const JobQueue &queue, QWidget *parent) const;
    // The remembered decision that applies now; nullopt when one must ask.
    std::optional<Decision> rememberedDecision() const;
    // What the queue has left, counted in the filter bar's groups.
    struct Work {
        int active = 0;          // running, or paused after it started
        int pending = 0;         // queued, waiting, or paused before it started
        QList<JobId> restarting; // active jobs whose kind cannot resume a stopped run
        bool isEmpty() const { return active + pending == 0; }
    };
    static Work workIn(const JobQueue &queue);
    // Asks whatever is remembered, saying what each answer does to this work.
    Decision ask(const Work &work, QWidget *parent) const;

    // Does to the queue what the decision says before quitting: PauseAndQuit
    // pauses every job, CancelAndQuit cancels every unfinished one; the others
    // leave it alone. Returns at once (jobs stop at their next check).
    static void carryOut(Decision decision, JobQueue &queue);

private:
    QString explanation(const Work &work) const;
    static QString pauseAndQuitText(const Work &work);

    AppSettings *m_settings;
    bool m_trayAvailable;
    bool m_jobsSurviveQuit = false;
};
