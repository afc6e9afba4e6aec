// `taskdeck run copy` as a person or a script uses it: the real binary, real
// files, compared with cp -a; and a copy killed with SIGKILL in the middle of
// a large file.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

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
    process.start(QStringLiteral(TASKDECK_BINARY), QStringList{QStringLiteral("run")} + arguments);
    process.closeWriteChannel();
    EXPECT_TRUE(process.waitForFinished(120000));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

Outcome shell(const QString &command, const QString &workingDir) {
    QProcess process;
    process.setWorkingDirectory(workingDir);
    process.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
    EXPECT_TRUE(process.waitForFinished(120000));
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

void write(const QString &path, const QByteArray &bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QStringList tempFiles(const QString &folder) {
    return QDir(folder).entryList({QStringLiteral(".*.taskdeck-*")}, QDir::Files | QDir::Hidden);
}
} // namespace

class CopyCommandLine : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        write(path("photos/a.jpg"), "first");
        write(path("photos/sub dir/b.jpg"), QByteArray(3 << 20, 'b'));
        write(path("photos/empty"), "");
        QDir().mkpath(path("photos/nothing here"));
        QFile::link(QStringLiteral("a.jpg"), path("photos/link"));
        QDir().mkpath(path("backup"));
        QDir().mkpath(path("cp"));
    }
    QString path(const QString &relative) const { return dir.filePath(relative); }
    QTemporaryDir dir;
};

TEST_F(CopyCommandLine, CopiesLikeCpDashAAndPrintsNothing) {
    ASSERT_EQ(shell(QStringLiteral("cp -a photos cp/"), dir.path()).exitCode, 0);
    const Outcome result = run({QStringLiteral("copy"), QStringLiteral("--verify"),
                                QStringLiteral("photos"), QStringLiteral("backup")},
                               dir.path());
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.isEmpty()) << result.out.toStdString();
    const QString list = QStringLiteral("find photos -printf '%P|%y|%m|%T@|%l\\n' | LC_ALL=C sort");
    const Outcome expected = shell(list, path("cp"));
    ASSERT_FALSE(expected.out.isEmpty());
    EXPECT_EQ(shell(list, path("backup")).out, expected.out);
    EXPECT_EQ(shell(QStringLiteral("diff -r --no-dereference cp/photos backup/photos"), dir.path())
                  .exitCode,
              0);
}

TEST_F(CopyCommandLine, KeepsHardLinksAndHolesSoTheCopyTakesTheSpaceCpDashAsTakes) {
    // 4 MiB of data under three names, and a 256 MiB file of one data block.
    ASSERT_EQ(shell(QStringLiteral("mkdir -p tree/sub && head -c 4194304 /dev/urandom > tree/data "
                                   "&& ln tree/data tree/sub/same && ln tree/data tree/again && "
                                   "truncate -s 256M tree/disk.img && printf boot | dd "
                                   "of=tree/disk.img conv=notrunc status=none && "
                                   "cp -a tree cp/"),
                    dir.path())
                  .exitCode,
              0);
    const Outcome result =
        run({QStringLiteral("copy"), QStringLiteral("tree"), QStringLiteral("backup")}, dir.path());
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QString used = QStringLiteral("du -s -B1 tree | cut -f1");
    const Outcome expected = shell(used, path("cp"));
    EXPECT_EQ(shell(used, path("backup")).out, expected.out);
    EXPECT_LT(expected.out.trimmed().toLongLong(), 8 << 20) << expected.out.toStdString();
    EXPECT_EQ(
        shell(QStringLiteral("stat -c '%h %s' tree/sub/same tree/disk.img"), path("backup")).out,
        "3 4194304\n1 268435456\n");
    EXPECT_EQ(shell(QStringLiteral("cmp tree/disk.img backup/tree/disk.img"), dir.path()).exitCode,
              0);
}

TEST_F(CopyCommandLine, BadArgumentsExitTwoWithAMessageNamingThem) {
    struct Case {
        QStringList arguments;
        QString message;
    };
    const QList<Case> cases{
        {{QStringLiteral("copy")}, QStringLiteral("missing SOURCE and DEST_DIR")},
        {{QStringLiteral("copy"), QStringLiteral("backup")},
         QStringLiteral("missing DEST_DIR after 'backup'")},
        {{QStringLiteral("copy"), QStringLiteral("nope"), QStringLiteral("backup")},
         QStringLiteral("no such file or directory: %1").arg(path("nope"))},
        {{QStringLiteral("copy"), QStringLiteral("photos"), QStringLiteral("missing")},
         QStringLiteral("destination folder does not exist: %1").arg(path("missing"))},
        {{QStringLiteral("copy"), QStringLiteral("photos"), QStringLiteral("photos/sub dir")},
         QStringLiteral("cannot copy the folder %1 into itself").arg(path("photos"))},
        {{QStringLiteral("copy"), QStringLiteral("--on-conflict"), QStringLiteral("merge"),
          QStringLiteral("photos"), QStringLiteral("backup")},
         QStringLiteral("unknown on_conflict 'merge'")},
        // cp: "'photos/a.jpg' and 'photos/a.jpg' are the same file".
        {{QStringLiteral("copy"), QStringLiteral("--on-conflict"), QStringLiteral("overwrite"),
          QStringLiteral("photos/a.jpg"), QStringLiteral("photos")},
         QStringLiteral("cannot copy %1 to %1: they are the same file").arg(path("photos/a.jpg"))},
    };
    for (const Case &c : cases) {
        const Outcome result = run(c.arguments, dir.path());
        EXPECT_EQ(result.exitCode, 2) << c.arguments.join(' ').toStdString();
        EXPECT_TRUE(QString::fromLocal8Bit(result.err).contains(c.message))
            << result.err.toStdString() << " lacks " << c.message.toStdString();
    }
}

TEST_F(CopyCommandLine, AFileThatCannotBeCopiedFailsWithExitOneNamingItOnStderr) {
    // A folder where a file of the source goes cannot be overwritten.
    ASSERT_TRUE(QDir().mkpath(path("backup/photos/a.jpg")));
    const Outcome result =
        run({QStringLiteral("copy"), QStringLiteral("--verify"), QStringLiteral("--on-conflict"),
             QStringLiteral("overwrite"), QStringLiteral("photos"), QStringLiteral("backup")},
            dir.path());
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.out.isEmpty()) << result.out.toStdString();
    EXPECT_TRUE(QString::fromLocal8Bit(result.err)
                    .contains(QStringLiteral("cannot overwrite the folder %1 with a file")
                                  .arg(path("backup/photos/a.jpg"))))
        << result.err.toStdString();
    EXPECT_EQ(QFileInfo(path("backup/photos/sub dir/b.jpg")).size(), 3 << 20);
}

TEST_F(CopyCommandLine, AKilledCopyLeavesNoFileUnderItsFinalName) {
    {
        // Real data: the holes of a sparse file are no longer copied. Half a
        // gigabyte takes a few tenths of a second to copy, far longer than the
        // wait below takes to notice the first chunk.
        QFile big(path("big.bin"));
        ASSERT_TRUE(big.open(QIODevice::WriteOnly));
        const QByteArray block(1 << 20, 'x');
        for (int i = 0; i < 512; ++i)
            ASSERT_EQ(big.write(block), block.size());
    }
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(QStringLiteral(TASKDECK_BINARY),
                  {QStringLiteral("run"), QStringLiteral("copy"), QStringLiteral("big.bin"),
                   QStringLiteral("backup")});
    ASSERT_TRUE(process.waitForStarted());
    // The copy is under way once its temporary file has data.
    const bool started = QTest::qWaitFor(
        [&] {
            const QStringList temps = tempFiles(path("backup"));
            return process.state() != QProcess::Running ||
                   (!temps.isEmpty() && QFileInfo(path("backup/" + temps.first())).size() > 0);
        },
        120000);
    ASSERT_TRUE(started);
    ASSERT_EQ(process.state(), QProcess::Running) << "the copy finished before it could be killed";
    ::kill(pid_t(process.processId()), SIGKILL);
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitStatus(), QProcess::CrashExit);

    const QFileInfo final(path("backup/big.bin"));
    EXPECT_FALSE(final.exists()) << "size " << final.size();
    // What a kill leaves is only ever a temporary name, as rsync's .name.XXXXXX.
    EXPECT_EQ(tempFiles(path("backup")).size(), 1);
}
