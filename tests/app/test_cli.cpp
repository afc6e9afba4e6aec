// `taskdeck run hash` as a person or a script uses it: the real binary, real
// files, compared with coreutils.
#include "otheruser.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

#include <csignal>
#include <optional>
#include <pwd.h>
#include <unistd.h>

namespace {
struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome run(const QStringList &arguments, const QString &workingDir) {
    QProcess process;
    process.setWorkingDirectory(workingDir);
    process.start(QStringLiteral(TASKDECK_BINARY), arguments);
    process.closeWriteChannel();
    EXPECT_TRUE(process.waitForFinished(120000));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// Runs argv[0] with the rest as arguments; HOME is the working folder, so a
// program run as another user finds a home it may use.
Outcome runProgram(const QStringList &argv, const QString &workingDir) {
    QProcess process;
    process.setWorkingDirectory(workingDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), workingDir);
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    process.setProcessEnvironment(env);
    process.start(argv.first(), argv.mid(1));
    process.closeWriteChannel();
    EXPECT_TRUE(process.waitForFinished(120000));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// argv as run by a user whom file permissions apply to: this one, unless it is
// root (whom they do not), then the second local user (OtherUser, created when
// missing). Empty when there is no such user and none can be created.
std::optional<QStringList> asUnprivilegedUser(const QStringList &argv) {
    if (::geteuid() != 0)
        return argv;
    QString why;
    const std::optional<OtherUser> other = OtherUser::get(&why);
    if (!other)
        return std::nullopt;
    return QStringList{QStringLiteral("setpriv")} + other->command(argv.first(), argv.mid(1));
}

// The binary may lie where another user cannot reach it (a clone in root's
// home): a copy in a folder they can enter runs the same (it links no
// library from the build tree).
QString binaryReachableFrom(const QString &folder) {
    const QString copy = folder + QStringLiteral("/taskdeck-copy");
    if (!QFile::exists(copy))
        QFile::copy(QStringLiteral(TASKDECK_BINARY), copy);
    return copy;
}

QByteArray shell(const QString &command, const QString &workingDir) {
    QProcess process;
    process.setWorkingDirectory(workingDir);
    process.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
    EXPECT_TRUE(process.waitForFinished(120000));
    return process.readAllStandardOutput();
}

void write(const QString &path, const QByteArray &bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}
} // namespace

class CommandLine : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        write(path("photos/a.jpg"), "first");
        write(path("photos/sub dir/b.jpg"), "second");
        write(path("photos/empty"), "");
    }
    QString path(const QString &relative) const { return dir.filePath(relative); }
    QTemporaryDir dir;
};

TEST_F(CommandLine, HashPrintsExactlyWhatSha256sumPrints) {
    const Outcome result =
        run({QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("photos")}, dir.path());
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QByteArray expected =
        shell(QStringLiteral("find photos -type f | LC_ALL=C sort | xargs -d '\\n' sha256sum"),
              dir.path());
    ASSERT_FALSE(expected.isEmpty());
    EXPECT_EQ(result.out, expected);
}

TEST_F(CommandLine, HashWithAnUnreadableFilePrintsTheOthersAsSha256sumDoesAndExitsOne) {
    write(path("photos/locked.jpg"), "secret");
    ASSERT_TRUE(QFile::setPermissions(path("photos/locked.jpg"), {}));
    // QTemporaryDir is the owner's only: let the other user in.
    ASSERT_TRUE(QFile::setPermissions(
        dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                        QFileDevice::ReadOther | QFileDevice::ExeOther));
    const auto taskdeck =
        asUnprivilegedUser({binaryReachableFrom(dir.path()), QStringLiteral("run"),
                            QStringLiteral("hash"), QStringLiteral("photos")});
    // What `find photos -type f | LC_ALL=C sort` lists.
    const auto sha256sum =
        asUnprivilegedUser({QStringLiteral("sha256sum"), QStringLiteral("photos/a.jpg"),
                            QStringLiteral("photos/empty"), QStringLiteral("photos/locked.jpg"),
                            QStringLiteral("photos/sub dir/b.jpg")});
    if (!taskdeck || !sha256sum)
        GTEST_SKIP() << "running as root, and the user taskdeck-test cannot be created: as root "
                        "no file is unreadable";

    const Outcome ours = runProgram(*taskdeck, dir.path());
    const Outcome theirs = runProgram(*sha256sum, dir.path());
    ASSERT_EQ(theirs.exitCode, 1) << theirs.err.toStdString();
    ASSERT_EQ(theirs.out.count('\n'), 3);
    EXPECT_EQ(ours.exitCode, 1) << ours.err.toStdString();
    EXPECT_EQ(ours.out.toStdString(), theirs.out.toStdString());
    // One line naming the file, as sha256sum's "sha256sum: photos/locked.jpg: Permission denied".
    EXPECT_EQ(ours.err.toStdString(),
              QStringLiteral("taskdeck: cannot read %1: permission denied\n")
                  .arg(path("photos/locked.jpg"))
                  .toStdString());
}

TEST_F(CommandLine, HashRefusesAnOutputThatIsAnInputAndLeavesItAlone) {
    const Outcome result = run({QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("-o"),
                                QStringLiteral("photos/a.jpg"), QStringLiteral("photos")},
                               dir.path());
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.out.isEmpty());
    EXPECT_TRUE(result.err.contains(
        QStringLiteral("the manifest %1 would overwrite %1, which is being hashed as part of %2")
            .arg(path("photos/a.jpg"), path("photos"))
            .toUtf8()))
        << result.err.toStdString();
    QFile input(path("photos/a.jpg"));
    ASSERT_TRUE(input.open(QIODevice::ReadOnly));
    EXPECT_EQ(input.readAll(), "first");
}

TEST_F(CommandLine, HashWritesTheManifestToOutputAndSha256sumAcceptsIt) {
    const Outcome result =
        run({QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("--algorithm"),
             QStringLiteral("md5"), QStringLiteral("--output"), QStringLiteral("sums.md5"),
             QStringLiteral("photos")},
            dir.path());
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.isEmpty());
    const QByteArray check = shell(QStringLiteral("md5sum -c sums.md5 && echo ALL-OK"), dir.path());
    EXPECT_TRUE(check.contains("ALL-OK")) << check.toStdString();
}

TEST_F(CommandLine, VerifyPrintsOneLinePerFileAndExitsOneOnAMismatch) {
    ASSERT_EQ(run({QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("-o"),
                   QStringLiteral("sums"), QStringLiteral("photos")},
                  dir.path())
                  .exitCode,
              0);
    const Outcome intact = run({QStringLiteral("run"), QStringLiteral("hash"),
                                QStringLiteral("--verify"), QStringLiteral("sums")},
                               dir.path());
    EXPECT_EQ(intact.exitCode, 0) << intact.err.toStdString();
    EXPECT_EQ(intact.out, shell(QStringLiteral("sha256sum -c sums"), dir.path()));

    write(path("photos/a.jpg"), "tampered");
    const Outcome tampered = run({QStringLiteral("run"), QStringLiteral("hash"),
                                  QStringLiteral("--verify"), QStringLiteral("sums")},
                                 dir.path());
    EXPECT_EQ(tampered.exitCode, 1);
    EXPECT_TRUE(tampered.out.contains("photos/a.jpg: FAILED\n")) << tampered.out.toStdString();
    EXPECT_EQ(tampered.out, shell(QStringLiteral("sha256sum -c sums"), dir.path()));
    EXPECT_EQ(tampered.err.toStdString(), "taskdeck: WARNING: 1 computed checksum did NOT match\n");
}

TEST_F(CommandLine, BadUsageExitsTwoWithAMessageNamingTheArgument) {
    struct Case {
        QStringList arguments;
        const char *mentions;
    };
    const QList<Case> cases{
        {{QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("missing-folder")},
         "missing-folder"},
        {{QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("-a"),
          QStringLiteral("sha3"), QStringLiteral("photos")},
         "sha3"},
        {{QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("--verify"),
          QStringLiteral("photos")},
         "photos"},
        {{QStringLiteral("run"), QStringLiteral("hash")}, "PATH"},
        {{QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("--frobnicate")},
         "frobnicate"},
        {{QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("-o"),
          QStringLiteral("photos/a.jpg"), QStringLiteral("photos")},
         "would overwrite"},
        {{QStringLiteral("run"), QStringLiteral("teleport")}, "teleport"},
        {{QStringLiteral("teleport")}, "teleport"},
        // Not a window option: an error, never a window (there is no display here).
        {{QStringLiteral("--frobnicate")}, "frobnicate"},
    };
    for (const Case &c : cases) {
        const Outcome result = run(c.arguments, dir.path());
        EXPECT_EQ(result.exitCode, 2) << c.arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(result.err.contains(c.mentions)) << result.err.toStdString();
        EXPECT_TRUE(result.out.isEmpty());
    }
}

// As sha256sum -c: not bad usage (2) but a failed check (1), naming the manifest.
TEST_F(CommandLine, AManifestWithoutChecksumLinesFailsTheCheckNamingIt) {
    write(path("bad.sha256"), "not a checksum line\n");
    const Outcome result = run({QStringLiteral("run"), QStringLiteral("hash"),
                                QStringLiteral("--verify"), QStringLiteral("bad.sha256")},
                               dir.path());
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.out.isEmpty());
    EXPECT_EQ(result.err.toStdString(),
              QStringLiteral("taskdeck: %1: no properly formatted checksum lines found\n")
                  .arg(path("bad.sha256"))
                  .toStdString());
}

TEST_F(CommandLine, VerifyOptionsAreRefusedWhenHashing) {
    const Outcome result = run({QStringLiteral("run"), QStringLiteral("hash"),
                                QStringLiteral("--strict"), QStringLiteral("photos")},
                               dir.path());
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(
        result.err.contains("the --strict option is meaningful only when verifying checksums"))
        << result.err.toStdString();
}

TEST_F(CommandLine, HelpAndVersionWork) {
    const Outcome help = run({QStringLiteral("--help")}, dir.path());
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains("taskdeck run hash"));
    const Outcome kindHelp =
        run({QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("--help")}, dir.path());
    EXPECT_EQ(kindHelp.exitCode, 0);
    EXPECT_TRUE(kindHelp.out.contains("--algorithm"));
    const Outcome helpAll = run(
        {QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("--help-all")}, dir.path());
    EXPECT_EQ(helpAll.exitCode, 0);
    EXPECT_TRUE(helpAll.out.contains("Usage: taskdeck run hash")) << helpAll.out.toStdString();
    const Outcome version = run({QStringLiteral("--version")}, dir.path());
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith("taskdeck "));
}

TEST_F(CommandLine, CtrlCCancelsTheJobAndExits130) {
    // A large sparse file: hashing it takes many seconds, so the interrupt
    // arrives mid-job.
    QFile big(path("big.img"));
    ASSERT_TRUE(big.open(QIODevice::WriteOnly));
    ASSERT_TRUE(big.resize(qint64(200) << 30));
    big.close();

    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(QStringLiteral(TASKDECK_BINARY),
                  {QStringLiteral("run"), QStringLiteral("hash"), QStringLiteral("-o"),
                   QStringLiteral("big.sha256"), QStringLiteral("big.img")});
    ASSERT_TRUE(process.waitForStarted());
    // Wait until the job has the file open, i.e. it is really hashing.
    const QString fds = QStringLiteral("/proc/%1/fd").arg(process.processId());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            for (const QFileInfo &fd : QDir(fds).entryInfoList(QDir::Files | QDir::System)) {
                if (fd.symLinkTarget().endsWith(QLatin1String("big.img")))
                    return true;
            }
            return false;
        },
        60000));
    ::kill(pid_t(process.processId()), SIGINT);
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 130);
    EXPECT_TRUE(process.readAllStandardError().contains("cancel"));
    EXPECT_FALSE(QFile::exists(path("big.sha256"))); // no partial manifest
}
