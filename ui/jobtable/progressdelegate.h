#pragma once

#include <QStyledItemDelegate>

// Paints a cell as a progress bar drawn by the view's style (QStyleOptionProgressBar),
// from the index alone: the fraction from JobTableModel::RawValueRole (0..1, or
// negative for unknown: no bar), the label from Qt::DisplayRole, and from
// JobTableModel::JobStateRole whether the bar is live or stopped (drawn disabled:
// paused, failed, canceled, interrupted).
// Cells whose raw value is not a number are painted as ordinary text.
// GUI thread; stateless, one instance may serve several views.
class ProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
