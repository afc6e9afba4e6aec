#pragma once

#include <QPlainTextEdit>

// A job's log lines: read-only, selectable, keeping at most maxLines (the oldest
// go first). It follows the end as lines arrive; once the user scrolls up it
// stays on the lines they look at (even as the oldest lines are dropped) until
// they scroll back to the bottom, which makes it follow again. Long lines are
// cut the way JobQueue's log tail cuts them. GUI thread.
class JobLogView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit JobLogView(int maxLines, QWidget *parent = nullptr);

    // Replaces the text with these lines and follows the end.
    void setLines(const QStringList &lines);
    // Adds lines at the end (oldest first).
    void appendLines(const QStringList &lines);

    // True while new lines scroll the view to the end.
    bool isFollowingEnd() const { return m_following; }

private:
    void onScrolled(int value);
    void onRangeChanged(int minimum, int maximum);

    bool m_following = true;
    bool m_adjusting = false; // our own scrolling, not the user's
};
