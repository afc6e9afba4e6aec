// ReadableFile and AtomicOutputFile: the two ways a job touches the user's
// files. Real files, FIFOs, devices and links in a temporary folder.
#include "base/readablefile.h"
#include "job/jobcontext.h"
#include "kinds/common/atomicoutputfile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {
class FileSafety : public ::testing::Test {
protected:
    QTemporaryDir tmp;
    QString path(const QString &name) const { return tmp.filePath(name); }
    void write(const QString &name, const QByteArray &bytes) {
        QFile file(path(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    QStringList entries() const {
        return QDir(tmp.path())
            .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    }
};
} // namespace

TEST_F(FileSafety, ARegularFileOpensWithItsStatus) {
    write(QStringLiteral("a.txt"), "hello");
    auto opened = ReadableFile::open(path(QStringLiteral("a.txt")));
    ASSERT_TRUE(opened.ok()) << opened.error().toStdString();
    EXPECT_EQ(opened->info.st_size, 5);
    char buffer[8];
    EXPECT_EQ(::read(opened->fd.get(), buffer, sizeof buffer), 5);
}

TEST_F(FileSafety, AFifoWithoutAWriterIsRefusedAtOnceNamingIt) {
    const QByteArray fifo = QFile::encodeName(path(QStringLiteral("pipe")));
    ASSERT_EQ(::mkfifo(fifo.constData(), 0600), 0);
    QElapsedTimer timer;
    timer.start();
    const auto opened = ReadableFile::open(fifo);
    EXPECT_LT(timer.elapsed(), 5000);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error(), QStringLiteral("cannot read %1: it is a FIFO, not a regular file")
                                  .arg(QString::fromLocal8Bit(fifo)));
}

TEST_F(FileSafety, ALinkSwappedToADeviceIsRefused) {
    ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), path(QStringLiteral("big.bin"))));
    const auto opened = ReadableFile::open(path(QStringLiteral("big.bin")));
    ASSERT_FALSE(opened.ok());
    EXPECT_TRUE(opened.error().contains(QStringLiteral("a character device")))
        << opened.error().toStdString();
}

// A file server (or a test gating an open) holds a lease: a plain open waits
// for it to be given up, and so must this one, instead of failing with
// "resource temporarily unavailable" as a bare non-blocking open does.
TEST_F(FileSafety, ALeasedFileOpensOnceItsHolderGivesTheLeaseUp) {
    write(QStringLiteral("leased"), "data");
    ::signal(SIGIO, SIG_IGN); // sent to the holder when an open breaks the lease
    const int holder =
        ::open(QFile::encodeName(path(QStringLiteral("leased"))).constData(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(holder, 0);
    if (::fcntl(holder, F_SETLEASE, F_WRLCK) != 0) {
        ::close(holder);
        GTEST_SKIP() << "this file system does not grant file leases";
    }
    std::atomic<bool> done{false};
    std::optional<Expected<ReadableFile::Opened>> opened;
    std::thread reader([&] {
        opened = ReadableFile::open(path(QStringLiteral("leased")));
        done = true;
    });
    // The open has started breaking the lease when it reads as what it is broken to.
    EXPECT_TRUE(QTest::qWaitFor([&] { return ::fcntl(holder, F_GETLEASE) != F_WRLCK; }, 30000));
    ::fcntl(holder, F_SETLEASE, F_UNLCK);
    ::close(holder);
    reader.join();
    ASSERT_TRUE(done);
    ASSERT_TRUE(opened->ok()) << opened->error().toStdString();
    char buffer[8];
    EXPECT_EQ(::read((*opened)->fd.get(), buffer, sizeof buffer), 4);
}

TEST_F(FileSafety, AFolderIsRefused) {
    ASSERT_TRUE(QDir(tmp.path()).mkdir(QStringLiteral("sub")));
    const auto opened = ReadableFile::open(path(QStringLiteral("sub")));
    ASSERT_FALSE(opened.ok());
    EXPECT_TRUE(opened.error().endsWith(QStringLiteral("it is a folder, not a regular file")));
}

TEST_F(FileSafety, ALinkIsRefusedWhenLinksAreNotFollowed) {
    write(QStringLiteral("real"), "x");
    ASSERT_TRUE(QFile::link(path(QStringLiteral("real")), path(QStringLiteral("link"))));
    EXPECT_TRUE(ReadableFile::open(path(QStringLiteral("link"))).ok());
    const auto opened =
        ReadableFile::open(path(QStringLiteral("link")), ReadableFile::Links::DoNotFollow);
    ASSERT_FALSE(opened.ok());
    EXPECT_TRUE(opened.error().contains(QStringLiteral("symbolic link")));
}

TEST_F(FileSafety, AMissingFileSaysSo) {
    const auto opened = ReadableFile::open(path(QStringLiteral("nope")));
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error(), QStringLiteral("cannot read %1: no such file or directory")
                                  .arg(path(QStringLiteral("nope"))));
}

TEST_F(FileSafety, AnOutputAppearsOnlyWhenCommittedWithTheUsualMode) {
    const mode_t old = ::umask(027);
    AtomicOutputFile output(nullptr, path(QStringLiteral("out.txt")));
    ASSERT_TRUE(output.open().ok());
    ASSERT_TRUE(output.write("data").ok());
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("out.txt"))));
    EXPECT_TRUE(QFileInfo(output.temporaryPath())
                    .fileName()
                    .startsWith(QStringLiteral(".out.txt.taskdeck-")));
    ASSERT_TRUE(output.commit().ok());
    ::umask(old);
    QFile result(path(QStringLiteral("out.txt")));
    ASSERT_TRUE(result.open(QIODevice::ReadOnly));
    EXPECT_EQ(result.readAll(), "data");
    struct stat info {};
    ASSERT_EQ(::stat(QFile::encodeName(result.fileName()).constData(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0640u);
    EXPECT_EQ(entries(), QStringList{QStringLiteral("out.txt")});
}

TEST_F(FileSafety, ADiscardedOrAbandonedOutputLeavesNothing) {
    {
        AtomicOutputFile output(nullptr, path(QStringLiteral("a")));
        ASSERT_TRUE(output.open().ok());
        ASSERT_TRUE(output.write("partial").ok());
        EXPECT_EQ(entries().size(), 1);
        output.discard();
        EXPECT_TRUE(entries().isEmpty());
    }
    {
        AtomicOutputFile output(nullptr, path(QStringLiteral("b")));
        ASSERT_TRUE(output.open().ok());
    }
    EXPECT_TRUE(entries().isEmpty());
}

TEST_F(FileSafety, KeepingAnExistingFileRefusesTheCommitAndLeavesItAlone) {
    write(QStringLiteral("keep"), "original");
    AtomicOutputFile output(nullptr, path(QStringLiteral("keep")));
    ASSERT_TRUE(output.open().ok());
    ASSERT_TRUE(output.write("new").ok());
    const Status committed = output.commit(AtomicOutputFile::Existing::Keep);
    ASSERT_FALSE(committed.ok());
    EXPECT_TRUE(committed.error().contains(QStringLiteral("already exists")));
    QFile kept(path(QStringLiteral("keep")));
    ASSERT_TRUE(kept.open(QIODevice::ReadOnly));
    EXPECT_EQ(kept.readAll(), "original");
    EXPECT_EQ(entries(), QStringList{QStringLiteral("keep")});
}

TEST_F(FileSafety, ALongNameStillFitsItsTemporaryName) {
    const QString name = QString(250, QLatin1Char('n'));
    AtomicOutputFile output(nullptr, path(name));
    ASSERT_TRUE(output.open().ok());
    ASSERT_TRUE(output.commit().ok());
    EXPECT_TRUE(QFile::exists(path(name)));
}

TEST_F(FileSafety, ARunAfterACrashSweepsOnlyItsOwnJobsStaleTemporaryFiles) {
    for (const char *name : {".a.jpg.taskdeck-abc123j7-Xy12Zq",  // job 7's, stale: goes
                             ".b.jpg.taskdeck-abc123j7-Qq34Rr",  // job 7's, live: stays
                             ".a.jpg.taskdeck-abc123j70-Xy12Zq", // job 70's: stays
                             ".a.jpg.taskdeck-ffffffj7-Xy12Zq",  // another data folder's: stays
                             ".a.jpg.taskdeck-Xy12Zq",           // untagged (`taskdeck run`): stays
                             "a.jpg.taskdeck-abc123j7-Xy12Zq"})  // not hidden: not ours
        write(QString::fromLatin1(name), "x");
    QPromise<void> promise;
    promise.start();
    JobProgress progress;
    JobContext context(promise, progress, nullptr, nullptr, nullptr, 7, "abc123j7", true);
    context.trackTemporary(path(QStringLiteral(".b.jpg.taskdeck-abc123j7-Qq34Rr")));
    const QByteArray folder = QFile::encodeName(tmp.path());
    EXPECT_EQ(AtomicOutputFile::sweepStale(context, folder), 1);
    EXPECT_FALSE(QFile::exists(path(QStringLiteral(".a.jpg.taskdeck-abc123j7-Xy12Zq"))));
    EXPECT_EQ(entries().size(), 5);
    EXPECT_EQ(AtomicOutputFile::sweepStale(context, folder), 0); // once per folder and run

    JobContext fresh(promise, progress, nullptr, nullptr, nullptr, 7, "abc123j7", false);
    write(QStringLiteral(".c.jpg.taskdeck-abc123j7-Aa11Bb"), "x");
    EXPECT_EQ(AtomicOutputFile::sweepStale(fresh, folder), 0); // no earlier run was cut short
    promise.finish();
}
