// `taskdeck run command` as a person or a script uses it: the real binary
// running real programs in a temporary folder.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>

namespace {
struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome run(const QStringList &arguments, const QString &workingDir) {
    QProcess process;
    process.setWorkingDirectory(workingDir);
    process.start(QStringLiteral(TASKDECK_BINARY),
                  QStringList{QStringLiteral("run"), QStringLiteral("command")} + arguments);
    process.closeWriteChannel();
    EXPECT_TRUE(process.waitForFinished(120000));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// Gone, or a zombie nobody reaped yet: no longer running either way.
bool isGone(pid_t pid) {
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return true;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype paren = text.lastIndexOf(')');
    return paren >= 0 && paren + 2 < text.size() && text[paren + 2] == 'Z';
}
} // namespace

class CommandCommandLine : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(dir.isValid()); }
    QTemporaryDir dir;
};

TEST_F(CommandCommandLine, TheProgramsStdoutGoesToStdoutAndItsStderrToStderr) {
    const Outcome result = run({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("echo out; echo err >&2; echo more")},
                               dir.path());
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(result.out, "out\nmore\n");
    EXPECT_EQ(result.err, "err\n");
}

TEST_F(CommandCommandLine, OptionsAfterTheProgramAreItsOwn) {
    QFile file(dir.filePath(QStringLiteral(".hidden")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    const Outcome result = run({QStringLiteral("ls"), QStringLiteral("-a")}, dir.path());
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(".hidden\n")) << result.out.toStdString();
}

TEST_F(CommandCommandLine, RunsInCwdWithTheEnvironmentGiven) {
    ASSERT_TRUE(QDir(dir.path()).mkdir(QStringLiteral("sub")));
    const Outcome result =
        run({QStringLiteral("--cwd"), QStringLiteral("sub"), QStringLiteral("--env"),
             QStringLiteral("A=1"), QStringLiteral("--env"), QStringLiteral("B=two words"),
             QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
             QStringLiteral("pwd; echo \"$A $B\"")},
            dir.path());
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(result.out, dir.filePath(QStringLiteral("sub")).toUtf8() + "\n1 two words\n");
}

TEST_F(CommandCommandLine, AFailingProgramExitsOneWithItsCodeInTheMessage) {
    const Outcome result = run({QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("echo 'disk full' >&2; exit 3")},
                               dir.path());
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains("taskdeck: sh exited with code 3")) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("disk full"));
}

TEST_F(CommandCommandLine, BadUsageExitsTwoNamingTheProblem) {
    Outcome result = run({QStringLiteral("no-such-program-xyz")}, dir.path());
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("command not found: no-such-program-xyz"))
        << result.err.toStdString();

    result = run({QStringLiteral("--cwd"), QStringLiteral("missing"), QStringLiteral("true")},
                 dir.path());
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("working folder does not exist: " +
                                    dir.filePath(QStringLiteral("missing")).toUtf8()))
        << result.err.toStdString();

    result = run({}, dir.path());
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("no PROGRAM given")) << result.err.toStdString();

    result = run({QStringLiteral("--progress"), QStringLiteral("bars"), QStringLiteral("true")},
                 dir.path());
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains("unknown progress mode 'bars'")) << result.err.toStdString();
}

TEST_F(CommandCommandLine, CtrlCCancelsExitingWith130AndKillsTheGrandchildren) {
    QProcess taskdeck;
    taskdeck.setWorkingDirectory(dir.path());
    taskdeck.start(QStringLiteral(TASKDECK_BINARY),
                   {QStringLiteral("run"), QStringLiteral("command"), QStringLiteral("--"),
                    QStringLiteral("sh"), QStringLiteral("-c"),
                    QStringLiteral("sleep 100 & echo $!; wait")});
    QByteArray out;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            out += taskdeck.readAllStandardOutput();
            return out.contains('\n');
        },
        60000));
    const pid_t grandchild = pid_t(out.trimmed().toInt());
    ASSERT_GT(grandchild, 0);
    ASSERT_FALSE(isGone(grandchild));
    ::kill(pid_t(taskdeck.processId()), SIGINT);
    ASSERT_TRUE(taskdeck.waitForFinished(60000));
    EXPECT_EQ(taskdeck.exitCode(), 130) << taskdeck.readAllStandardError().toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return isGone(grandchild); }, 10000));
}

namespace {
// Bytes no line-based path keeps: NUL and Latin-1 bytes, CR LF and lone CR,
// a line far longer than any buffer, and no newline at the end.
QByteArray awkwardBytes() {
    QByteArray bytes;
    for (int i = 0; i < 256 * 1024; ++i)
        bytes.append(char((i * 7919) % 256));
    bytes += "caf\xe9 au lait\r\nprogress 10%\rprogress 20%\r";
    bytes += QByteArray(3 * 1024 * 1024, 'x'); // one 3 MiB line
    bytes += "\nthe end, without a newline";
    return bytes;
}
} // namespace

TEST_F(CommandCommandLine, StdoutAndStderrPassThroughByteForByte) {
    const QByteArray bytes = awkwardBytes();
    QFile file(dir.filePath(QStringLiteral("input.bin")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    const Outcome toStdout =
        run({QStringLiteral("--"), QStringLiteral("cat"), QStringLiteral("input.bin")}, dir.path());
    EXPECT_EQ(toStdout.exitCode, 0) << toStdout.err.toStdString();
    EXPECT_EQ(toStdout.out.size(), bytes.size());
    EXPECT_TRUE(toStdout.out == bytes) << "stdout differs from the program's bytes";
    EXPECT_TRUE(toStdout.err.isEmpty()) << toStdout.err.left(200).toStdString();

    const Outcome toStderr = run({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                  QStringLiteral("cat input.bin >&2")},
                                 dir.path());
    EXPECT_EQ(toStderr.exitCode, 0);
    EXPECT_TRUE(toStderr.err == bytes) << "stderr differs from the program's bytes";
    EXPECT_TRUE(toStderr.out.isEmpty());
}

TEST_F(CommandCommandLine, AFloodOfOutputPassesWholeAndFast) {
    // 64 MiB of "y\n", as `yes | head` prints it: every byte arrives, in order.
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(QStringLiteral(TASKDECK_BINARY),
                  {QStringLiteral("run"), QStringLiteral("command"), QStringLiteral("--"),
                   QStringLiteral("sh"), QStringLiteral("-c"),
                   QStringLiteral("yes | head -c 67108864")});
    qint64 bytes = 0;
    bool onlyYes = true;
    while (process.state() != QProcess::NotRunning || process.bytesAvailable() > 0) {
        process.waitForReadyRead(1000);
        const QByteArray chunk = process.readAllStandardOutput();
        // "y\n" pairs: an even offset holds 'y', an odd one '\n'.
        for (qsizetype i = 0; i < chunk.size() && onlyYes; i += 4096)
            onlyYes = chunk[i] == ((bytes + i) % 2 == 0 ? 'y' : '\n');
        bytes += chunk.size();
        if (process.state() == QProcess::NotRunning && process.bytesAvailable() == 0)
            break;
    }
    process.waitForFinished(120000);
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    EXPECT_EQ(bytes, 67108864);
    EXPECT_TRUE(onlyYes);
}
