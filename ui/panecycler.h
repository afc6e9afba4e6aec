#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QWidget;

// F6 and Shift+F6 move the keyboard focus between the window's panes (the
// filter bar, the job table, the details pane), as in file managers and
// browsers: to the next visible pane after the one that has the focus, round
// the end. A pane gets the focus in its first widget that takes Tab focus.
//
// Ownership: a child of the window; does not own the panes. GUI thread.
class PaneCycler : public QObject {
    Q_OBJECT
public:
    // The actions are added to window (shortcuts for the whole window).
    PaneCycler(QWidget *window, QList<QWidget *> panes);

    // Focuses the pane step places away (+1 next, -1 previous) from the one
    // holding the focus, skipping hidden ones; the first pane when none does.
    void cycle(int step);

private:
    static QWidget *focusTarget(QWidget *pane);

    QList<QPointer<QWidget>> m_panes;
};
