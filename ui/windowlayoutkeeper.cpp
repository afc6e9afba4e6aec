#include "windowlayoutkeeper.h"

#include "appsettings.h"
#include "jobtable/jobtableview.h"

#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QMainWindow>
#include <QScreen>

#include <algorithm>

namespace {
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString headerKey = QStringLiteral("window/table-header");
} // namespace

WindowLayoutKeeper::WindowLayoutKeeper(QMainWindow *window, JobTableView *view,
                                       QDockWidget *details, AppSettings *settings)
    : QObject(window)
    , m_window(window)
    , m_view(view)
    , m_details(details)
    , m_settings(settings) {
    // A resize drag is one write, not hundreds.
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(saveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &WindowLayoutKeeper::save);
}

void WindowLayoutKeeper::restore() {
    m_window->restoreGeometry(m_settings->state(geometryKey));
    m_window->restoreState(m_settings->state(stateKey));
    m_view->restoreHeaderState(m_settings->state(headerKey));
    fitOnScreen();
    if (!std::exchange(m_following, true))
        follow();
}

void WindowLayoutKeeper::save() {
    m_saveTimer.stop();
    m_settings->setState(geometryKey, m_window->saveGeometry());
    m_settings->setState(stateKey, m_window->saveState());
    m_settings->setState(headerKey, m_view->saveHeaderState());
}

void WindowLayoutKeeper::follow() {
    const auto later = [this] { m_saveTimer.start(); };
    QHeaderView *header = m_view->horizontalHeader();
    connect(header, &QHeaderView::sectionResized, this, later);
    connect(header, &QHeaderView::sectionMoved, this, later);
    connect(header, &QHeaderView::sortIndicatorChanged, this, later);
    connect(header, &QHeaderView::sectionCountChanged, this, later);
    connect(m_view, &JobTableView::queueOrderChanged, this, later);
    connect(m_details, &QDockWidget::visibilityChanged, this, later);
    connect(m_details, &QDockWidget::dockLocationChanged, this, later);
    connect(m_details, &QDockWidget::topLevelChanged, this, later);
    m_window->installEventFilter(this);
}

bool WindowLayoutKeeper::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::Move))
        m_saveTimer.start();
    return QObject::eventFilter(watched, event);
}

void WindowLayoutKeeper::fitOnScreen() {
    const QScreen *screen = m_window->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize fitted = m_window->size().boundedTo(available.size());
    if (fitted != m_window->size())
        m_window->resize(fitted);
    QRect frame = m_window->frameGeometry();
    if (!available.contains(frame)) {
        frame.moveLeft(std::clamp(frame.left(), available.left(),
                                  std::max(available.left(), available.right() - frame.width())));
        frame.moveTop(std::clamp(frame.top(), available.top(),
                                 std::max(available.top(), available.bottom() - frame.height())));
        m_window->move(frame.topLeft());
    }
}
