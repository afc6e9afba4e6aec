// One instance per data folder: the client's answer when none runs, a second
// headless instance refused, and a clean stop on SIGTERM that keeps the queue.
#include "headlessfixture.h"

#include <QLocalSocket>

#include <csignal>

using InstanceLifecycle = HeadlessFixture;

TEST_F(InstanceLifecycle, ClientWithoutAnInstanceExitsThreeSayingHowToStartOne) {
    const CliOutcome result = client({QStringLiteral("list")});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.startsWith("taskdeck: no Taskdeck instance is running for "))
        << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(dataDir.toUtf8())) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("taskdeck --headless")) << result.err.toStdString();
    // A leading --data-dir works the same.
    EXPECT_EQ(
        run({QStringLiteral("--data-dir"), dataDir, QStringLiteral("wait"), QStringLiteral("1")})
            .exitCode,
        3);
}

TEST_F(InstanceLifecycle, ASecondHeadlessInstanceExitsThreeNamingTheFirst) {
    QProcess *first = startInstance();
    QProcess *second = launchInstance();
    ASSERT_TRUE(second->waitForFinished(timeoutMs));
    EXPECT_EQ(second->exitCode(), 3);
    const QByteArray err = second->readAllStandardError();
    EXPECT_TRUE(err.contains("pid " + QByteArray::number(first->processId()))) << err.toStdString();
    EXPECT_TRUE(err.contains(dataDir.toUtf8())) << err.toStdString();
    EXPECT_EQ(first->state(), QProcess::Running);
    EXPECT_EQ(client({QStringLiteral("list")}).exitCode, 0);
}

TEST_F(InstanceLifecycle, ShutdownOnSigtermKeepsTheQueueForTheNextInstance) {
    QProcess *instance = startInstance();
    const CliOutcome added =
        client({QStringLiteral("add"), QStringLiteral("command"), QStringLiteral("--not-before"),
                farFuture, QStringLiteral("--title"), QStringLiteral("kept job"),
                QStringLiteral("--"), QStringLiteral("true")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    // A running job: waits for a file that never comes.
    const CliOutcome running =
        client({QStringLiteral("add"), QStringLiteral("command"), QStringLiteral("--"),
                QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("while [ ! -e %1 ]; do sleep 0.05; done")
                    .arg(path(QStringLiteral("never")))});
    ASSERT_EQ(running.exitCode, 0) << running.err.toStdString();
    const QByteArray runningId = running.out.trimmed();
    // Its program runs (a command begins once its start is saved; until then
    // a stop would simply leave it queued).
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return client({QStringLiteral("log"), QString::fromUtf8(runningId)})
                .out.contains(" started: sh -c");
        },
        timeoutMs));

    ::kill(pid_t(instance->processId()), SIGTERM);
    ASSERT_TRUE(instance->waitForFinished(timeoutMs));
    EXPECT_EQ(instance->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(instance->exitCode(), 0);
    const QByteArray err = instance->readAllStandardError();
    EXPECT_TRUE(err.contains("headless instance (pid")) << err.toStdString();
    EXPECT_TRUE(err.contains("stopped; 1 running jobs recorded as interrupted"))
        << err.toStdString();
    EXPECT_EQ(client({QStringLiteral("list")}).exitCode, 3);

    // Needs the real QueuePersister: a restarted instance lists the same jobs.
    startInstance();
    const CliOutcome table = client({QStringLiteral("list")});
    EXPECT_EQ(table.exitCode, 0) << table.err.toStdString();
    EXPECT_TRUE(table.out.contains("kept job")) << table.out.toStdString();
}

TEST_F(InstanceLifecycle, SigintStopsAHeadlessInstanceCleanly) {
    QProcess *instance = startInstance();
    ::kill(pid_t(instance->processId()), SIGINT);
    ASSERT_TRUE(instance->waitForFinished(timeoutMs));
    EXPECT_EQ(instance->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(instance->exitCode(), 0);
    const QByteArray err = instance->readAllStandardError();
    EXPECT_TRUE(err.contains("stopped; 0 running jobs recorded as interrupted"))
        << err.toStdString();
}

TEST_F(InstanceLifecycle, HelpNamesEveryClientCommandWithoutAnInstance) {
    const CliOutcome help = run({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    for (const char *command :
         {"--headless", "add KIND", "list", "show ID", "log ID", "cancel", "pause", "resume",
          "retry", "remove", "move ID", "pause-all", "resume-all", "drain", "wait ID"})
        EXPECT_TRUE(help.out.contains(command)) << command;
    const CliOutcome addHelp = run({QStringLiteral("add"), QStringLiteral("--help")});
    EXPECT_EQ(addHelp.exitCode, 0);
    EXPECT_TRUE(addHelp.out.contains("hash")) << addHelp.out.toStdString();
    const CliOutcome kindHelp =
        run({QStringLiteral("add"), QStringLiteral("hash"), QStringLiteral("--help")});
    EXPECT_EQ(kindHelp.exitCode, 0);
    for (const char *option : {"--algorithm", "--not-before", "--after", "--data-dir", "--json"})
        EXPECT_TRUE(kindHelp.out.contains(option)) << option;
    const CliOutcome logHelp = run({QStringLiteral("log"), QStringLiteral("--help")});
    EXPECT_EQ(logHelp.exitCode, 0);
    EXPECT_TRUE(logHelp.out.contains("--follow"));
}

TEST_F(InstanceLifecycle, AShutdownRequestStopsTheHeadlessInstance) {
    QProcess *instance = startInstance();
    // `hello` and `shutdown` are protocol commands for scripts, not client
    // commands: sent raw, one JSON line each.
    QLocalSocket socket;
    const QString socketPath = QDir(dataDir).filePath(QStringLiteral("taskdeck.sock"));
    socket.connectToServer(socketPath);
    ASSERT_TRUE(socket.waitForConnected(timeoutMs)) << socket.errorString().toStdString();
    const auto ask = [&](const QByteArray &line) {
        socket.write(line + '\n');
        EXPECT_TRUE(QTest::qWaitFor(
            [&] {
                socket.waitForReadyRead(100);
                return socket.canReadLine();
            },
            timeoutMs));
        return QJsonDocument::fromJson(socket.readLine()).object();
    };
    const QJsonObject hello = ask(R"({"v":1,"id":1,"cmd":"hello"})");
    EXPECT_TRUE(hello.value(QStringLiteral("ok")).toBool());
    EXPECT_TRUE(hello.value(QStringLiteral("headless")).toBool());
    EXPECT_EQ(hello.value(QStringLiteral("pid")).toInteger(), instance->processId());
    EXPECT_EQ(hello.value(QStringLiteral("data_dir")).toString(), dataDir);
    EXPECT_TRUE(ask(R"({"v":1,"id":2,"cmd":"shutdown"})").value(QStringLiteral("ok")).toBool());
    ASSERT_TRUE(instance->waitForFinished(timeoutMs));
    EXPECT_EQ(instance->exitCode(), 0);
    EXPECT_TRUE(instance->readAllStandardError().contains("stopped; 0 running jobs"));
}

TEST_F(InstanceLifecycle, AStopWaitsABoundedTimeForAJobThatIgnoresItThenEndsItAndExits) {
    // A two-second stop, so the test need not wait ten.
    QDir().mkpath(path(QStringLiteral("config/Taskdeck")));
    QFile settings(path(QStringLiteral("config/Taskdeck/taskdeck.conf")));
    ASSERT_TRUE(settings.open(QIODevice::WriteOnly));
    settings.write("[store]\nstop-seconds=2\n");
    settings.close();
    QProcess *instance = startInstance();
    // Deaf to SIGTERM, with a grace far longer than any stop would wait.
    const qint64 id =
        add({QStringLiteral("command"), QStringLiteral("--grace"), QStringLiteral("600"),
             QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
             QStringLiteral("trap '' TERM; echo $$ > %1; while :; do sleep 0.1; done")
                 .arg(path(QStringLiteral("program.pid")))});
    QFile pidFile(path(QStringLiteral("program.pid")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return pidFile.exists() && pidFile.size() > 0; }, timeoutMs));
    ASSERT_TRUE(pidFile.open(QIODevice::ReadOnly));
    const pid_t program = pid_t(pidFile.readAll().trimmed().toInt());

    QElapsedTimer stopping;
    stopping.start();
    ::kill(pid_t(instance->processId()), SIGTERM);
    ASSERT_TRUE(instance->waitForFinished(timeoutMs));
    EXPECT_GE(stopping.elapsed(), 1500);
    EXPECT_EQ(instance->exitCode(), 0);
    const QByteArray err = instance->readAllStandardError();
    EXPECT_TRUE(err.contains("1 jobs did not stop within 2 s")) << err.toStdString();
    // The job's program went with the instance.
    EXPECT_TRUE(QTest::qWaitFor([&] { return ::kill(program, 0) != 0; }, 30000));

    startInstance();
    EXPECT_EQ(stateOf(id), QStringLiteral("interrupted"));
}
