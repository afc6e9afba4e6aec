#include "jobtable/progressdelegate.h"

#include "jobtable/jobtablemodel.h"

#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTableView>
#include <gtest/gtest.h>

namespace {

// Paints one cell whose raw value is `fraction`, whose text is `text`, of a job in `state`.
QImage paintCell(const QVariant &fraction, const QString &text,
                 std::optional<JobState> state = std::nullopt) {
    QStandardItemModel model(1, 1);
    model.setData(model.index(0, 0), fraction, JobTableModel::RawValueRole);
    model.setData(model.index(0, 0), text, Qt::DisplayRole);
    if (state)
        model.setData(model.index(0, 0), int(*state), JobTableModel::JobStateRole);
    QTableView view;
    view.setModel(&model);
    ProgressDelegate delegate;

    QImage image(160, 24, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.widget = &view;
    option.rect = image.rect();
    option.fontMetrics = view.fontMetrics();
    delegate.paint(&painter, option, model.index(0, 0));
    painter.end();
    return image;
}

int countColor(const QImage &image, const QColor &color) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += image.pixelColor(x, y) == color ? 1 : 0;
    }
    return count;
}

} // namespace

TEST(ProgressDelegate, AFullBarFillsMoreOfTheCellThanAnEmptyOne) {
    const QImage empty = paintCell(0.0, QString());
    const QImage full = paintCell(1.0, QString());
    EXPECT_NE(empty, full);

    // The chunk is drawn in the palette's highlight colour (or a shade of it): the full
    // bar has far more pixels that differ from the empty one than a border would.
    int differing = 0;
    for (int y = 0; y < empty.height(); ++y) {
        for (int x = 0; x < empty.width(); ++x)
            differing += empty.pixel(x, y) != full.pixel(x, y) ? 1 : 0;
    }
    EXPECT_GT(differing, empty.width() * 8);
}

TEST(ProgressDelegate, HalfABarIsBetweenEmptyAndFull) {
    const QImage empty = paintCell(0.0, QString());
    const QImage half = paintCell(0.5, QString());
    const QImage full = paintCell(1.0, QString());
    EXPECT_NE(half, empty);
    EXPECT_NE(half, full);
}

TEST(ProgressDelegate, ItDrawsTheLabelFromTheDisplayRole) {
    EXPECT_NE(paintCell(0.4, QStringLiteral("40%")), paintCell(0.4, QString()));
}

TEST(ProgressDelegate, AnUnknownFractionDrawsNoBar) {
    const QImage unknown = paintCell(-1.0, QString());
    EXPECT_NE(unknown, paintCell(0.0, QString()));
    EXPECT_EQ(countColor(unknown, Qt::white), unknown.width() * unknown.height());
}

TEST(ProgressDelegate, AStoppedJobsBarIsDrawnDisabled) {
    const QImage running = paintCell(0.5, QString(), JobState::Running);
    const QImage failed = paintCell(0.5, QString(), JobState::Failed);
    EXPECT_NE(running, failed);
    EXPECT_EQ(paintCell(0.5, QString(), JobState::Paused), failed);
}

TEST(ProgressDelegate, CellsWithoutANumberArePaintedAsText) {
    // No progress bar frame: a plain text cell on white stays mostly white.
    const QImage plain = paintCell(QVariant(), QStringLiteral("x"));
    EXPECT_GT(countColor(plain, Qt::white), plain.width() * plain.height() / 2);
    EXPECT_NE(plain, paintCell(0.0, QStringLiteral("x")));
}
