#pragma once

#include <QObject>
#include <QTimer>

class AppSettings;
class JobTableView;
class QDockWidget;
class QMainWindow;

// Keeps a main window's layout in the settings: its geometry, its docks and
// toolbars (QMainWindow::saveState) and the job table's columns. restore()
// puts back what was saved and shrinks the window into its screen's available
// area (a size saved on a larger screen or at another scale must not open off
// screen). From then on every change (a resize, a move, a column, a dock) is
// saved a moment after the last one, so a crash keeps the layout too; save()
// writes at once (on quit).
//
// Ownership: a child of the window; the view, the dock and the settings are
// not owned and must outlive it. GUI thread.
class WindowLayoutKeeper : public QObject {
    Q_OBJECT
public:
    static constexpr int saveDelayMs = 500;

    WindowLayoutKeeper(QMainWindow *window, JobTableView *view, QDockWidget *details,
                       AppSettings *settings);

    void restore();
    void save();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void follow();
    void fitOnScreen();

    QMainWindow *m_window;
    JobTableView *m_view;
    QDockWidget *m_details;
    AppSettings *m_settings;
    QTimer m_saveTimer;
    bool m_following = false; // restore() ran: changes are the person's
};
