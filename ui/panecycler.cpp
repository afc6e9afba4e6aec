#include "panecycler.h"

#include <QAction>
#include <QApplication>
#include <QWidget>

PaneCycler::PaneCycler(QWidget *window, QList<QWidget *> panes)
    : QObject(window) {
    for (QWidget *pane : panes)
        m_panes.append(pane);
    auto *next = new QAction(tr("Next Pane"), window);
    next->setObjectName(QStringLiteral("nextPaneAction"));
    next->setShortcut(Qt::Key_F6);
    connect(next, &QAction::triggered, this, [this] { cycle(1); });
    auto *previous = new QAction(tr("Previous Pane"), window);
    previous->setObjectName(QStringLiteral("previousPaneAction"));
    previous->setShortcut(Qt::SHIFT | Qt::Key_F6);
    connect(previous, &QAction::triggered, this, [this] { cycle(-1); });
    window->addActions({next, previous});
}

QWidget *PaneCycler::focusTarget(QWidget *pane) {
    if (pane->focusPolicy() & Qt::TabFocus)
        return pane;
    const QList<QWidget *> children = pane->findChildren<QWidget *>();
    for (QWidget *child : children) {
        if ((child->focusPolicy() & Qt::TabFocus) && child->isVisibleTo(pane) && child->isEnabled())
            return child;
    }
    return nullptr;
}

void PaneCycler::cycle(int step) {
    const int count = int(m_panes.size());
    if (count == 0)
        return;
    const QWidget *focused = QApplication::focusWidget();
    int current = -1;
    for (int i = 0; i < count; ++i) {
        const QWidget *pane = m_panes.at(i);
        if (pane && focused && (pane == focused || pane->isAncestorOf(focused)))
            current = i;
    }
    int index = current < 0 ? (step > 0 ? -1 : 0) : current;
    for (int tried = 0; tried < count; ++tried) {
        index = (index + step + count) % count;
        QWidget *pane = m_panes.at(index);
        if (!pane || !pane->isVisible())
            continue;
        if (QWidget *target = focusTarget(pane)) {
            target->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
}
