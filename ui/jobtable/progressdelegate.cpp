#include "jobtable/progressdelegate.h"

#include "jobtable/jobtablemodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

#include <algorithm>
#include <cmath>

namespace {

// Fine enough that a 2 GB job moves the bar visibly, coarse enough to fit an int.
constexpr int barMaximum = 10000;
constexpr int barMargin = 3;

// A bar that will not move on its own (paused, failed, canceled) is drawn disabled,
// so a failed job at 100% does not look like a finished one.
bool isMoving(const QModelIndex &index) {
    const QVariant state = index.data(JobTableModel::JobStateRole);
    if (!state.isValid())
        return true;
    switch (JobState(state.toInt())) {
    case JobState::Paused:
    case JobState::Failed:
    case JobState::Canceled:
    case JobState::Interrupted:
        return false;
    case JobState::Queued:
    case JobState::Waiting:
    case JobState::Running:
    case JobState::Succeeded:
        break;
    }
    return true;
}

} // namespace

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const {
    bool isNumber = false;
    const double fraction = index.data(JobTableModel::RawValueRole).toDouble(&isNumber);
    if (!isNumber) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    QStyle *style = option.widget ? option.widget->style() : QApplication::style();

    // The cell background first (selection, alternating rows, focus), without text.
    // No bar before anything is known (a queued job): an empty bar reads as
    // "stuck at 0%". Its text then says why it has not started, if it says anything.
    QStyleOptionViewItem cell(option);
    initStyleOption(&cell, index);
    if (fraction >= 0)
        cell.text.clear();
    else
        cell.textElideMode = Qt::ElideRight; // a reason reads from its start
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, option.widget);
    if (fraction < 0)
        return;

    QStyleOptionProgressBar bar;
    if (option.widget)
        bar.initFrom(option.widget);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    if (!isMoving(index)) {
        bar.state &= ~QStyle::State_Enabled;
        // Styles draw the chunk in the palette's current group: make it the disabled one.
        bar.palette.setCurrentColorGroup(QPalette::Disabled);
    }
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    // A bar as tall as the text, centred: full-height bars crowd the rows.
    const int height =
        std::min(option.rect.height() - 2 * barMargin, option.fontMetrics.height() + 4);
    bar.rect = QRect(option.rect.left() + barMargin,
                     option.rect.top() + (option.rect.height() - height) / 2,
                     option.rect.width() - 2 * barMargin, height);
    bar.minimum = 0;
    bar.maximum = barMaximum;
    bar.progress = int(std::lround(std::clamp(fraction, 0.0, 1.0) * barMaximum));
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = !bar.text.isEmpty();
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    // Room for a readable bar and "100%", and for the bar's margins.
    size.setWidth(
        std::max(size.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("100%")) * 3));
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 4 + 2 * barMargin));
    return size;
}
