#include "jobdetailsformat.h"
// JobDetailsPane: what it shows of one job, and its live log.
#include "humanformat.h"
#include "jobdetailspane.h"
#include "joblogview.h"
#include "joboverview.h"
#include "loggingjobkind.h"
#include "uitestfixture.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBlock>

namespace {

class DetailsPane : public UiTestFixture {
protected:
    DetailsPane() {
        kinds->add(std::make_shared<LoggingJobKind>());
        pane.resize(1000, 250);
        pane.show();
    }

    JobDetailsPane pane{&queue};

    JobId addLogger(int lines, int tickMs = 0, QVariantMap more = {}) {
        more.insert(QStringLiteral("lines"), lines);
        more.insert(QStringLiteral("tickMs"), tickMs);
        return add(QStringLiteral("log"), {}, more);
    }
    // The text of a value in the Overview (by its object name), or of the header's labels.
    QString textOf(const QString &name) const {
        if (auto *label = pane.findChild<QLabel *>(name))
            return label->text();
        if (auto *box = pane.findChild<QPlainTextEdit *>(name))
            return box->toPlainText();
        return QStringLiteral("<no %1>").arg(name);
    }
    bool shows(const QString &name) const {
        const QWidget *widget = pane.findChild<QWidget *>(name);
        return widget && widget->isVisibleTo(&pane);
    }
    QWidget *widget(const QString &name) const { return pane.findChild<QWidget *>(name); }
    QStringList logLines() const {
        const QString text = pane.logView()->toPlainText();
        return text.isEmpty() ? QStringList() : text.split(QLatin1Char('\n'));
    }
    // N of the last line when it is "tick N", else 0.
    int lastTick() const {
        const QStringList log = logLines();
        if (log.isEmpty() || !log.last().startsWith(QStringLiteral("tick ")))
            return 0;
        return log.last().mid(5).toInt();
    }
    QScrollBar *logBar() const { return pane.logView()->verticalScrollBar(); }
    QString topLogLine() const {
        return pane.logView()->cursorForPosition(QPoint(2, 2)).block().text();
    }
    // "line 1".."line lines" then "tick 1".."tick n": nothing missing, nothing twice.
    static bool isUnbroken(const QStringList &log, int lines) {
        for (int i = 0; i < log.size(); ++i) {
            const QString expected = i < lines ? QStringLiteral("line %1").arg(i + 1)
                                               : QStringLiteral("tick %1").arg(i - lines + 1);
            if (log[i] != expected) {
                ADD_FAILURE() << "at " << i << ": " << log[i].toStdString() << " instead of "
                              << expected.toStdString();
                return false;
            }
        }
        return true;
    }
};

} // namespace

TEST_F(DetailsPane, ShowsAHintWhileNoJobIsSelected) {
    EXPECT_EQ(pane.job(), JobId(0));
    EXPECT_TRUE(pane.hintLabel()->isVisible());
    EXPECT_FALSE(pane.hintLabel()->text().isEmpty());
    pane.setJob(4242); // not in the queue
    EXPECT_EQ(pane.job(), JobId(0));
    EXPECT_TRUE(pane.hintLabel()->isVisible());
}

TEST_F(DetailsPane, ShowsTheParametersResultAndTimingsOfAJob) {
    const QStringList paths{QStringLiteral("/photos/2023"), QStringLiteral("/photos/2024")};
    const QStringList skipped{QStringLiteral("a.raw: unsupported"), QStringLiteral("b.raw: empty")};
    const JobId id = addLogger(2, 0,
                               {{QStringLiteral("paths"), paths},
                                {QStringLiteral("base_dir"), QStringLiteral("/home/me")},
                                {QStringLiteral("env"), QVariantMap()},
                                {QStringLiteral("skipped"), skipped}});
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    pane.setJob(id);
    EXPECT_EQ(pane.job(), id);
    EXPECT_FALSE(pane.hintLabel()->isVisible());

    EXPECT_EQ(textOf(QStringLiteral("title")), QStringLiteral("Chatty"));
    EXPECT_TRUE(textOf(QStringLiteral("subtitle")).contains(QStringLiteral("Logging job")));
    EXPECT_EQ(textOf(QStringLiteral("kind")), QStringLiteral("Logging job"));
    EXPECT_EQ(textOf(QStringLiteral("state")), QStringLiteral("Done"));

    // Keys made readable, lists one item a line, the text selectable by keyboard too.
    EXPECT_EQ(widget(QStringLiteral("param:base_dir"))->accessibleName(),
              QStringLiteral("Base folder"));
    EXPECT_EQ(textOf(QStringLiteral("param:base_dir")), QStringLiteral("/home/me"));
    EXPECT_EQ(textOf(QStringLiteral("param:paths")), paths.join(QLatin1Char('\n')));
    EXPECT_TRUE(widget(QStringLiteral("param:paths"))->focusPolicy() & Qt::TabFocus);
    // An unset option is no row: no "Environment" with nothing beside it.
    EXPECT_EQ(pane.findChild<QWidget *>(QStringLiteral("param:env")), nullptr);

    // The result: summary, lists with their counts, sizes readable.
    EXPECT_EQ(textOf(QStringLiteral("summary")), QStringLiteral("2 lines logged"));
    EXPECT_EQ(widget(QStringLiteral("detail:skipped"))->accessibleName(),
              QStringLiteral("Skipped (2)"));
    EXPECT_EQ(textOf(QStringLiteral("detail:skipped")), skipped.join(QLatin1Char('\n')));
    EXPECT_EQ(textOf(QStringLiteral("detail:bytes")), HumanFormat::bytes(1536));

    // Timings of a finished run.
    EXPECT_TRUE(shows(QStringLiteral("added")));
    EXPECT_TRUE(shows(QStringLiteral("started")));
    EXPECT_TRUE(shows(QStringLiteral("finished")));
    EXPECT_TRUE(shows(QStringLiteral("duration")));
    EXPECT_FALSE(shows(QStringLiteral("error")));
    EXPECT_FALSE(shows(QStringLiteral("waitReason")));
}

TEST_F(DetailsPane, ShowsALongListInAScrollingBoxWithEveryItem) {
    QStringList paths;
    for (int i = 0; i < 40; ++i)
        paths.append(QStringLiteral("/data/file%1").arg(i));
    const JobId id = addLogger(0, 0, {{QStringLiteral("paths"), paths}});
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    pane.setJob(id);
    auto *box = qobject_cast<QPlainTextEdit *>(widget(QStringLiteral("param:paths")));
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->isReadOnly());
    EXPECT_EQ(box->toPlainText(), paths.join(QLatin1Char('\n')));
    EXPECT_EQ(box->accessibleName(), QStringLiteral("Paths"));
}

TEST_F(DetailsPane, ShowsWhyAJobWaitsForAnother) {
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("First"));
    JobSpec second;
    second.kind = QStringLiteral("spin");
    second.title = QStringLiteral("Second");
    second.after = {first};
    const JobId waiting = add(second);
    ASSERT_TRUE(waitForState(waiting, JobState::Waiting));
    pane.setJob(waiting);

    const QString reason = queue.job(waiting)->waitReason;
    ASSERT_FALSE(reason.isEmpty());
    EXPECT_TRUE(reason.contains(QString::number(first)));
    EXPECT_TRUE(shows(QStringLiteral("waitReason")));
    EXPECT_EQ(textOf(QStringLiteral("waitReason")), reason);
    EXPECT_TRUE(textOf(QStringLiteral("subtitle")).contains(reason));
    EXPECT_EQ(textOf(QStringLiteral("after")), QStringLiteral("job %1").arg(first));

    // Once the first job is canceled, the pane follows the second's new state.
    queue.cancel(first);
    ASSERT_TRUE(waitForState(waiting, JobState::Canceled));
    EXPECT_TRUE(waitUntil([&] { return !shows(QStringLiteral("waitReason")); }));
    EXPECT_TRUE(waitUntil([&] { return shows(QStringLiteral("error")); }));
}

TEST_F(DetailsPane, ShowsTheErrorOfAJobThatFailsWhileShown) {
    const QString message = QStringLiteral("cannot read /mnt/backup: permission denied");
    const JobId id = add(QStringLiteral("fail"), {}, {{QStringLiteral("message"), message}});
    pane.setJob(id); // before it has run
    ASSERT_TRUE(waitForState(id, JobState::Failed));
    ASSERT_TRUE(waitUntil([&] { return shows(QStringLiteral("error")); }));
    EXPECT_EQ(pane.errorLabel()->text(), message);
    EXPECT_EQ(textOf(QStringLiteral("state")), QStringLiteral("Failed"));
    // The id first, as the shell names the job.
    EXPECT_TRUE(
        textOf(QStringLiteral("subtitle")).startsWith(QStringLiteral("Job %1 · Failed").arg(id)))
        << textOf(QStringLiteral("subtitle")).toStdString();
    EXPECT_EQ(textOf(QStringLiteral("progress")), QStringLiteral("30% · 3 / 10 files"));
}

TEST_F(DetailsPane, ShowsLogLinesAsTheyArriveAndOnlyThoseOfItsJob) {
    pane.tabs()->setCurrentWidget(pane.logView());
    const JobId id = addLogger(3, 5);
    const JobId other = addLogger(2, 5);
    pane.setJob(id);
    ASSERT_TRUE(waitUntil([&] { return logLines().contains(QStringLiteral("tick 5")); }));
    EXPECT_TRUE(isUnbroken(logLines(), 3));
    EXPECT_FALSE(queue.logTail(other).isEmpty());
    queue.cancel(id);
    queue.cancel(other);
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    EXPECT_EQ(logLines(), queue.logTail(id));
}

TEST_F(DetailsPane, ShowsEarlierLinesWhenPointedAtAJobLaterThenLiveOnes) {
    const JobId finished = addLogger(50);
    ASSERT_TRUE(waitForState(finished, JobState::Succeeded));
    pane.setJob(finished);
    EXPECT_EQ(logLines().size(), 50);
    EXPECT_TRUE(isUnbroken(logLines(), 50));

    // A job already talking: what it said so far, then what it says next,
    // without a line lost or repeated at the seam.
    const JobId running = addLogger(20, 5);
    ASSERT_TRUE(waitUntil([&] { return queue.logTail(running).size() > 23; }));
    pane.setJob(running);
    EXPECT_EQ(logLines(), queue.logTail(running));
    const int seen = int(logLines().size());
    ASSERT_TRUE(waitUntil([&] { return logLines().size() > seen + 5; }));
    EXPECT_TRUE(isUnbroken(logLines(), 20));
    queue.cancel(running);
}

TEST_F(DetailsPane, LogFollowsTheEndUnlessTheUserScrolledUp) {
    pane.tabs()->setCurrentWidget(pane.logView());
    const int burst = JobQueue::logTailLines - 10;
    const JobId id = addLogger(burst, 5);
    pane.setJob(id);
    ASSERT_TRUE(waitUntil([&] { return logLines().size() > burst + 2; }));
    QScrollBar *bar = logBar();
    ASSERT_GT(bar->maximum(), 0);
    EXPECT_TRUE(pane.logView()->isFollowingEnd());
    EXPECT_EQ(bar->value(), bar->maximum());

    // The user scrolls up to the 501st line shown (on a loaded machine the oldest
    // lines may already have been dropped): it stays in view while lines arrive,
    // even as the oldest lines are dropped.
    const QString readLine = logLines().at(500);
    bar->setValue(500);
    EXPECT_FALSE(pane.logView()->isFollowingEnd());
    ASSERT_EQ(topLogLine(), readLine);
    ASSERT_TRUE(waitUntil([&] {
        return logLines().size() == JobQueue::logTailLines &&
               logLines().first() != QStringLiteral("line 1") && lastTick() >= 40;
    }));
    EXPECT_EQ(topLogLine(), readLine);
    EXPECT_LT(bar->value(), 500);
    EXPECT_LT(bar->value(), bar->maximum());

    // Back at the bottom, it follows again.
    bar->triggerAction(QAbstractSlider::SliderToMaximum);
    EXPECT_TRUE(pane.logView()->isFollowingEnd());
    const int tick = lastTick();
    ASSERT_TRUE(waitUntil([&] { return lastTick() >= tick + 20; }));
    EXPECT_EQ(bar->value(), bar->maximum());
    EXPECT_EQ(logLines().size(), JobQueue::logTailLines);
    queue.cancel(id);
}

TEST_F(DetailsPane, GoesBackToTheHintWhenItsJobIsRemoved) {
    const JobId id = addLogger(5);
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    pane.setJob(id);
    ASSERT_EQ(logLines().size(), 5);
    ASSERT_TRUE(queue.remove(id).ok());
    EXPECT_EQ(pane.job(), JobId(0));
    EXPECT_TRUE(pane.hintLabel()->isVisible());
    EXPECT_TRUE(logLines().isEmpty());

    // Removing another job leaves a shown job alone.
    const JobId shown = addLogger(1);
    const JobId other = addLogger(1);
    ASSERT_TRUE(waitForState(other, JobState::Succeeded));
    pane.setJob(shown);
    ASSERT_TRUE(queue.remove(other).ok());
    EXPECT_EQ(pane.job(), shown);
    EXPECT_FALSE(pane.hintLabel()->isVisible());
}

// The pane showed "Max height 0", "Grace seconds" and "Pid 4,018", sorted by
// name so that Program came after Arguments.
TEST(JobDetailsFormatTest, ParametersReadAsWordsInTheOrderAPersonReadsThem) {
    const QVariantMap command{{QStringLiteral("arguments"), QStringList{QStringLiteral("-v")}},
                              {QStringLiteral("cwd"), QStringLiteral("/home/me")},
                              {QStringLiteral("grace_seconds"), 10},
                              {QStringLiteral("program"), QStringLiteral("rsync")},
                              {QStringLiteral("zz_unknown"), 1},
                              {QStringLiteral("a_unknown"), 2}};
    EXPECT_EQ(JobDetailsFormat::orderedKeys(command),
              (QStringList{QStringLiteral("program"), QStringLiteral("arguments"),
                           QStringLiteral("cwd"), QStringLiteral("grace_seconds"),
                           QStringLiteral("a_unknown"), QStringLiteral("zz_unknown")}));
    EXPECT_EQ(JobDetailsFormat::keyLabel(QStringLiteral("cwd")), QStringLiteral("Working folder"));
    EXPECT_EQ(JobDetailsFormat::keyLabel(QStringLiteral("pid")), QStringLiteral("Process ID"));
    EXPECT_EQ(JobDetailsFormat::keyLabel(QStringLiteral("skipped_count")),
              QStringLiteral("Skipped count"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("grace_seconds"), 10),
              QStringLiteral("10s"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("grace_seconds"), 5.0),
              QStringLiteral("5s"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("pid"), qint64(4018)),
              QStringLiteral("4018"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("lines"), qint64(4018)),
              QStringLiteral("4,018"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("max_height"), 0),
              QStringLiteral("Not limited"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("max_width"), 1920),
              QStringLiteral("1,920"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("on_conflict"), QStringLiteral("rename")),
              QStringLiteral("Keep both, the copy renamed"));
    const QVariantMap copy{{QStringLiteral("verify"), true},
                           {QStringLiteral("destination"), QStringLiteral("/mnt/b")},
                           {QStringLiteral("sources"), QStringList{QStringLiteral("/a")}}};
    EXPECT_EQ(JobDetailsFormat::orderedKeys(copy),
              (QStringList{QStringLiteral("sources"), QStringLiteral("destination"),
                           QStringLiteral("verify")}));
}
