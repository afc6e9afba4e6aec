#pragma once

#include "job/jobsnapshot.h"

#include <QCoreApplication>
#include <QList>

class AppSettings;
class QWidget;

// Asks before the window removes jobs where a slip would cost: more than one
// job, or a job that has started (running, or paused after it started: its
// run is canceled and cannot be brought back). A modal QMessageBox says what
// goes ("Remove 15 jobs?", "2 are running and will be canceled.") and that the
// others come back with Edit > Undo; "Remove" or "Keep" (also Escape), and a
// "Don't ask again" check box that turns AppSettings::confirmRemoval off (the
// Settings dialog turns it back on).
//
// For tests the buttons and the check box have the object names below; the
// dialog is QApplication::activeModalWidget() while it asks.
//
// Ownership: does not own the settings. GUI thread; confirm() runs a nested
// event loop (QDialog::exec) while it asks, during which jobs go on.
class RemovalPrompt {
    Q_DECLARE_TR_FUNCTIONS(RemovalPrompt)
public:
    static constexpr const char *removeButtonName = "removeJobsButton";
    static constexpr const char *keepButtonName = "keepJobsButton";
    static constexpr const char *dontAskCheckBoxName = "dontAskAgainCheckBox";

    // Whether removing these jobs deserves a question (settings aside).
    static bool needsAsking(const QList<JobSnapshot> &jobs);
    // True when the jobs may go: no question was needed, asking is turned off,
    // or the person chose Remove.
    static bool confirm(const QList<JobSnapshot> &jobs, AppSettings *settings, QWidget *parent);
    // Whether removing this job cancels a run of it.
    static bool hasStarted(const JobSnapshot &job);
};
