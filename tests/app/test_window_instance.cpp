// The window owns its data folder like a headless instance does: the shell
// reaches its queue, and starting the window again brings the first one to
// the front instead of opening a second queue. Runs the real binary offscreen.
#include "headlessfixture.h"

namespace {
class WindowInstance : public HeadlessFixture {
protected:
    void SetUp() override {
        HeadlessFixture::SetUp();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }

    QProcess *startWindow() {
        instances.push_back(std::make_unique<QProcess>());
        QProcess *window = instances.back().get();
        window->setProcessEnvironment(environment);
        window->setWorkingDirectory(home.path());
        window->start(QStringLiteral(TASKDECK_BINARY), {QStringLiteral("--data-dir"), dataDir});
        EXPECT_TRUE(window->waitForStarted(timeoutMs));
        EXPECT_TRUE(QTest::qWaitFor(
            [&] {
                return window->state() != QProcess::Running ||
                       client({QStringLiteral("list")}).exitCode == 0;
            },
            timeoutMs));
        EXPECT_EQ(window->state(), QProcess::Running)
            << window->readAllStandardError().toStdString();
        return window;
    }
};
} // namespace

TEST_F(WindowInstance, TheShellReachesTheWindowsQueue) {
    startWindow();
    QDir(home.path()).mkpath(QStringLiteral("files"));
    const qint64 id = add({QStringLiteral("hash"), QStringLiteral("files")});
    EXPECT_TRUE(reachesState(id, QStringLiteral("succeeded")));
}

TEST_F(WindowInstance, ASecondWindowBringsTheFirstToTheFrontAndExits) {
    QProcess *first = startWindow();
    const CliOutcome second = run({QStringLiteral("--data-dir"), dataDir});
    EXPECT_EQ(second.exitCode, 0) << second.err.toStdString();
    EXPECT_TRUE(second.err.contains("brought to the front")) << second.err.toStdString();
    EXPECT_EQ(first->state(), QProcess::Running);
}

TEST_F(WindowInstance, AHeadlessInstanceOwningTheFolderIsNamed) {
    startInstance(); // headless
    const CliOutcome window = run({QStringLiteral("--data-dir"), dataDir});
    EXPECT_EQ(window.exitCode, 3);
    EXPECT_TRUE(window.err.contains("headless")) << window.err.toStdString();
}
