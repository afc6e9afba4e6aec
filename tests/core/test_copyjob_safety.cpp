// What a copy leaves behind and what it opens: every temporary file is
// tracked while it exists and gone when the run ends, whether it was canceled
// or failed; a source swapped for a FIFO or a link to a device between the
// scan and the copy is an error naming it, never a read that does not end.
// Runs are stopped at a known file with a lease (KindRun::runPausedAt), no
// timing involved.
#include "copyjobfixture.h"
#include "kindrun.h"

#include <sys/stat.h>
#include <unistd.h>

namespace {

class CopyJobSafety : public CopyJobFixture {
protected:
    void SetUp() override {
        CopyJobFixture::SetUp();
        writeFile(root + "/src/a.txt", randomBytes(1000, 1));
        writeFile(root + "/src/b.txt", randomBytes(2000, 2));
        writeFile(root + "/src/c.txt", randomBytes(3000, 3));
        writeFile(root + "/src/d.txt", randomBytes(4000, 4));
    }
    // Names in dst/src that are not a complete copy of their source (cmp).
    QStringList incompleteFiles() const {
        QStringList bad;
        const QStringList names =
            QDir(path("dst/src"))
                .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        for (const QString &name : names) {
            const ShellResult cmp =
                runShell(QStringLiteral("cmp 'src/%1' 'dst/src/%1'").arg(name), tmp.path());
            if (cmp.exitCode != 0)
                bad.append(name);
        }
        return bad;
    }
    QStringList entriesOf(const QString &folder) const {
        return QDir(path(folder))
            .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    }
};

TEST_F(CopyJobSafety, ACanceledCopyTracksItsTemporaryFileUntilItIsDeletedAndLeavesOnlyWholeFiles) {
    KindRun run;
    QStringList trackedWhilePaused;
    QStringList onDiskWhilePaused;
    const auto result = run.runPausedAt(
        kind(), copyParams({QStringLiteral("src")}), path("src/b.txt"),
        [&] {
            trackedWhilePaused = run.progress.temporaries();
            onDiskWhilePaused = tempFiles(QStringLiteral("dst/src"));
        },
        KindRun::Then::Cancel);
    ASSERT_TRUE(result.has_value()) << "leases refused, or the run did not end";
    EXPECT_EQ(result->error, QStringLiteral("canceled"));

    // Paused inside b.txt: a.txt done, b.txt's data in its temporary file.
    ASSERT_EQ(onDiskWhilePaused.size(), 1) << onDiskWhilePaused.join(' ').toStdString();
    EXPECT_TRUE(onDiskWhilePaused[0].startsWith(QStringLiteral(".b.txt.taskdeck-")));
    EXPECT_EQ(trackedWhilePaused, QStringList{path("dst/src/" + onDiskWhilePaused[0])});
    // Canceled: the temporary file deleted and no longer tracked.
    EXPECT_TRUE(run.progress.temporaries().isEmpty())
        << run.progress.temporaries().join(' ').toStdString();
    EXPECT_EQ(entriesOf(QStringLiteral("dst/src")), QStringList{QStringLiteral("a.txt")});
    EXPECT_TRUE(incompleteFiles().isEmpty()) << incompleteFiles().join(' ').toStdString();
}

TEST_F(CopyJobSafety, AFailedCopyDeletesAndReleasesItsTemporaryFileAndTheRestIsWhole) {
    KindRun run;
    QStringList trackedWhilePaused;
    const auto result = run.runPausedAt(
        kind(), copyParams({QStringLiteral("src")}, "dst", {{"verify", true}}), path("src/b.txt"),
        [&] {
            trackedWhilePaused = run.progress.temporaries();
            // The same size, other bytes, after they were copied: verification fails.
            writeFile(root + "/src/b.txt", randomBytes(2000, 99));
        },
        KindRun::Then::Resume);
    ASSERT_TRUE(result.has_value()) << "leases refused, or the run did not end";
    EXPECT_EQ(result->error, QStringLiteral("verification failed: the copy of %1 differs from "
                                            "the original")
                                 .arg(path("src/b.txt")));
    ASSERT_EQ(trackedWhilePaused.size(), 1);
    EXPECT_FALSE(QFileInfo::exists(trackedWhilePaused[0]));
    EXPECT_TRUE(run.progress.temporaries().isEmpty());
    const QStringList whole{QStringLiteral("a.txt"), QStringLiteral("c.txt"),
                            QStringLiteral("d.txt")};
    EXPECT_EQ(entriesOf(QStringLiteral("dst/src")), whole);
    EXPECT_TRUE(incompleteFiles().isEmpty()) << incompleteFiles().join(' ').toStdString();
}

TEST_F(CopyJobSafety, ASourceSwappedForAFifoOrALinkToADeviceAfterTheScanIsAnErrorNamingIt) {
    const QByteArray fifo = QFile::encodeName(path("src/c.txt"));
    KindRun run;
    const auto result = run.runPausedAt(
        kind(), copyParams({QStringLiteral("src")}), path("src/b.txt"),
        [&] {
            // Scanned as regular files; now a FIFO without a writer and /dev/zero.
            ASSERT_EQ(::unlink(fifo.constData()), 0);
            ASSERT_EQ(::mkfifo(fifo.constData(), 0644), 0);
            ASSERT_EQ(::unlink(QFile::encodeName(path("src/d.txt")).constData()), 0);
            ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), path("src/d.txt")));
        },
        KindRun::Then::Resume, 30000,
        [&] {
            // Frees a reader stuck in open(): the test then fails, not hangs.
            const int writer = ::open(fifo.constData(), O_WRONLY | O_NONBLOCK);
            if (writer >= 0)
                ::close(writer);
        });
    ASSERT_TRUE(result.has_value()) << "the copy did not end: it reads what it must refuse";
    EXPECT_EQ(result->error,
              QStringLiteral("cannot read %1: it is a FIFO, not a regular file, and 1 more could "
                             "not be copied")
                  .arg(path("src/c.txt")));
    EXPECT_TRUE(run.logged(QStringLiteral("cannot read %1: it is a symbolic link, not a regular "
                                          "file")
                               .arg(path("src/d.txt"))))
        << run.log.join('\n').toStdString();
    EXPECT_EQ(result->details.value("failed").toStringList(),
              (QStringList{path("src/c.txt"), path("src/d.txt")}));
    EXPECT_EQ(entriesOf(QStringLiteral("dst/src")),
              (QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt")}));
    EXPECT_TRUE(run.progress.temporaries().isEmpty());
}

} // namespace
