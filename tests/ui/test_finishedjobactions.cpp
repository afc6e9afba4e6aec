// What a person does with a job that has ended: run it again, copy its error,
// open what it wrote or its log; and a double-click opens its details.
#include "finishedjobactions.h"
#include "jobdetailspane.h"
#include "jobtablemodel.h"
#include "jobtableview.h"
#include "mainwindow.h"
#include "uitestfixture.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>

namespace {

// Stands in for the desktop's file handler: records what would have opened.
class OpenedUrls : public QObject {
    Q_OBJECT
public:
    OpenedUrls() { QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "open"); }
    ~OpenedUrls() override { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); }
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

class FinishedJobActionsTest : public UiTestFixture {
protected:
    MainWindow window{&queue};
    QTemporaryDir temp;
    OpenedUrls opened;

    void SetUp() override {
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    }
    QAction *action(FinishedJobActions::Command command) const {
        return window.finishedJobActions()->action(command);
    }
    JobTableModel *model() const { return window.model(); }
    void makeCurrent(JobId id) {
        ASSERT_TRUE(waitUntil([&] { return model()->rowOf(id) >= 0; }));
        window.view()->selectJobs({id});
    }
    bool waitForEnabled(QAction *action) {
        return waitUntil([&] { return action->isEnabled(); });
    }
};

} // namespace

TEST_F(FinishedJobActionsTest, AFailedJobRunsAgainWithItsSettingsAndItsErrorCopies) {
    const QString manifest = temp.filePath(QStringLiteral("photos.sha256"));
    QFile(manifest).open(QIODevice::WriteOnly);
    JobSpec spec;
    spec.kind = QStringLiteral("fail");
    spec.title = QStringLiteral("Hash the photos");
    spec.priority = JobPriority::High;
    spec.group = QStringLiteral("disks");
    spec.params = {{QStringLiteral("message"), QStringLiteral("cannot read /mnt/a: I/O error")},
                   {QStringLiteral("output"), manifest}};
    const JobId first = add(spec);
    ASSERT_TRUE(waitForState(first, JobState::Failed));
    makeCurrent(first);
    ASSERT_TRUE(waitForEnabled(action(FinishedJobActions::RunAgain)));
    EXPECT_FALSE(action(FinishedJobActions::OpenLogFile)->isEnabled()); // it has none

    action(FinishedJobActions::CopyError)->trigger();
    EXPECT_EQ(QGuiApplication::clipboard()->text(),
              QStringLiteral("cannot read /mnt/a: I/O error"));

    // The manifest's folder opens, not the manifest in an editor.
    action(FinishedJobActions::OpenOutput)->trigger();
    ASSERT_EQ(opened.urls.size(), 1);
    EXPECT_EQ(opened.urls.at(0), QUrl::fromLocalFile(temp.path()));

    const int before = int(queue.order().size());
    action(FinishedJobActions::RunAgain)->trigger();
    ASSERT_EQ(int(queue.order().size()), before + 1);
    const JobId again = queue.order().constLast();
    EXPECT_NE(again, first);
    const JobSnapshot copy = *queue.job(again);
    EXPECT_EQ(copy.spec.title, spec.title);
    EXPECT_EQ(copy.spec.priority, JobPriority::High);
    EXPECT_EQ(copy.spec.group, QStringLiteral("disks"));
    EXPECT_EQ(copy.spec.params, queue.job(first)->spec.params);
    // The window selects the new job, as after any add.
    EXPECT_TRUE(waitUntil([&] { return window.view()->currentJobId() == again; }));
}

TEST_F(FinishedJobActionsTest, AJobThatRunsCannotRunAgainAndAMissingOutputSaysSo) {
    const JobId running = add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForState(running, JobState::Running));
    makeCurrent(running);
    ASSERT_TRUE(waitUntil([&] { return window.view()->currentJobId() == running; }));
    QApplication::processEvents();
    EXPECT_FALSE(action(FinishedJobActions::RunAgain)->isEnabled());
    EXPECT_FALSE(action(FinishedJobActions::CopyError)->isEnabled());

    const QString log = temp.filePath(QStringLiteral("gone/encode.log"));
    const JobId failed =
        add(QStringLiteral("fail"), QStringLiteral("encode"), {{QStringLiteral("log_file"), log}});
    ASSERT_TRUE(waitForState(failed, JobState::Failed));
    makeCurrent(failed);
    ASSERT_TRUE(waitForEnabled(action(FinishedJobActions::OpenLogFile)));
    QSignalSpy refused(window.finishedJobActions(), &FinishedJobActions::refused);
    action(FinishedJobActions::OpenLogFile)->trigger();
    EXPECT_TRUE(opened.urls.isEmpty());
    ASSERT_EQ(refused.size(), 1);
    EXPECT_TRUE(refused.at(0).at(0).toString().contains(log));
}

TEST_F(FinishedJobActionsTest, TheJobMenuOffersThemAndADoubleClickOpensTheDetails) {
    QStringList texts;
    for (QMenu *menu : window.findChildren<QMenu *>()) {
        for (QAction *item : menu->actions())
            texts << item->objectName();
    }
    for (const char *name :
         {"runAgainAction", "copyErrorAction", "openOutputAction", "openLogFileAction"})
        EXPECT_GE(texts.count(QLatin1String(name)), 2) << name; // the Job menu and the context menu

    const JobId id = add(QStringLiteral("fail"));
    ASSERT_TRUE(waitForState(id, JobState::Failed));
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("DetailsDock"));
    dock->hide();
    ASSERT_TRUE(waitUntil([&] { return model()->rowOf(id) >= 0; }));
    const QModelIndex index = window.view()->model()->index(0, JobTableModel::TitleColumn);
    const QPoint centre = window.view()->visualRect(index).center();
    QTest::mouseClick(window.view()->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(window.view()->viewport(), Qt::LeftButton, {}, centre);
    EXPECT_TRUE(waitUntil([&] { return dock->isVisible(); }));
}

#include "test_finishedjobactions.moc"
