#include "details/joboverview.h"

#include "job/humanformat.h"

#include "details/jobdetailsformat.h"
#include "filemanagerlauncher.h"
#include "jobtable/jobtablemodel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace {

// Up to this many lines a value is a label; more go in a scrolling box.
constexpr int maxLabelLines = 4;
// How many lines tall such a box is.
constexpr int boxLines = 5;

constexpr Qt::TextInteractionFlags selectable =
    Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard;

constexpr Qt::TextInteractionFlags selectableLinks =
    selectable | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard;

// Paths as links, one a line: the text is the path as the job names it
// (escaped: a path may hold <, & or quotes), the target its absolute file: URL.
// Spaces are kept as they are.
QString pathLinks(const QStringList &paths, const QString &baseDir, int maxItems) {
    QStringList lines;
    for (const QString &path : paths.mid(0, maxItems)) {
        const QUrl url = QUrl::fromLocalFile(JobDetailsFormat::absolutePath(path, baseDir));
        lines.append(
            QStringLiteral("<a href=\"%1\">%2</a>")
                .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), path.toHtmlEscaped()));
    }
    if (paths.size() > maxItems)
        lines.append(JobDetailsFormat::capped(paths, maxItems).constLast().toHtmlEscaped());
    return QStringLiteral("<div style=\"white-space: pre-wrap\">%1</div>")
        .arg(lines.join(QStringLiteral("<br>")));
}

QLabel *valueLabel(const QString &text = {}) {
    auto *label = new QLabel(text);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(selectable);
    label->setWordWrap(true);
    // Tab reaches every value, so its text can be selected and copied without a mouse.
    label->setFocusPolicy(Qt::StrongFocus);
    return label;
}

// QGridLayout rather than QFormLayout: Qt 6.4's QFormLayout corrupts the heap
// in heightForWidth() once rows with word-wrapped labels are hidden.
QWidget *column(const QString &heading, QGridLayout *grid, QWidget *parent) {
    auto *widget = new QWidget(parent);
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(heading, widget);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);
    layout->addStretch(1);
    return widget;
}

// Adds "label: value" below the grid's rows; returns the label.
QLabel *addGridRow(QGridLayout *grid, const QString &label, QWidget *value) {
    const int row = grid->count() / 2; // rows are rebuilt from empty, two cells each
    auto *name = new QLabel(label);
    name->setBuddy(value);
    grid->addWidget(name, row, 0, Qt::AlignLeft | Qt::AlignTop);
    grid->addWidget(value, row, 1);
    return name;
}

void clear(QGridLayout *grid) {
    while (QLayoutItem *item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

QString progressText(const JobSnapshot &job) {
    if (job.total < 0 && job.done == 0)
        return {};
    QStringList parts;
    if (const QString percent = HumanFormat::percent(job.fraction()); !percent.isEmpty())
        parts.append(percent);
    if (const QString count = HumanFormat::doneOfTotal(job.done, job.total, job.unit);
        !count.isEmpty())
        parts.append(count);
    if (const QString speed = HumanFormat::speed(job.speed, job.unit);
        job.state == JobState::Running && job.speed > 0 && !speed.isEmpty())
        parts.append(speed);
    if (job.state == JobState::Running && job.etaSeconds >= 0)
        parts.append(JobOverview::tr("%1 left").arg(HumanFormat::duration(job.etaSeconds)));
    return parts.join(JobOverview::tr(" · "));
}

} // namespace

JobOverview::JobOverview(QWidget *parent)
    : QWidget(parent) {
    m_jobGrid = new QGridLayout;
    m_paramsGrid = new QGridLayout;
    m_resultGrid = new QGridLayout;
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(column(tr("Job"), m_jobGrid, this), 2);
    m_paramsColumn = column(tr("Parameters"), m_paramsGrid, this);
    layout->addWidget(m_paramsColumn, 3);
    m_resultColumn = column(tr("Result"), m_resultGrid, this);
    layout->addWidget(m_resultColumn, 3);

    m_kind = addRow(tr("Kind"), QStringLiteral("kind"));
    m_state = addRow(tr("State"), QStringLiteral("state"));
    m_waiting = addRow(tr("Waiting"), QStringLiteral("waitReason"));
    m_status = addRow(tr("Status"), QStringLiteral("status"));
    m_progress = addRow(tr("Progress"), QStringLiteral("progress"));
    m_priority = addRow(tr("Priority"), QStringLiteral("priority"));
    m_group = addRow(tr("Group"), QStringLiteral("group"));
    m_after = addRow(tr("Starts after"), QStringLiteral("after"));
    m_notBefore = addRow(tr("Starts at"), QStringLiteral("notBefore"));
    m_added = addRow(tr("Added"), QStringLiteral("added"));
    m_started = addRow(tr("Started"), QStringLiteral("started"));
    m_finished = addRow(tr("Finished"), QStringLiteral("finished"));
    m_duration = addRow(tr("Duration"), QStringLiteral("duration"));

    m_fileManager = new FileManagerLauncher(this);
    connect(m_fileManager, &FileManagerLauncher::refused, this, &JobOverview::refused);
}

QLabel *JobOverview::addRow(const QString &label, const QString &objectName) {
    QLabel *value = valueLabel();
    value->setObjectName(objectName);
    value->setAccessibleName(label);
    m_labels.insert(value, addGridRow(m_jobGrid, label, value));
    return value;
}

void JobOverview::setRow(QLabel *value, const QString &text) {
    value->setText(text);
    const bool visible = !text.isEmpty();
    value->setVisible(visible);
    m_labels.value(value)->setVisible(visible);
}

void JobOverview::showJob(const JobSnapshot &job, const QString &kindName,
                          const QList<JobField> &fields, bool full) {
    updateJobColumn(job, kindName);
    if (full) {
        rebuildParameters(job, fields);
        rebuildResult(job, fields);
    }
}

void JobOverview::updateJobColumn(const JobSnapshot &job, const QString &kindName) {
    setRow(m_kind, kindName);
    setRow(m_state, JobTableModel::stateText(job.state));
    setRow(m_waiting, job.waitReason); // a Waiting or Queued job's reason, else empty
    setRow(m_status, job.status);
    setRow(m_progress, progressText(job));
    setRow(m_priority, job.spec.priority == JobPriority::Normal
                           ? QString()
                           : JobTableModel::priorityText(job.spec.priority));
    setRow(m_group, job.spec.group);
    QStringList after;
    for (JobId id : job.spec.after)
        after.append(tr("job %1").arg(id));
    setRow(m_after, after.join(tr(", ")));
    setRow(m_notBefore, JobDetailsFormat::dateTime(job.spec.notBefore));
    setRow(m_added, JobDetailsFormat::dateTime(job.addedAt));
    setRow(m_started, JobDetailsFormat::dateTime(job.startedAt));
    setRow(m_finished, JobDetailsFormat::dateTime(job.finishedAt));

    // A running or paused run counts up to now; a finished one shows what it took.
    QString duration;
    QString durationLabel = tr("Took");
    if (job.startedAt.isValid() && job.finishedAt.isValid() && job.finishedAt >= job.startedAt) {
        duration = JobDetailsFormat::span(job.startedAt, job.finishedAt);
    } else if (job.started) {
        duration = JobDetailsFormat::span(job.startedAt, QDateTime::currentDateTimeUtc());
        durationLabel = tr("Elapsed");
    }
    m_labels.value(m_duration)->setText(durationLabel);
    m_duration->setAccessibleName(durationLabel);
    setRow(m_duration, duration);
}

void JobOverview::addValueRow(QGridLayout *grid, const QString &label, const QString &objectName,
                              const QStringList &lines) {
    QWidget *value = nullptr;
    if (lines.size() <= maxLabelLines) {
        value = valueLabel(lines.join(QLatin1Char('\n')));
    } else {
        auto *box = new QPlainTextEdit;
        box->setReadOnly(true);
        box->setLineWrapMode(QPlainTextEdit::NoWrap);
        box->setTextInteractionFlags(selectable);
        box->setPlainText(JobDetailsFormat::capped(lines, maxShownItems).join(QLatin1Char('\n')));
        const QFontMetrics metrics(box->font());
        box->setFixedHeight(metrics.lineSpacing() * boxLines + 2 * box->frameWidth() + 8);
        value = box;
    }
    value->setObjectName(objectName);
    value->setAccessibleName(label);
    addGridRow(grid, label, value);
}

void JobOverview::addPathRow(QGridLayout *grid, const QString &label, const QString &objectName,
                             const QStringList &paths, const QString &baseDir) {
    QWidget *value = nullptr;
    if (paths.size() <= maxLabelLines) {
        QLabel *links = valueLabel();
        links->setTextFormat(Qt::RichText);
        links->setTextInteractionFlags(selectableLinks);
        links->setText(pathLinks(paths, baseDir, maxLabelLines));
        connect(links, &QLabel::linkActivated, this,
                [this](const QString &link) { openLink(QUrl(link)); });
        value = links;
    } else {
        auto *box = new QTextBrowser;
        box->setOpenLinks(false);
        box->setLineWrapMode(QTextEdit::NoWrap);
        box->setTextInteractionFlags(selectableLinks);
        box->setHtml(pathLinks(paths, baseDir, maxShownItems));
        const QFontMetrics metrics(box->font());
        box->setFixedHeight(metrics.lineSpacing() * boxLines + 2 * box->frameWidth() + 8);
        connect(box, &QTextBrowser::anchorClicked, this, &JobOverview::openLink);
        value = box;
    }
    value->setObjectName(objectName);
    value->setAccessibleName(label);
    value->setToolTip(tr("Click a folder to open it, or a file to open the folder it is in"));
    addGridRow(grid, label, value);
}

void JobOverview::openLink(const QUrl &url) {
    if (url.isLocalFile())
        m_fileManager->openFolder(url.toLocalFile());
}

void JobOverview::rebuildParameters(const JobSnapshot &job, const QList<JobField> &fields) {
    clear(m_paramsGrid);
    const QVariantMap &params = job.spec.params;
    for (const QString &key : JobDetailsFormat::orderedKeys(params, fields)) {
        const QVariant value = params.value(key);
        const std::optional<QStringList> items = JobDetailsFormat::listItems(value);
        const QString text = JobDetailsFormat::valueText(key, value, fields);
        if (text.isEmpty())
            continue; // an unset option (no environment, no log file) is no parameter
        if (JobDetailsFormat::isPathParameter(key, value, fields)) {
            addPathRow(m_paramsGrid, JobDetailsFormat::keyLabel(key, fields),
                       QStringLiteral("param:") + key, items ? *items : QStringList{text},
                       params.value(QStringLiteral("base_dir")).toString());
            continue;
        }
        addValueRow(m_paramsGrid, JobDetailsFormat::keyLabel(key, fields),
                    QStringLiteral("param:") + key, items ? *items : text.split(QLatin1Char('\n')));
    }
    m_paramsColumn->setVisible(!params.isEmpty());
}

void JobOverview::rebuildResult(const JobSnapshot &job, const QList<JobField> &fields) {
    clear(m_resultGrid);
    const JobResult &result = job.result;
    if (!result.summary.isEmpty())
        addValueRow(m_resultGrid, tr("Summary"), QStringLiteral("summary"), {result.summary});
    const QLocale locale;
    for (const QString &name : JobDetailsFormat::orderedKeys(result.details, fields)) {
        const QVariant value = result.details.value(name);
        const QString key = JobDetailsFormat::keyLabel(name, fields);
        const QString objectName = QStringLiteral("detail:") + name;
        if (const std::optional<QStringList> items = JobDetailsFormat::listItems(value)) {
            // Lists (mismatched, missing, skipped files) with their counts.
            const QString label = tr("%1 (%2)").arg(key, locale.toString(items->size()));
            addValueRow(m_resultGrid, label, objectName,
                        items->isEmpty() ? QStringList{tr("None")} : *items);
        } else {
            addValueRow(m_resultGrid, key, objectName,
                        JobDetailsFormat::valueText(name, value, fields).split(QLatin1Char('\n')));
        }
    }
    m_resultColumn->setVisible(m_resultGrid->count() > 0);
}
