#pragma once

#include <QLabel>
#include <QTimer>

class QAbstractItemView;

// A status-bar line naming the selection: "3 of 2,001 selected", counting the
// rows the view shows (after its filter); empty while nothing is selected.
// Recounts when the selection or the rows change, coalesced, so selecting
// thousands of rows costs one count. Does not own the view, which must outlive
// it and have its model set before. GUI thread.
class SelectionSummaryLabel : public QLabel {
    Q_OBJECT
public:
    explicit SelectionSummaryLabel(QAbstractItemView *view, QWidget *parent = nullptr);

    // Recounts now.
    void refresh();

private:
    void scheduleRefresh();

    QAbstractItemView *m_view;
    QTimer m_refreshTimer;
};
