#include "details/jobdetailspane.h"

#include "store/queuepersister.h"

#include "details/joblogview.h"
#include "details/joboverview.h"
#include "icons.h"
#include "job/jobkindregistry.h"
#include "jobtable/jobtablemodel.h"

#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextDocument>
#include <QVBoxLayout>

namespace {

constexpr int iconSize = 20;
// The running time in the Overview counts seconds.
constexpr int clockIntervalMs = 1000;

bool showsError(JobState state) {
    return state == JobState::Failed || state == JobState::Canceled ||
           state == JobState::Interrupted;
}

} // namespace

JobDetailsPane::JobDetailsPane(JobQueue *queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue) {
    setAccessibleName(tr("Job details"));

    m_hint = new QLabel(tr("Select a job to see its details and log."));
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false); // drawn greyed, like a placeholder

    auto *page = new QWidget;
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    createHeader(pageLayout);

    m_overview = new JobOverview;
    connect(m_overview, &JobOverview::refused, this, &JobDetailsPane::refused);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_overview);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Job overview"));
    m_log = new JobLogView(JobQueue::logTailLines);
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scroll, tr("&Overview"));
    m_tabs->addTab(m_log, tr("&Log"));
    m_tabs->setAccessibleName(tr("Job details tabs"));
    pageLayout->addWidget(m_tabs, 1);

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_hint);
    m_stack->addWidget(page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &JobDetailsPane::refresh);
    m_clockTimer.setInterval(clockIntervalMs);
    m_clockTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_clockTimer, &QTimer::timeout, this, [this] { scheduleRefresh(0); });

    // Every queue signal costs other jobs an id compare, no more.
    connect(queue, &JobQueue::jobStateChanged, this, [this](JobId id, JobState) {
        if (id == m_id)
            scheduleRefresh(0);
    });
    connect(queue, &JobQueue::jobsProgressed, this, [this](const QList<JobId> &ids) {
        if (m_id != 0 && ids.contains(m_id))
            scheduleRefresh(refreshIntervalMs);
    });
    connect(queue, &JobQueue::jobsEdited, this, [this](const QList<JobId> &ids) {
        if (m_id != 0 && ids.contains(m_id))
            scheduleRefresh(0);
    });
    connect(queue, &JobQueue::jobLogged, this, [this](JobId id, const QStringList &lines) {
        if (id == m_id)
            m_log->appendLines(lines);
    });
    connect(queue, &JobQueue::jobsRemoved, this, [this](const QList<JobId> &ids) {
        if (m_id != 0 && ids.contains(m_id))
            showHint();
    });
    // Priorities change through orderChanged.
    connect(queue, &JobQueue::orderChanged, this, [this] {
        if (m_id != 0)
            scheduleRefresh(refreshIntervalMs);
    });

    showHint();
}

void JobDetailsPane::createHeader(QVBoxLayout *pageLayout) {
    m_icon = new QLabel;
    m_icon->setFixedSize(iconSize, iconSize);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_title->setAccessibleName(tr("Job title"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_subtitle = new QLabel;
    m_subtitle->setObjectName(QStringLiteral("subtitle"));
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setAccessibleName(tr("Job state"));
    // "Job 18 · ...": the id can be selected and copied, for the shell.
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    // The error is what a person acts on: bold, in the error colour, selectable.
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setAccessibleName(tr("Job error"));
    m_error->setFont(bold);

    auto *header = new QGridLayout;
    header->setContentsMargins(6, 4, 6, 0);
    header->addWidget(m_icon, 0, 0);
    header->addWidget(m_title, 0, 1);
    header->addWidget(m_subtitle, 0, 2);
    header->setColumnStretch(2, 1);
    header->addWidget(m_error, 1, 1, 1, 2);
    pageLayout->addLayout(header);
}

void JobDetailsPane::setJob(JobId id) {
    if (id == m_id)
        return;
    if (id == 0 || !m_queue->job(id)) {
        showHint();
        return;
    }
    m_id = id;
    m_shownState.reset();
    m_stack->setCurrentIndex(1);
    // The lines kept so far, then jobLogged adds the new ones: nothing is
    // missed or repeated, as the queue keeps a batch before announcing it.
    const QStringList tail = m_queue->logTail(id);
    m_log->setLines(tail);
    if (tail.isEmpty() && m_persister) {
        // A job from an earlier session: its lines are in the store's file.
        m_persister->readLog(id, JobQueue::logTailLines, this,
                             [this, id](const QStringList &lines) {
                                 if (m_id == id && m_log->document()->isEmpty())
                                     m_log->setLines(lines);
                             });
    }
    refresh();
}

void JobDetailsPane::scheduleRefresh(int delayMs) {
    if (m_refreshTimer.isActive() && m_refreshTimer.remainingTime() <= delayMs)
        return;
    m_refreshTimer.start(delayMs);
}

void JobDetailsPane::refresh() {
    m_refreshTimer.stop();
    const std::optional<JobSnapshot> job = m_queue->job(m_id);
    if (!job) {
        showHint();
        return;
    }
    const JobKind *kind = m_queue->kinds().find(job->spec.kind);
    const QString kindName = kind ? kind->displayName() : job->spec.kind;
    const bool stateChanged = m_shownState != job->state;

    m_title->setText(job->spec.title);
    QString subtitle =
        tr("Job %1 · %2 · %3")
            .arg(QString::number(job->id), JobTableModel::stateText(job->state), kindName);
    if (!job->waitReason.isEmpty())
        subtitle = tr("%1 · %2").arg(subtitle, job->waitReason);
    m_subtitle->setText(subtitle);
    if (stateChanged) {
        m_icon->setPixmap(Icons::state(job->state).pixmap(iconSize, iconSize));
        m_icon->setToolTip(JobTableModel::stateText(job->state));
        const bool error = showsError(job->state) && !job->result.error.isEmpty();
        m_error->setText(error ? job->result.error : QString());
        m_error->setVisible(error);
        // A cancel is the user's own doing: said plainly, not in alarm colours.
        QPalette palette = this->palette();
        if (job->state != JobState::Canceled) {
            const bool dark = palette.color(QPalette::Window).lightness() < 128;
            palette.setColor(QPalette::WindowText,
                             dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb3, 0x26, 0x1e));
        }
        m_error->setPalette(palette);
    }
    m_overview->showJob(*job, kindName, kind ? kind->fields() : QList<JobField>{}, stateChanged);
    m_shownState = job->state;

    const bool ticking = job->started && !isFinished(job->state);
    if (ticking && !m_clockTimer.isActive())
        m_clockTimer.start();
    else if (!ticking)
        m_clockTimer.stop();
}

void JobDetailsPane::showHint() {
    m_id = 0;
    m_shownState.reset();
    m_refreshTimer.stop();
    m_clockTimer.stop();
    m_log->setLines({});
    m_stack->setCurrentIndex(0);
}
