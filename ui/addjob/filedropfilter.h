#pragma once

#include <QObject>
#include <QPoint>
#include <QStringList>

#include <functional>

class QWidget;

// Takes drags of local files and folders over the widgets it watches and, on
// a drop, hands their paths and the drop's global position to `offer` (called
// after the drop event returns: the drag source is still waiting then). Any
// other drag (a view's own row drags, text) passes through untouched.
//
// Ownership: the watched widgets are not owned. GUI thread.
class FileDropFilter : public QObject {
    Q_OBJECT
public:
    using Offer = std::function<void(const QStringList &paths, const QPoint &globalPosition)>;

    FileDropFilter(Offer offer, QObject *parent);

    // Starts taking file drops on this widget (which must accept drops).
    void watch(QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Offer m_offer;
};
