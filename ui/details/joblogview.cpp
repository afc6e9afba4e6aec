#include "details/joblogview.h"

#include "engine/joblogstore.h"

#include <QFontDatabase>
#include <QScrollBar>

JobLogView::JobLogView(int maxLines, QWidget *parent)
    : QPlainTextEdit(parent) {
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setMaximumBlockCount(maxLines);
    // One line a row keeps scrolling by line exact: the scroll bar counts lines.
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setAccessibleName(tr("Job log"));
    setPlaceholderText(tr("This job has not logged anything."));
    QScrollBar *bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &JobLogView::onScrolled);
    connect(bar, &QScrollBar::rangeChanged, this, &JobLogView::onRangeChanged);
}

void JobLogView::setLines(const QStringList &lines) {
    m_adjusting = true;
    clear();
    m_adjusting = false;
    m_following = true;
    appendLines(lines);
}

void JobLogView::appendLines(const QStringList &lines) {
    if (lines.isEmpty())
        return;
    // Only the newest lines would survive the block limit anyway.
    const qsizetype first = qMax<qsizetype>(0, lines.size() - maximumBlockCount());
    QStringList kept;
    kept.reserve(lines.size() - first);
    for (qsizetype i = first; i < lines.size(); ++i)
        kept.append(JobLogStore::clip(lines.at(i)));

    QScrollBar *bar = verticalScrollBar();
    const int before = document()->isEmpty() ? 0 : blockCount();
    const int top = bar->value();
    m_adjusting = true;
    appendPlainText(kept.join(QLatin1Char('\n')));
    if (m_following) {
        bar->setValue(bar->maximum());
    } else {
        // The block limit dropped lines above the view: move up by as many, so
        // the lines the user reads stay in place.
        const int dropped = before + int(kept.size()) - blockCount();
        bar->setValue(qMax(0, top - dropped));
    }
    m_adjusting = false;
}

void JobLogView::onScrolled(int value) {
    if (!m_adjusting)
        m_following = value >= verticalScrollBar()->maximum();
}

void JobLogView::onRangeChanged(int, int maximum) {
    // A resize or new lines moved the end away: keep up with it if following.
    if (m_following && !m_adjusting) {
        m_adjusting = true;
        verticalScrollBar()->setValue(maximum);
        m_adjusting = false;
    }
}
