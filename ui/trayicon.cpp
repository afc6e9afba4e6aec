#include "trayicon.h"

#include "appsettings.h"
#include "engine/jobqueue.h"
#include "icons.h"
#include "job/humanformat.h"

#include <QAction>
#include <QLocale>
#include <QMenu>
#include <QWidget>

namespace {

constexpr int messageTimeoutMs = 8000;

} // namespace

TrayIcon::TrayIcon(JobQueue *queue, AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_settings(settings)
    , m_menu(std::make_unique<QMenu>()) {
    Q_ASSERT(queue && settings);

    m_showHideAction = m_menu->addAction(tr("&Show Taskdeck"), this, &TrayIcon::toggleWindow);
    m_menu->addSeparator();
    m_pauseAllAction = m_menu->addAction(tr("&Pause All"), queue, &JobQueue::pauseAll);
    m_resumeAllAction = m_menu->addAction(tr("&Resume All"), queue, &JobQueue::resumeAll);
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(tr("&Quit"), this, &TrayIcon::quitRequested);
    m_pauseAllAction->setIcon(Icons::action(Icons::Action::Pause));
    m_resumeAllAction->setIcon(Icons::action(Icons::Action::Resume));
    connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayIcon::updateMenu);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TrayIcon::refresh);
    m_failureTimer.setSingleShot(true);
    m_failureTimer.setInterval(failureCoalesceMs);
    connect(&m_failureTimer, &QTimer::timeout, this, &TrayIcon::flushFailures);

    connect(queue, &JobQueue::jobsAdded, this, &TrayIcon::scheduleRefresh);
    connect(queue, &JobQueue::jobsProgressed, this, &TrayIcon::scheduleRefresh);
    connect(queue, &JobQueue::jobsRemoved, this, &TrayIcon::onJobsRemoved);
    connect(queue, &JobQueue::jobStateChanged, this, &TrayIcon::onJobStateChanged);
    connect(queue, &JobQueue::idleChanged, this, &TrayIcon::onIdleChanged);

    // Jobs that run already (the tray made after the queue started).
    const QList<JobId> ids = queue->order();
    for (JobId id : ids) {
        const std::optional<JobSnapshot> job = queue->job(id);
        if (job && job->hasRunUnderWay())
            m_started.insert(id);
    }
    m_ranSinceIdle = !queue->isIdle();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(Icons::app(), this);
        m_tray->setContextMenu(m_menu.get());
        connect(m_tray, &QSystemTrayIcon::activated, this, &TrayIcon::onActivated);
        m_tray->show();
    }
    refresh();
}

TrayIcon::~TrayIcon() {
    // The tray icon refers to the menu: let it go first.
    delete m_tray;
    m_tray = nullptr;
}

void TrayIcon::setWindow(QWidget *window) {
    m_window = window;
    updateMenu();
}

void TrayIcon::toggleWindow() {
    if (!m_window)
        return;
    if (m_window->isVisible() && !m_window->isMinimized()) {
        m_window->hide();
    } else {
        if (m_window->isMinimized())
            m_window->showNormal();
        else
            m_window->show();
        m_window->raise();
        m_window->activateWindow();
    }
    updateMenu();
}

void TrayIcon::updateMenu() {
    const bool shown = m_window && m_window->isVisible() && !m_window->isMinimized();
    m_showHideAction->setText(shown ? tr("&Hide Taskdeck") : tr("&Show Taskdeck"));
    m_showHideAction->setEnabled(m_window != nullptr);
    const int paused = m_queue->countIn(JobState::Paused);
    m_resumeAllAction->setEnabled(paused > 0 || m_queue->isDraining());
    m_pauseAllAction->setEnabled(m_queue->countIn(JobState::Running) +
                                     m_queue->countIn(JobState::Queued) +
                                     m_queue->countIn(JobState::Waiting) >
                                 0);
}

void TrayIcon::onActivated(QSystemTrayIcon::ActivationReason reason) {
    if (reason == QSystemTrayIcon::Trigger)
        toggleWindow();
}

void TrayIcon::onJobStateChanged(JobId id, JobState state) {
    switch (state) {
    case JobState::Running:
        m_started.insert(id);
        m_ranSinceIdle = true;
        break;
    case JobState::Paused:
        break; // a started job keeps its place in m_started, a queued one never had one
    case JobState::Succeeded:
        ++m_succeeded;
        m_started.remove(id);
        break;
    case JobState::Failed:
    case JobState::Interrupted:
        ++m_failed;
        m_started.remove(id);
        if (m_settings->notifyOnFailure()) {
            const std::optional<JobSnapshot> job = m_queue->job(id);
            if (job) {
                m_failures.append({job->spec.title, job->result.error});
                if (!m_failureTimer.isActive())
                    m_failureTimer.start();
            }
        }
        break;
    case JobState::Canceled:
        ++m_canceled;
        m_started.remove(id);
        break;
    case JobState::Queued:
    case JobState::Waiting:
        m_started.remove(id);
        break;
    }
    scheduleRefresh();
}

void TrayIcon::onJobsRemoved(const QList<JobId> &ids) {
    for (JobId id : ids)
        m_started.remove(id);
    scheduleRefresh();
}

void TrayIcon::onIdleChanged(bool idle) {
    if (!idle)
        return;
    // Failures first, so they read in the order they happened.
    if (!m_failures.isEmpty())
        flushFailures();
    const int ended = m_succeeded + m_failed + m_canceled;
    // A queue paused before anything ended is the person's doing, not news.
    if (m_ranSinceIdle && ended > 0 && m_settings->notifyWhenQueueEmpty()) {
        const QLocale locale;
        QStringList parts;
        parts << tr("%1 succeeded").arg(locale.toString(m_succeeded));
        if (m_failed > 0)
            parts << tr("%1 failed").arg(locale.toString(m_failed));
        if (m_canceled > 0)
            parts << tr("%1 canceled").arg(locale.toString(m_canceled));
        const int left = m_queue->countIn(JobState::Paused) + m_queue->countIn(JobState::Waiting) +
                         m_queue->countIn(JobState::Queued);
        if (left > 0)
            parts << tr("%1 paused or waiting").arg(locale.toString(left));
        notify(left > 0 ? tr("Nothing left to run") : tr("All jobs finished"),
               parts.join(tr(" · ")),
               m_failed > 0 ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    }
    m_ranSinceIdle = false;
    m_succeeded = m_failed = m_canceled = 0;
    scheduleRefresh();
}

void TrayIcon::flushFailures() {
    m_failureTimer.stop();
    if (m_failures.isEmpty())
        return;
    const Failure first = m_failures.constFirst();
    const int count = int(m_failures.size());
    m_failures.clear();
    if (count == 1) {
        notify(tr("Job failed: %1").arg(first.title), first.error, QSystemTrayIcon::Critical);
        return;
    }
    const QLocale locale;
    notify(
        tr("%1 jobs failed").arg(locale.toString(count)),
        count == 2
            ? tr("%1: %2\n…and 1 more").arg(first.title, first.error)
            : tr("%1: %2\n…and %3 more").arg(first.title, first.error, locale.toString(count - 1)),
        QSystemTrayIcon::Critical);
}

void TrayIcon::notify(const QString &title, const QString &body,
                      QSystemTrayIcon::MessageIcon icon) {
    Q_EMIT notificationRequested(title, body);
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, body, icon, messageTimeoutMs);
}

void TrayIcon::scheduleRefresh() {
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void TrayIcon::refresh() {
    m_refreshTimer.stop();
    const QLocale locale;
    // The status bar's groups: active is running or paused after it started
    // (m_started), queued is every other unfinished job; paused overlaps both.
    const int paused = m_queue->countIn(JobState::Paused);
    const int unfinished = m_queue->countIn(JobState::Running) +
                           m_queue->countIn(JobState::Queued) +
                           m_queue->countIn(JobState::Waiting) + paused;
    const int active = int(m_started.size());
    const int queued = unfinished - active;

    QString text;
    if (unfinished == 0) {
        text = tr("Taskdeck — no jobs running");
    } else {
        QStringList counts;
        counts << tr("%1 active").arg(locale.toString(active));
        counts << tr("%1 queued").arg(locale.toString(queued));
        if (paused > 0)
            counts << tr("%1 paused").arg(locale.toString(paused));
        text = tr("Taskdeck — %1").arg(counts.join(tr(" · ")));

        // The batch's progress: jobs that ended since the queue was last idle count
        // whole, started jobs by their fraction, the rest as not begun.
        const int ended = m_succeeded + m_failed + m_canceled;
        double done = ended;
        double speeds[5] = {0, 0, 0, 0, 0}; // by ProgressUnit
        for (JobId id : std::as_const(m_started)) {
            const std::optional<JobSnapshot> job = m_queue->job(id);
            if (!job)
                continue;
            done += qMax(0.0, job->fraction());
            if (job->state == JobState::Running)
                speeds[int(job->unit)] += job->speed;
        }
        text += tr(" · %1").arg(HumanFormat::percent(done / (ended + unfinished)));
        // Bytes are what a person watches; files or items only when no job counts bytes.
        for (ProgressUnit unit : {ProgressUnit::Bytes, ProgressUnit::Files, ProgressUnit::MediaTime,
                                  ProgressUnit::Items}) {
            if (speeds[int(unit)] > 0) {
                text += tr(" · %1").arg(HumanFormat::speed(speeds[int(unit)], unit));
                break;
            }
        }
    }
    if (text == m_toolTip)
        return;
    m_toolTip = text;
    if (m_tray)
        m_tray->setToolTip(text);
    Q_EMIT toolTipChanged(text);
}
