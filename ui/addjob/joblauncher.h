#pragma once

#include "addjob/addhashdialog.h"
#include "job/jobsnapshot.h"
#include "job/jobtypes.h"

#include <QObject>

class AddCommandDialog;
class AddCopyDialog;
class AddImagesDialog;
class AddJobDialog;
class JobQueue;
class QAction;
class QMenu;
class QSettings;
class QWidget;

// Everything that starts a new job: one "Add … Job" action per kind of job (for
// the menus and the toolbar), the add dialogs behind them, and the menu offered
// when files or folders are dropped on the window (each kind that makes sense
// for them, its dialog prefilled).
//
// A dialog opens window-modal and returns at once; when it is accepted its
// validated job is queued and jobAdded() fires; when the queue refuses it, the
// dialog says why and stays open. Its "Start after" list offers the queue's
// jobs as they were when it opened.
//
// Edit opens the dialog of a job that has not started, prefilled; Save gives
// the job its new settings (JobQueue::edit) and jobEdited() fires.
//
// Ownership: the actions are children of this object; dialogs are children of
// the window passed in (deleted when closed). Neither the queue nor the window
// is owned; both must outlive it. GUI thread.
class JobLauncher : public QObject {
    Q_OBJECT
public:
    // The add-job entries (menus, toolbar), in menu order; the list of what each
    // opens is the one table in joblauncher.cpp.
    enum Kind { Hash, Verify, Images, Copy, Command, KindCount };

    JobLauncher(JobQueue *queue, QWidget *window);

    QAction *action(Kind kind) const { return m_actions[kind]; }
    QList<QAction *> actions() const;

    // Opens the add dialog of a kind, empty, and returns it (for the caller to prefill).
    AddJobDialog *open(Kind kind);
    // The same, typed, for callers that prefill a kind's own fields.
    AddHashDialog *openHashDialog(AddHashDialog::Mode mode);
    AddImagesDialog *openImagesDialog();
    AddCopyDialog *openCopyDialog();
    AddCommandDialog *openCommandDialog();
    // The dialog of this job's kind, prefilled with it, saving into it. nullptr
    // (and addRefused) when no dialog edits its kind.
    AddJobDialog *openEditDialog(const JobSnapshot &job);

    // Where the dialogs' path pickers remember their folders (RememberedFolders).
    // Not owned; must outlive the launcher. Null: they remember nothing.
    void setFolderSettings(QSettings *settings) { m_folderSettings = settings; }

    // The kinds that fit these dropped local paths, as a menu whose entries open
    // the matching dialog prefilled with them: hash them, verify against a
    // manifest (one manifest file), convert images, copy them somewhere, run a
    // command in a folder (one folder). The caller owns the menu.
    QMenu *createDropMenu(const QStringList &paths, QWidget *parent) const;

    // Whether a file's name says it is a checksum manifest (photos.sha256, SHA256SUMS).
    static bool looksLikeManifest(const QString &path);
    // Whether converting images may apply: a folder, or a file with the suffix
    // of an image format Qt reads.
    static bool mayHoldImages(const QStringList &paths);

Q_SIGNALS:
    void jobAdded(JobId id);
    void addRefused(const QString &message);
    void jobEdited(JobId id);

private:
    QAction *makeAction(Kind kind);
    void openAddDialog(AddJobDialog *dialog);
    QList<JobSnapshot> jobsInQueue() const;

    JobQueue *m_queue;
    QWidget *m_window;
    QList<QAction *> m_actions;
    QSettings *m_folderSettings = nullptr;
};
