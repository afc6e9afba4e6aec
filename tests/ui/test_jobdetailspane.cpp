#include "details/jobdetailsformat.h"
// JobDetailsPane: what it shows of one job, and its live log.
#include "details/jobdetailspane.h"
#include "details/joblogview.h"
#include "details/joboverview.h"
#include "job/humanformat.h"
#include "kinds/builtinkinds.h"
#include "kinds/command/commandjobparams.h"
#include "kinds/copy/copyjobparams.h"
#include "kinds/hash/hashjobparams.h"
#include "kinds/images/imagesjobparams.h"
#include "loggingjobkind.h"
#include "openedurls.h"
#include "uitestfixture.h"

#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

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
    // The text of a value in the Overview (by its object name), or of the
    // header's labels, as a person reads it (a label of links: without markup).
    QString textOf(const QString &name) const {
        if (auto *label = pane.findChild<QLabel *>(name)) {
            if (label->textFormat() != Qt::RichText)
                return label->text();
            QTextDocument document;
            document.setHtml(label->text());
            return document.toPlainText();
        }
        if (auto *box = pane.findChild<QPlainTextEdit *>(name))
            return box->toPlainText();
        if (auto *box = pane.findChild<QTextBrowser *>(name))
            return box->toPlainText();
        return QStringLiteral("<no %1>").arg(name);
    }
    // The targets of the links in a rich text, in order, as Qt reads the markup.
    static QStringList linksIn(const QTextDocument &document) {
        QStringList links;
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat format = it.fragment().charFormat();
                if (format.isAnchor() && !format.anchorHref().isEmpty())
                    links.append(format.anchorHref());
            }
        }
        return links;
    }
    static QStringList linksIn(const QLabel *label) {
        QTextDocument document;
        document.setHtml(label->text());
        return linksIn(document);
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
    // Paths: a box of links.
    auto *box = qobject_cast<QTextBrowser *>(widget(QStringLiteral("param:paths")));
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->isReadOnly());
    EXPECT_EQ(box->toPlainText(), paths.join(QLatin1Char('\n')));
    EXPECT_EQ(box->accessibleName(), QStringLiteral("Paths"));
    EXPECT_EQ(linksIn(*box->document()).size(), paths.size());
}

TEST_F(DetailsPane, ShowsALongListOfTextsInAPlainScrollingBox) {
    QStringList skipped;
    for (int i = 0; i < 40; ++i)
        skipped.append(QStringLiteral("file%1.raw: unsupported").arg(i));
    const JobId id = addLogger(0, 0, {{QStringLiteral("skipped"), skipped}});
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    pane.setJob(id);
    auto *box = qobject_cast<QPlainTextEdit *>(widget(QStringLiteral("detail:skipped")));
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->isReadOnly());
    EXPECT_EQ(box->toPlainText(), skipped.join(QLatin1Char('\n')));
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

// Paths were plain text: to see a hash job's folder a person copied it into a
// file manager by hand.
TEST_F(DetailsPane, ShowsPathsAsLinksThatOpenTheirFolder) {
    QTemporaryDir temp;
    OpenedUrls opened;
    // Markup in a name must show as itself, never as markup.
    const QString folder = temp.filePath(QStringLiteral("a <b> & \"c\" #1"));
    ASSERT_TRUE(QDir().mkpath(folder));
    const QString manifest = temp.filePath(QStringLiteral("photos.sha256"));
    ASSERT_TRUE(QFile(manifest).open(QIODevice::WriteOnly));
    ASSERT_TRUE(QDir().mkpath(temp.filePath(QStringLiteral("relative"))));
    const QString gone = temp.filePath(QStringLiteral("gone"));
    const JobId id =
        addLogger(0, 0,
                  {{QStringLiteral("paths"), QStringList{folder, QStringLiteral("relative"), gone}},
                   {QStringLiteral("base_dir"), temp.path()},
                   {QStringLiteral("output"), manifest},
                   {QStringLiteral("on_conflict"), QStringLiteral("skip")}});
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    pane.setJob(id);

    auto *paths = qobject_cast<QLabel *>(widget(QStringLiteral("param:paths")));
    ASSERT_NE(paths, nullptr);
    EXPECT_EQ(paths->textFormat(), Qt::RichText);
    EXPECT_TRUE(paths->text().contains(folder.toHtmlEscaped()));
    EXPECT_FALSE(paths->text().contains(QStringLiteral("<b>")));
    // Still text to select and copy, as given; and links for mouse and keyboard.
    EXPECT_EQ(textOf(QStringLiteral("param:paths")),
              (QStringList{folder, QStringLiteral("relative"), gone}.join(QLatin1Char('\n'))));
    EXPECT_TRUE(paths->textInteractionFlags() & Qt::TextSelectableByMouse);
    EXPECT_TRUE(paths->textInteractionFlags() & Qt::TextSelectableByKeyboard);
    EXPECT_TRUE(paths->textInteractionFlags() & Qt::LinksAccessibleByKeyboard);
    const QStringList links = linksIn(paths);
    ASSERT_EQ(links.size(), 3);
    // A relative path resolves against the job's base folder.
    EXPECT_EQ(QUrl(links.at(1)), QUrl::fromLocalFile(temp.filePath(QStringLiteral("relative"))));

    // A folder opens itself.
    Q_EMIT paths->linkActivated(links.at(0));
    ASSERT_EQ(opened.urls.size(), 1);
    EXPECT_EQ(opened.urls.at(0), QUrl::fromLocalFile(folder));
    // A file opens the folder that holds it.
    auto *output = qobject_cast<QLabel *>(widget(QStringLiteral("param:output")));
    ASSERT_NE(output, nullptr);
    ASSERT_EQ(linksIn(output), QStringList{QUrl::fromLocalFile(manifest).toString()});
    Q_EMIT output->linkActivated(linksIn(output).at(0));
    ASSERT_EQ(opened.urls.size(), 2);
    EXPECT_EQ(opened.urls.at(1), QUrl::fromLocalFile(temp.path()));
    // A path that is gone says so rather than opening nothing in silence.
    QSignalSpy refused(&pane, &JobDetailsPane::refused);
    Q_EMIT paths->linkActivated(links.at(2));
    EXPECT_EQ(opened.urls.size(), 2);
    ASSERT_EQ(refused.size(), 1);
    EXPECT_TRUE(refused.at(0).at(0).toString().contains(gone));
    // Not a path: plain text.
    auto *policy = qobject_cast<QLabel *>(widget(QStringLiteral("param:on_conflict")));
    ASSERT_NE(policy, nullptr);
    EXPECT_EQ(policy->textFormat(), Qt::PlainText);
}

namespace {
// A built-in kind's own description of its fields (JobKind::fields()).
QList<JobField> fieldsOf(const char *kind) {
    static const auto kinds = BuiltinKinds::registry();
    return kinds->find(QLatin1String(kind))->fields();
}
} // namespace

TEST(JobDetailsFormatTest, KnowsWhichParametersArePaths) {
    const QList<JobField> copy = fieldsOf("copy");
    const QList<JobField> command = fieldsOf("command");
    EXPECT_TRUE(JobDetailsFormat::isPathParameter(QStringLiteral("sources"), QStringList(), copy));
    EXPECT_TRUE(
        JobDetailsFormat::isPathParameter(QStringLiteral("cwd"), QStringLiteral("/a"), command));
    EXPECT_TRUE(JobDetailsFormat::isPathParameter(QStringLiteral("log_file"),
                                                  QStringLiteral("/a.log"), command));
    // A hash job verifies a manifest; a copy verifies or not.
    EXPECT_TRUE(JobDetailsFormat::isPathParameter(QStringLiteral("verify"),
                                                  QStringLiteral("/a.sha256"), fieldsOf("hash")));
    EXPECT_FALSE(JobDetailsFormat::isPathParameter(QStringLiteral("verify"), true, copy));
    EXPECT_FALSE(JobDetailsFormat::isPathParameter(QStringLiteral("program"),
                                                   QStringLiteral("rsync"), command));
    // A kind that says nothing of a key: no link.
    EXPECT_FALSE(
        JobDetailsFormat::isPathParameter(QStringLiteral("cwd"), QStringLiteral("/a"), {}));
    EXPECT_EQ(JobDetailsFormat::absolutePath(QStringLiteral("b/../c"), QStringLiteral("/a")),
              QStringLiteral("/a/c"));
    EXPECT_EQ(JobDetailsFormat::absolutePath(QStringLiteral("/x/y"), QStringLiteral("/a")),
              QStringLiteral("/x/y"));
}

// The pane showed "Max height 0", "Grace seconds" and "Pid 4,018", sorted by
// name so that Program came after Arguments. Each kind now says how its keys read.
TEST(JobDetailsFormatTest, ParametersReadAsWordsInTheOrderAPersonReadsThem) {
    const QList<JobField> command = fieldsOf("command");
    const QList<JobField> images = fieldsOf("images");
    const QVariantMap params{{QStringLiteral("arguments"), QStringList{QStringLiteral("-v")}},
                             {QStringLiteral("cwd"), QStringLiteral("/home/me")},
                             {QStringLiteral("grace_seconds"), 10},
                             {QStringLiteral("program"), QStringLiteral("rsync")},
                             {QStringLiteral("zz_unknown"), 1},
                             {QStringLiteral("a_unknown"), 2}};
    EXPECT_EQ(JobDetailsFormat::orderedKeys(params, command),
              (QStringList{QStringLiteral("program"), QStringLiteral("arguments"),
                           QStringLiteral("cwd"), QStringLiteral("grace_seconds"),
                           QStringLiteral("a_unknown"), QStringLiteral("zz_unknown")}));
    EXPECT_EQ(JobDetailsFormat::keyLabel(QStringLiteral("cwd"), command),
              QStringLiteral("Working folder"));
    EXPECT_EQ(JobDetailsFormat::keyLabel(QStringLiteral("pid"), command),
              QStringLiteral("Process ID"));
    EXPECT_EQ(JobDetailsFormat::keyLabel(QStringLiteral("skipped_count"), fieldsOf("copy")),
              QStringLiteral("Skipped count"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("grace_seconds"), 10, command),
              QStringLiteral("10s"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("grace_seconds"), 5.0, command),
              QStringLiteral("5s"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("pid"), qint64(4018), command),
              QStringLiteral("4018"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("lines"), qint64(4018), command),
              QStringLiteral("4,018"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("max_height"), 0, images),
              QStringLiteral("Not limited"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("max_width"), 1920, images),
              QStringLiteral("1,920"));
    EXPECT_EQ(JobDetailsFormat::valueText(QStringLiteral("on_conflict"), QStringLiteral("rename"),
                                          fieldsOf("copy")),
              QStringLiteral("Keep both, the copy renamed"));
    const QVariantMap copy{{QStringLiteral("verify"), true},
                           {QStringLiteral("destination"), QStringLiteral("/mnt/b")},
                           {QStringLiteral("sources"), QStringList{QStringLiteral("/a")}}};
    EXPECT_EQ(JobDetailsFormat::orderedKeys(copy, fieldsOf("copy")),
              (QStringList{QStringLiteral("sources"), QStringLiteral("destination"),
                           QStringLiteral("verify")}));
}

TEST(JobDetailsFormatTest, EveryKeyAKindReadsHasItsOwnLabel) {
    // A kind that adds a parameter also says how it reads: no key of a
    // built-in kind's Params is left to be spelled out.
    const auto kinds = BuiltinKinds::registry();
    for (const QString &name : kinds->names()) {
        const QList<JobField> fields = kinds->find(name)->fields();
        QStringList described;
        for (const JobField &field : fields)
            described.append(field.key);
        QStringList keys;
        if (name == QLatin1String("hash"))
            keys = HashJobParams::keys();
        else if (name == QLatin1String("copy"))
            keys = CopyJobParams::keys();
        else if (name == QLatin1String("images"))
            keys = ImagesJobParams::keys();
        else if (name == QLatin1String("command"))
            keys = CommandJobParams::keys();
        ASSERT_FALSE(keys.isEmpty()) << "a kind the test does not know: " << name.toStdString();
        for (const QString &key : keys)
            EXPECT_TRUE(described.contains(key)) << name.toStdString() << ": " << key.toStdString();
    }
}
