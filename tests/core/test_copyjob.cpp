// The copy job through a real JobQueue on real files, compared with cp -a.
#include "copyjobfixture.h"
#include "leasegate.h"

#include <sys/stat.h>
#include <unistd.h>

namespace {

// One line per entry under `top`, relative to dir: name, type, mode,
// modification time in nanoseconds and link target.
QByteArray listing(const QString &dir, const QString &top = QStringLiteral("src")) {
    const ShellResult result = runShell(
        QStringLiteral("find %1 -printf '%P|%y|%m|%T@|%l\\n' | LC_ALL=C sort").arg(top), dir);
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    return result.out;
}

// A tree with what cp -a keeps: nanosecond times, odd modes (read-only file and
// folder), symlinks (to a file, to a folder, to itself, dangling), empty files
// and folders, a file of several copy chunks.
void makeTree(const QByteArray &root) {
    writeFile(root + "/src/a.txt", "hello\n");
    writeFile(root + "/src/sub/b.bin", randomBytes(19 * 1024 * 1024 + 17, 1));
    writeFile(root + "/src/rodir/f", "x");
    writeFile(root + "/src/empty", {});
    writeFile(root + "/src/with space \xc3\xbc.txt", randomBytes(5000, 2));
    const ShellResult made = runShell(
        QStringLiteral("mkdir -p 'src/sub/empty folder' && chmod 640 src/a.txt && "
                       "chmod 444 src/rodir/f && ln -s a.txt src/link && ln -s sub src/dirlink "
                       "&& ln -s loop src/loop && ln -s /nonexistent/x src/dangling && "
                       "touch -h -d '2020-01-02 03:04:05.123456789' src/link src/a.txt "
                       "src/sub/b.bin src/rodir/f 'src/sub/empty folder' src/sub src/rodir && "
                       "chmod 555 src/rodir && touch -d '2019-05-06 07:08:09.987654321' src"),
        QFile::decodeName(root));
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
}

class CopyJob : public CopyJobFixture {};

TEST_F(CopyJob, CopiesATreeExactlyAsCpDashADoes) {
    makeTree(root);
    ASSERT_EQ(runShell(QStringLiteral("mkdir cp && cp -a src cp/"), tmp.path()).exitCode, 0);

    const JobSnapshot job = run(copyParams({QStringLiteral("src")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();

    const QByteArray expected = listing(path("cp"));
    ASSERT_TRUE(expected.contains("rodir|d|555|")) << expected.toStdString();
    EXPECT_EQ(listing(path("dst")), expected);
    const ShellResult diff =
        runShell(QStringLiteral("diff -r --no-dereference cp/src dst/src"), tmp.path());
    EXPECT_EQ(diff.exitCode, 0) << diff.out.toStdString() << diff.err.toStdString();
    EXPECT_EQ(job.result.details.value("files").toLongLong(), 5);
    EXPECT_EQ(job.result.details.value("links").toLongLong(), 4);
    EXPECT_EQ(job.result.details.value("folders").toLongLong(), 4);
    EXPECT_EQ(job.total, 19 * 1024 * 1024 + 17 + 6 + 1 + 5000);
    EXPECT_EQ(job.done, job.total);
    EXPECT_EQ(job.unit, ProgressUnit::Bytes);
    EXPECT_EQ(job.result.summary, QStringLiteral("9 files, 19.9 MB copied"));
    EXPECT_TRUE(tempFiles(QStringLiteral("dst/src")).isEmpty());
}

TEST_F(CopyJob, CopiesSeveralSourcesAndKeepsASourceSymlinkAsALink) {
    writeFile(root + "/one.txt", "1");
    writeFile(root + "/folder/two.txt", "2");
    ASSERT_TRUE(QFile::link(QStringLiteral("one.txt"), path("alias")));
    const JobSnapshot job = run(copyParams(
        {QStringLiteral("one.txt"), QStringLiteral("folder/"), QStringLiteral("alias")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(read(QStringLiteral("dst/one.txt")), "1");
    EXPECT_EQ(read(QStringLiteral("dst/folder/two.txt")), "2");
    EXPECT_EQ(QFileInfo(path("dst/alias")).symLinkTarget(), path("dst/one.txt"));
}

TEST_F(CopyJob, SkipsAnExistingFileByDefaultAndListsIt) {
    writeFile(root + "/src/a.txt", "new");
    writeFile(root + "/src/b.txt", "b");
    writeFile(root + "/dst/src/a.txt", "old");
    const JobSnapshot job = run(copyParams({QStringLiteral("src")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(read(QStringLiteral("dst/src/a.txt")), "old");
    EXPECT_EQ(read(QStringLiteral("dst/src/b.txt")), "b");
    EXPECT_TRUE(job.result.summary.startsWith(QStringLiteral("1 file, ")));
    EXPECT_TRUE(job.result.summary.endsWith(QStringLiteral(" copied, 1 skipped")));
    EXPECT_EQ(job.result.details.value("skipped").toStringList(), QStringList{path("src/a.txt")});
}

TEST_F(CopyJob, OverwritesAnExistingFileWhenAsked) {
    writeFile(root + "/a.txt", "new");
    writeFile(root + "/dst/a.txt", "old");
    const JobSnapshot job =
        run(copyParams({QStringLiteral("a.txt")}, "dst", {{"on_conflict", "overwrite"}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(read(QStringLiteral("dst/a.txt")), "new");
    EXPECT_TRUE(tempFiles(QStringLiteral("dst")).isEmpty());
}

TEST_F(CopyJob, RenamesToNameTwoThenNameThreeKeepingTheExtension) {
    writeFile(root + "/photo.jpg", "new");
    writeFile(root + "/README", "r");
    writeFile(root + "/.profile", "p");
    writeFile(root + "/dst/photo.jpg", "old");
    writeFile(root + "/dst/README", "old");
    writeFile(root + "/dst/.profile", "old");
    const QVariantMap params = copyParams(
        {QStringLiteral("photo.jpg"), QStringLiteral("README"), QStringLiteral(".profile")}, "dst",
        {{"on_conflict", "rename"}});
    JobSnapshot job = run(params);
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(read(QStringLiteral("dst/photo.jpg")), "old");
    EXPECT_EQ(read(QStringLiteral("dst/photo (2).jpg")), "new");
    EXPECT_EQ(read(QStringLiteral("dst/README (2)")), "r");
    EXPECT_EQ(read(QStringLiteral("dst/.profile (2)")), "p");
    EXPECT_EQ(job.result.details.value("renamed_count").toLongLong(), 3);
    EXPECT_TRUE(job.result.summary.endsWith(QStringLiteral(", 3 renamed")));

    job = run(params);
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(read(QStringLiteral("dst/photo (3).jpg")), "new");
}

// The three passes (copy, re-read both sides) count the data once: 3.5 GB of
// files read as 3.5 GB, not 10.5 GB.
TEST_F(CopyJob, VerifyReReadsBothSidesAndCountsTheDataOnce) {
    writeFile(root + "/src/big.bin", randomBytes(9 * 1024 * 1024 + 3, 4));
    writeFile(root + "/src/small.txt", "s");
    const JobSnapshot job = run(copyParams({QStringLiteral("src")}, "dst", {{"verify", true}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(job.total, 9 * 1024 * 1024 + 3 + 1);
    EXPECT_EQ(job.done, job.total);
    EXPECT_EQ(read(QStringLiteral("dst/src/big.bin")), read(QStringLiteral("src/big.bin")));
}

TEST_F(CopyJob, PauseAndCancelInTheMiddleOfALargeFileLeaveNoFileUnderItsName) {
    // Real data (holes are not copied), several chunks of it.
    writeFile(root + "/big.bin", randomBytes(64 * 1024 * 1024, 5));
    // Held until the job starts (validation opens big.bin too), so that the
    // lease can be taken before the job runs.
    const JobId id = add(copyParams({QStringLiteral("big.bin")}));
    ASSERT_TRUE(queue.pause(id).ok());
    // While the job's open of big.bin waits for the lease, the pause is asked
    // for: it takes effect at the checkpoint after the first chunk.
    LeaseGate gate(path("big.bin"));
    if (!gate.isHeld())
        GTEST_SKIP() << "this file system refuses leases";
    ASSERT_TRUE(queue.resume(id).ok());
    ASSERT_TRUE(waitUntil([&] { return gate.isWaitedOn(); }));
    ASSERT_TRUE(queue.pause(id).ok());
    gate.release();
    ASSERT_TRUE(waitForState(id, JobState::Paused));
    ASSERT_TRUE(waitUntil([&] { return queue.job(id)->done > 0; }));
    const qint64 pausedAt = queue.job(id)->done;
    ASSERT_LT(pausedAt, 64 * 1024 * 1024) << "the copy ended before the pause took effect";
    EXPECT_FALSE(QFileInfo::exists(path("dst/big.bin")));
    EXPECT_EQ(tempFiles(QStringLiteral("dst")).size(), 1);

    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    EXPECT_FALSE(QFileInfo::exists(path("dst/big.bin")));
    EXPECT_TRUE(waitUntil([&] { return tempFiles(QStringLiteral("dst")).isEmpty(); }))
        << tempFiles(QStringLiteral("dst")).join(' ').toStdString();
}

TEST_F(CopyJob, AnUnreadableFileFailsTheJobNamingItAndTheRestIsCopied) {
    writeFile(root + "/src/a.txt", "a");
    writeFile(root + "/src/locked.txt", "secret");
    writeFile(root + "/src/z.txt", "z");
    ASSERT_EQ(
        runShell(QStringLiteral("chmod 000 src/locked.txt && chmod 777 dst"), tmp.path()).exitCode,
        0);
    const AsUnprivilegedUser nobody;
    const JobSnapshot job = run(copyParams({QStringLiteral("src")}));
    ASSERT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.result.error,
              QStringLiteral("cannot read %1: permission denied").arg(path("src/locked.txt")));
    EXPECT_EQ(read(QStringLiteral("dst/src/a.txt")), "a");
    EXPECT_EQ(read(QStringLiteral("dst/src/z.txt")), "z");
    EXPECT_FALSE(QFileInfo::exists(path("dst/src/locked.txt")));
}

} // namespace
