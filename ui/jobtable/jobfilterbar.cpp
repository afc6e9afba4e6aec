#include "jobtable/jobfilterbar.h"

#include "jobtable/jobtablemodel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QToolButton>

namespace {

using StateFilter = JobFilterProxyModel::StateFilter;

} // namespace

JobFilterBar::JobFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_buttons(new QButtonGroup(this)) {
    setAccessibleName(tr("Job filter"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);

    m_buttons->setExclusive(true);
    for (int f = 0; f < JobFilterProxyModel::stateFilterCount; ++f) {
        const auto filter = StateFilter(f);
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("StateFilter%1").arg(f));
        button->setText(JobFilterProxyModel::stateFilterText(filter));
        button->setAccessibleName(
            tr("Show %1 jobs").arg(JobFilterProxyModel::stateFilterText(filter).toLower()));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::StrongFocus);
        button->setChecked(filter == StateFilter::All);
        m_buttons->addButton(button, f);
        layout->addWidget(button);
    }
    button(StateFilter::Active)->setToolTip(tr("Running and paused jobs"));
    button(StateFilter::Queued)->setToolTip(tr("Jobs waiting for their turn or for a condition"));
    button(StateFilter::Done)->setToolTip(tr("Jobs that succeeded"));
    button(StateFilter::Failed)->setToolTip(tr("Failed, canceled and interrupted jobs"));
    connect(m_buttons, &QButtonGroup::idClicked, this, [this](int id) {
        if (m_proxy)
            m_proxy->setStateFilter(StateFilter(id));
    });

    layout->addStretch(1);
    m_search->setObjectName(QStringLiteral("JobSearch"));
    m_search->setPlaceholderText(tr("Search jobs"));
    m_search->setAccessibleName(tr("Search jobs"));
    m_search->setToolTip(tr("Show only jobs whose title, kind or paths contain this text"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(fontMetrics().averageCharWidth() * 28);
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_proxy)
            m_proxy->setSearchText(text);
    });
    layout->addWidget(m_search);

    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(countRefreshMs);
    connect(&m_countTimer, &QTimer::timeout, this, &JobFilterBar::updateCounts);
}

void JobFilterBar::setProxy(JobFilterProxyModel *proxy) {
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_proxy = proxy;
    if (!proxy)
        return;
    m_connections << connect(proxy, &JobFilterProxyModel::stateFilterChanged, this,
                             &JobFilterBar::showFilter);
    m_connections << connect(proxy, &JobFilterProxyModel::searchTextChanged, this,
                             [this](const QString &text) {
                                 if (m_search->text().trimmed() != text)
                                     m_search->setText(text);
                             });
    // Counts come from the job model (all jobs, whatever the search), which only
    // reports changes through these; a burst of them costs one refresh.
    if (JobTableModel *model = proxy->jobModel()) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            m_connections << connect(model, signal, this, &JobFilterBar::scheduleCounts);
        m_connections << connect(model, &QAbstractItemModel::dataChanged, this,
                                 &JobFilterBar::scheduleCounts);
        m_connections << connect(model, &QAbstractItemModel::modelReset, this,
                                 &JobFilterBar::scheduleCounts);
    }
    m_search->setText(proxy->searchText());
    showFilter(proxy->stateFilter());
    updateCounts();
}

QAbstractButton *JobFilterBar::button(StateFilter filter) const {
    return m_buttons->button(int(filter));
}

void JobFilterBar::focusSearch() {
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void JobFilterBar::showFilter(StateFilter filter) {
    if (QAbstractButton *shown = button(filter))
        shown->setChecked(true);
}

void JobFilterBar::scheduleCounts() {
    if (!m_countTimer.isActive())
        m_countTimer.start();
}

void JobFilterBar::updateCounts() {
    for (int f = 0; f < JobFilterProxyModel::stateFilterCount; ++f) {
        const auto filter = StateFilter(f);
        const QString name = JobFilterProxyModel::stateFilterText(filter);
        button(filter)->setText(m_proxy ? tr("%1 (%2)").arg(name).arg(m_proxy->countFor(filter))
                                        : name);
    }
}

bool JobFilterBar::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_search && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
        m_search->clear();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}
