#pragma once

#include "job/jobtypes.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSystemTrayIcon>
#include <QTimer>

#include <memory>

class AppSettings;
class JobQueue;
class QAction;
class QMenu;
class QWidget;

// Taskdeck in the system tray: an icon whose tooltip sums up the queue
// ("Taskdeck — 2 running, 5 queued · 43% · 12.3 MB/s"), a menu (Show/Hide
// window, Pause all, Resume all, Quit), a click that shows or hides the window,
// and desktop notifications when a job fails and when the queue has run out of
// work after having run some (each switchable in AppSettings).
//
// Without a system tray (QSystemTrayIcon::isSystemTrayAvailable() false at
// construction, e.g. offscreen or a bare X server) no QSystemTrayIcon is made:
// isAvailable() is false and nothing is shown, but the decisions still happen —
// toolTip() is kept up to date and notificationRequested() still fires (it is
// what tests observe); only the desktop balloon is skipped, with no fallback.
//
// Cost: the queue's signals only start a timer; the tooltip is recomputed at most
// every refreshIntervalMs from state counts and snapshots of the running and
// paused jobs only (tracked from jobStateChanged), never of all jobs. Failures
// are gathered for failureCoalesceMs so a burst gives one notification.
//
// Ownership: does not own the queue, the settings or the window; the queue and
// settings must outlive it, the window is watched (QPointer). GUI thread.
class TrayIcon : public QObject {
    Q_OBJECT
public:
    static constexpr int refreshIntervalMs = 500;
    static constexpr int failureCoalesceMs = 250;

    TrayIcon(JobQueue *queue, AppSettings *settings, QObject *parent = nullptr);
    ~TrayIcon() override;

    // True when a system tray was there at construction and the icon is shown.
    bool isAvailable() const { return m_tray != nullptr; }

    // The window that clicking the icon and Show/Hide toggle (not owned).
    void setWindow(QWidget *window);
    // Hides a visible window; shows, raises and activates a hidden or minimized one.
    void toggleWindow();

    // The tooltip as last computed (also when there is no tray).
    QString toolTip() const { return m_toolTip; }
    // Recomputes the tooltip now instead of at the next timer tick.
    void refresh();

    // The icon's context menu and its actions. Pause all and Resume all call the
    // queue directly; Show/Hide calls toggleWindow(); Quit emits quitRequested().
    QMenu *menu() const { return m_menu.get(); }
    QAction *showHideAction() const { return m_showHideAction; }
    QAction *pauseAllAction() const { return m_pauseAllAction; }
    QAction *resumeAllAction() const { return m_resumeAllAction; }
    QAction *quitAction() const { return m_quitAction; }

Q_SIGNALS:
    // A notification is due (the setting for it is on). Fires whether or not a
    // tray shows it: a burst of failures failureCoalesceMs after the first of
    // them; "queue finished" when the queue turns idle after a job ran since it
    // was last idle.
    void notificationRequested(const QString &title, const QString &body);
    // The Quit menu entry was chosen. The receiver decides how to quit (e.g. by
    // closing the window through ClosePrompt).
    void quitRequested();
    void toolTipChanged(const QString &toolTip);

private:
    void onJobStateChanged(JobId id, JobState state);
    void onJobsRemoved(const QList<JobId> &ids);
    void onIdleChanged(bool idle);
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void scheduleRefresh();
    void flushFailures();
    void notify(const QString &title, const QString &body, QSystemTrayIcon::MessageIcon icon);
    void updateMenu();

    struct Failure {
        QString title;
        QString error;
    };

    JobQueue *m_queue;
    AppSettings *m_settings;
    QPointer<QWidget> m_window;
    std::unique_ptr<QMenu> m_menu; // a QMenu is a widget: no QObject parent here
    QAction *m_showHideAction = nullptr;
    QAction *m_pauseAllAction = nullptr;
    QAction *m_resumeAllAction = nullptr;
    QAction *m_quitAction = nullptr;
    QSystemTrayIcon *m_tray = nullptr; // child; null without a system tray

    QString m_toolTip;
    QTimer m_refreshTimer;
    QTimer m_failureTimer;
    QList<Failure> m_failures; // waiting for m_failureTimer

    QSet<JobId> m_started; // Running or Paused after starting: the jobs with progress
    // Since the queue was last idle: did a job run, and how did jobs end.
    bool m_ranSinceIdle = false;
    int m_succeeded = 0;
    int m_failed = 0;
    int m_canceled = 0;
};
