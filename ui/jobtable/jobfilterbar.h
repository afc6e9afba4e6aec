#pragma once

#include "jobtable/jobfilterproxymodel.h"

#include <QTimer>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QLineEdit;

// The bar above the job table: state filter buttons All / Active / Queued /
// Done / Failed (checkable, exclusive, each with its count) and a search field
// ("Search jobs", with a clear button). Drives a JobFilterProxyModel (for the
// table, JobTableView::proxy()) and follows it when the filter changes elsewhere.
//
// Keyboard: Tab reaches the buttons and the field; Escape in the field clears
// it; focusSearch() (the window binds Ctrl+F to it) focuses and selects the
// field. Counts follow the model at most a few times a second.
//
// Ownership: the proxy is not owned and must outlive the bar, or be replaced
// first. GUI thread.
class JobFilterBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int countRefreshMs = 250;

    explicit JobFilterBar(QWidget *parent = nullptr);

    void setProxy(JobFilterProxyModel *proxy);
    JobFilterProxyModel *proxy() const { return m_proxy; }

    // Focuses the search field and selects its text.
    void focusSearch();

    QLineEdit *searchField() const { return m_search; }
    QAbstractButton *button(JobFilterProxyModel::StateFilter filter) const;

private:
    void showFilter(JobFilterProxyModel::StateFilter filter);
    void scheduleCounts();
    void updateCounts();
    bool eventFilter(QObject *watched, QEvent *event) override;

    JobFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QButtonGroup *m_buttons = nullptr;
    QTimer m_countTimer;
    QList<QMetaObject::Connection> m_connections;
};
