// What a person does with a job that has ended: run it again, copy its error,
// open what it wrote, show it in the file manager or open its log; and a
// double-click opens its details.
#include "details/jobdetailspane.h"
#include "filemanagerlauncher.h"
#include "finishedjobactions.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"
#include "mainwindow.h"
#include "openedurls.h"
#include "privatesessionbus.h"
#include "uitestfixture.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>

namespace {

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

// Show in File Manager talks D-Bus to the desktop's file manager. The real
// file manager cannot run here (no desktop session, no display), so each test
// gets a private session bus, and a fake org.freedesktop.FileManager1 service
// in its own process (tests/ui/fakefilemanager.cpp) records the calls it
// receives in a file.
class ShowInFileManagerTest : public FinishedJobActionsTest {
protected:
    static constexpr int busTimeoutMs = 20000;
    PrivateSessionBus bus;
    QProcess fileManager;
    QString record = temp.filePath(QStringLiteral("show-items.txt"));

    void SetUp() override {
        FinishedJobActionsTest::SetUp();
        ASSERT_TRUE(bus.connected()) << bus.errors().toStdString();
        window.finishedJobActions()->setFileManagerBus(bus.connection());
    }
    void TearDown() override {
        fileManager.kill();
        fileManager.waitForFinished(busTimeoutMs);
    }
    void startFileManager() {
        fileManager.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        fileManager.start(QStringLiteral(TASKDECK_FAKE_FILE_MANAGER), {bus.address(), record});
        ASSERT_TRUE(
            bus.waitForService(QStringLiteral("org.freedesktop.FileManager1"), busTimeoutMs));
    }
    QStringList recorded() const {
        QFile file(record);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return {};
        return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    // A failed job that wrote `output` (a file or a folder), the current one,
    // its Show in File Manager enabled.
    void makeCurrentJobWriting(const QString &output) {
        const JobId id = add(QStringLiteral("fail"), QStringLiteral("Hash"),
                             {{QStringLiteral("output"), output}});
        ASSERT_TRUE(waitForState(id, JobState::Failed));
        makeCurrent(id);
        ASSERT_TRUE(waitUntil([&] { return window.view()->currentJobId() == id; }));
        ASSERT_TRUE(waitForEnabled(action(FinishedJobActions::ShowInFileManager)));
    }
    FileManagerLauncher *launcher() const {
        return window.finishedJobActions()->findChild<FileManagerLauncher *>();
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
    for (const char *name : {"runAgainAction", "copyErrorAction", "openOutputAction",
                             "showInFileManagerAction", "openLogFileAction"})
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

TEST_F(ShowInFileManagerTest, AsksTheFileManagerToShowTheOutputFileSelected) {
    startFileManager();
    // A space and a '#' must reach the file manager encoded, as a URI.
    const QString manifest = temp.filePath(QStringLiteral("my photos #1.sha256"));
    ASSERT_TRUE(QFile(manifest).open(QIODevice::WriteOnly));
    makeCurrentJobWriting(manifest);
    QSignalSpy shown(launcher(), &FileManagerLauncher::shownByFileManager);

    action(FinishedJobActions::ShowInFileManager)->trigger();
    ASSERT_TRUE(waitUntil([&] { return !recorded().isEmpty(); }, busTimeoutMs));
    const QString uri = QUrl::fromLocalFile(manifest).toString(QUrl::FullyEncoded);
    EXPECT_EQ(recorded(), QStringList{uri});
    EXPECT_TRUE(uri.contains(QStringLiteral("my%20photos%20%231.sha256"))) << uri.toStdString();
    // The file manager answered: nothing else opens.
    ASSERT_TRUE(waitUntil([&] { return shown.size() == 1; }, busTimeoutMs));
    EXPECT_TRUE(opened.urls.isEmpty());

    // A folder is shown itself.
    makeCurrentJobWriting(temp.path());
    action(FinishedJobActions::ShowInFileManager)->trigger();
    ASSERT_TRUE(waitUntil([&] { return recorded().size() == 2; }, busTimeoutMs));
    EXPECT_EQ(recorded().at(1), QUrl::fromLocalFile(temp.path()).toString(QUrl::FullyEncoded));
}

TEST_F(ShowInFileManagerTest, WithoutAFileManagerOpensTheFolderAndAMissingPathSaysSo) {
    // Nothing owns org.freedesktop.FileManager1 on this bus.
    const QString manifest = temp.filePath(QStringLiteral("photos.sha256"));
    ASSERT_TRUE(QFile(manifest).open(QIODevice::WriteOnly));
    makeCurrentJobWriting(manifest);
    action(FinishedJobActions::ShowInFileManager)->trigger();
    ASSERT_TRUE(waitUntil([&] { return !opened.urls.isEmpty(); }, busTimeoutMs));
    EXPECT_EQ(opened.urls, QList<QUrl>{QUrl::fromLocalFile(temp.path())});

    ASSERT_TRUE(QFile::remove(manifest));
    QSignalSpy refused(window.finishedJobActions(), &FinishedJobActions::refused);
    action(FinishedJobActions::ShowInFileManager)->trigger();
    ASSERT_EQ(refused.size(), 1);
    EXPECT_TRUE(refused.at(0).at(0).toString().contains(manifest));
    EXPECT_EQ(opened.urls.size(), 1);
    EXPECT_TRUE(recorded().isEmpty());
}
