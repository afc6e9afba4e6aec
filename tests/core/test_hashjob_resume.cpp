// A hash job resumed after a restart: every file hashed is recorded with its
// stamp and digest; a resumed run does not read the files recorded (their
// recorded digests, deliberately wrong here, go into the manifest), hashes
// again those that changed, and a run canceled part-way then resumed writes
// the manifest a run from scratch writes.
#include "hashjobfixture.h"
#include "kindrun.h"

#include "kinds/common/filestamp.h"

#include <QCryptographicHash>
#include <QThread>
#include <QThreadPool>

namespace {

const QString recordedDigest = QString(64, QLatin1Char('a')); // no file here has it

} // namespace

class HashJobResume : public HashJobFixture {
protected:
    // Twelve files in two folders; one spans several 1 MiB read blocks.
    const QStringList names{
        "tree/a.txt", "tree/b.txt",     "tree/big.bin",   "tree/c.txt",
        "tree/d.txt", "tree/e.txt",     "tree/empty",     "tree/f.txt",
        "tree/g.txt", "tree/sub/h.txt", "tree/sub/i.txt", "tree/sub/j.txt",
    };

    void SetUp() override {
        HashJobFixture::SetUp();
        quint32 seed = 1;
        for (const QString &name : names) {
            const qsizetype size = name.endsWith(QLatin1String("big.bin")) ? 3 * 1024 * 1024 + 5
                                   : name.endsWith(QLatin1String("empty")) ? 0
                                                                           : 1000 + seed;
            writeFile(root + '/' + name.toUtf8(), randomBytes(size, seed++));
        }
    }

    QVariantMap treeParams(const QVariantMap &more = {}) const {
        return hashParams({QStringLiteral("tree")}, more);
    }
    QString stamp(const QString &name) const {
        return FileStamp::of(QFile::encodeName(path(name.toUtf8()))).toString();
    }
    QString digest(const QString &name) const {
        QFile file(path(name.toUtf8()));
        EXPECT_TRUE(file.open(QIODevice::ReadOnly));
        return QString::fromLatin1(
            QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
    }
    QString lineFor(const QString &name, const QString &hex) const {
        return hex + QStringLiteral("  ") + name + QLatin1Char('\n');
    }
    static QString manifestOf(const JobResult &result) {
        return result.details.value(QStringLiteral("manifest")).toString();
    }
    qint64 totalBytes() const {
        qint64 total = 0;
        for (const QString &name : names)
            total += QFileInfo(path(name.toUtf8())).size();
        return total;
    }
};

TEST_F(HashJobResume, IsResumable) {
    EXPECT_TRUE(kind().capabilities() & Resumable);
    EXPECT_TRUE(kind().capabilities() & Cancelable);
    EXPECT_TRUE(kind().capabilities() & Pausable);
}

TEST_F(HashJobResume, FullRunRecordsEveryFileOnceWithItsStampAndDigest) {
    QThreadPool pool; // several files hashed at once, recorded as each is done
    pool.setMaxThreadCount(4);
    KindRun run({}, &pool);
    const JobResult result = run.run(kind(), treeParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    ASSERT_EQ(run.checkpoints.size(), names.size());
    const JobResumeState recorded = run.recorded();
    ASSERT_EQ(recorded.size(), names.size());
    for (const QString &name : names)
        EXPECT_EQ(recorded.value(name), stamp(name) + ':' + digest(name)) << name.toStdString();
    for (const QString &name : names)
        EXPECT_TRUE(manifestOf(result).contains(lineFor(name, digest(name))));
    EXPECT_FALSE(run.log.join('\n').contains(QLatin1String("resumed")));
}

TEST_F(HashJobResume, VerifyRunRecordsTheActualDigests) {
    ASSERT_FALSE(KindRun().run(kind(), treeParams({{"output", "SUMS"}})).failed());
    KindRun run;
    const JobResult result = run.run(kind(), {{"verify", path("SUMS")}});
    ASSERT_FALSE(result.failed()) << result.error.toStdString();
    ASSERT_EQ(run.checkpoints.size(), names.size());
    for (qsizetype i = 0; i < names.size(); ++i) {
        EXPECT_EQ(run.checkpoints[i].item, names[i]);
        EXPECT_EQ(run.checkpoints[i].value, stamp(names[i]) + ':' + digest(names[i]));
    }
}

TEST_F(HashJobResume, ResumedRunTakesRecordedDigestsWithoutReadingTheFiles) {
    const JobResult scratch = KindRun().run(kind(), treeParams());
    ASSERT_FALSE(scratch.failed());

    // Recorded digests that differ from the files' real ones: the manifest
    // can only carry them if the files were not read.
    KindRun run({{"tree/a.txt", stamp("tree/a.txt") + ':' + recordedDigest},
                 {"tree/sub/h.txt", stamp("tree/sub/h.txt") + ':' + recordedDigest}});
    const JobResult result = run.run(kind(), treeParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    QString expected = manifestOf(scratch);
    expected.replace(lineFor("tree/a.txt", digest("tree/a.txt")),
                     lineFor("tree/a.txt", recordedDigest));
    expected.replace(lineFor("tree/sub/h.txt", digest("tree/sub/h.txt")),
                     lineFor("tree/sub/h.txt", recordedDigest));
    EXPECT_EQ(manifestOf(result), expected);
    // Files not recorded were hashed, and only they are recorded now.
    EXPECT_EQ(run.checkpoints.size(), names.size() - 2);
    EXPECT_FALSE(run.recorded().contains("tree/a.txt"));
    EXPECT_EQ(run.recorded().value("tree/b.txt"), stamp("tree/b.txt") + ':' + digest("tree/b.txt"));
    // Counted as a run from scratch counts them, in the result and progress.
    EXPECT_EQ(result.details.value("files").toLongLong(), names.size());
    EXPECT_EQ(result.details.value("bytes").toLongLong(), totalBytes());
    EXPECT_EQ(result.summary, scratch.summary);
    EXPECT_EQ(run.progress.done(), totalBytes());
    EXPECT_EQ(run.progress.total(), totalBytes());
    EXPECT_TRUE(run.logged("resumed: 2 files finished before the restart were skipped"))
        << run.log.join('\n').toStdString();
}

TEST_F(HashJobResume, ResumedVerifyJudgesRecordedDigestsWithoutReadingTheFiles) {
    ASSERT_FALSE(KindRun().run(kind(), treeParams({{"output", "SUMS"}})).failed());
    KindRun run({{"tree/c.txt", stamp("tree/c.txt") + ':' + recordedDigest},
                 {"tree/d.txt", stamp("tree/d.txt") + ':' + digest("tree/d.txt")}});
    const JobResult result = run.run(kind(), {{"verify", path("SUMS")}});

    EXPECT_TRUE(result.failed());
    EXPECT_EQ(result.details.value("mismatched").toStringList(), QStringList{"tree/c.txt"});
    EXPECT_EQ(result.details.value("ok").toInt(), names.size() - 1);
    EXPECT_EQ(result.details.value("bytes").toLongLong(), totalBytes());
    EXPECT_TRUE(run.logged("tree/c.txt: FAILED"));
    EXPECT_TRUE(run.logged("tree/d.txt: OK"));
    EXPECT_TRUE(run.logged("resumed: 2 files finished before the restart were skipped"));
    EXPECT_EQ(run.checkpoints.size(), names.size() - 2);
}

TEST_F(HashJobResume, FileChangedSinceItWasRecordedIsHashedAgain) {
    const FileStamp a = FileStamp::of(QFile::encodeName(path("tree/a.txt")));
    const FileStamp b = FileStamp::of(QFile::encodeName(path("tree/b.txt")));
    KindRun run(
        {{"tree/a.txt", FileStamp(a.size(), a.mtimeNs() + 1).toString() + ':' + recordedDigest},
         {"tree/b.txt", FileStamp(b.size() + 1, b.mtimeNs()).toString() + ':' + recordedDigest},
         {"tree/c.txt", stamp("tree/c.txt") + ':' + recordedDigest}});
    const JobResult result = run.run(kind(), treeParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    EXPECT_TRUE(manifestOf(result).contains(lineFor("tree/a.txt", digest("tree/a.txt"))));
    EXPECT_TRUE(manifestOf(result).contains(lineFor("tree/b.txt", digest("tree/b.txt"))));
    EXPECT_TRUE(manifestOf(result).contains(lineFor("tree/c.txt", recordedDigest)));
    EXPECT_EQ(run.recorded().value("tree/a.txt"), stamp("tree/a.txt") + ':' + digest("tree/a.txt"));
    EXPECT_TRUE(run.logged("resumed: 1 file finished before the restart was skipped, 2 changed "
                           "since and hashed again"))
        << run.log.join('\n').toStdString();
}

TEST_F(HashJobResume, RecordedFileNowMissingIsReportedAsARunFromScratchWould) {
    KindRun run({{"tree/a.txt", stamp("tree/a.txt") + ':' + recordedDigest}});
    ASSERT_TRUE(QFile::remove(path("tree/a.txt")));
    const JobResult result = run.run(kind(), treeParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();
    EXPECT_FALSE(manifestOf(result).contains(QLatin1String("tree/a.txt")));
    EXPECT_EQ(result.details.value("files").toLongLong(), names.size() - 1);
}

TEST_F(HashJobResume, CanceledMidRunThenResumedWritesTheManifestOfARunFromScratch) {
    ASSERT_FALSE(KindRun().run(kind(), treeParams({{"output", "scratch.sha256"}})).failed());

    // Canceled while it waits to open tree/d.txt: a.txt, b.txt, big.bin and
    // c.txt are hashed (and recorded), the rest is not.
    KindRun first;
    const std::optional<JobResult> canceled = first.runAndCancelAt(
        kind(), treeParams({{"output", "resumed.sha256"}}), path("tree/d.txt"));
    if (!canceled)
        GTEST_SKIP() << "this file system does not grant file leases";
    EXPECT_EQ(canceled->error, QStringLiteral("canceled"));
    ASSERT_EQ(first.checkpoints.size(), 4);
    // The manifest appears only once complete (QSaveFile), and never partial.
    EXPECT_FALSE(QFileInfo::exists(path("resumed.sha256")));
    EXPECT_EQ(QDir(tmp.path()).entryList({"resumed.sha256*"}, QDir::Files | QDir::Hidden),
              QStringList{});

    KindRun second(first.recorded());
    const JobResult result = second.run(kind(), treeParams({{"output", "resumed.sha256"}}));
    ASSERT_FALSE(result.failed()) << result.error.toStdString();
    QFile scratch(path("scratch.sha256"));
    QFile resumed(path("resumed.sha256"));
    ASSERT_TRUE(scratch.open(QIODevice::ReadOnly));
    ASSERT_TRUE(resumed.open(QIODevice::ReadOnly));
    EXPECT_EQ(resumed.readAll(), scratch.readAll());
    EXPECT_EQ(result.details.value("files").toLongLong(), names.size());
    EXPECT_EQ(second.checkpoints.size() + first.checkpoints.size(), names.size());
    EXPECT_EQ(second.progress.done(), totalBytes());
    EXPECT_TRUE(second.logged("resumed: 4 files finished before the restart were skipped"))
        << second.log.join('\n').toStdString();
}

// A worker held on the first file while another hashes all the rest: those are
// finished and must be recorded then, not only once the first one is done
// (it never is: the run is canceled there), so the resumed run skips them.
TEST_F(HashJobResume, FilesFinishedAheadOfManifestOrderAreRecordedAndSkippedOnResume) {
    if (QThread::idealThreadCount() < 2)
        GTEST_SKIP() << "one core: the files are hashed one at a time, in manifest order";
    const QByteArray expected = toolManifest(QStringLiteral("sha256sum"), {QStringLiteral("tree")});
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    KindRun first({}, &pool);
    const qsizetype others = names.size() - 1;
    const std::optional<JobResult> canceled = first.runAndCancelAt(
        kind(), treeParams({{"output", "resumed.sha256"}}), path("tree/a.txt"),
        [&] { return first.checkpoints.size() >= others; }, 30000);
    if (!canceled)
        GTEST_SKIP() << "this file system does not grant file leases";
    EXPECT_EQ(canceled->error, QStringLiteral("canceled"));
    ASSERT_EQ(first.checkpoints.size(), others);
    EXPECT_FALSE(first.recorded().contains("tree/a.txt"));

    KindRun second(first.recorded(), &pool);
    const JobResult result = second.run(kind(), treeParams({{"output", "resumed.sha256"}}));
    ASSERT_FALSE(result.failed()) << result.error.toStdString();
    EXPECT_TRUE(second.logged(QStringLiteral("resumed: %1 files finished before the restart were "
                                             "skipped")
                                  .arg(others)))
        << second.log.join('\n').toStdString();
    // Only the file held back was read again.
    ASSERT_EQ(second.checkpoints.size(), 1);
    EXPECT_EQ(second.checkpoints.first().item, QStringLiteral("tree/a.txt"));
    QFile resumed(path("resumed.sha256"));
    ASSERT_TRUE(resumed.open(QIODevice::ReadOnly));
    EXPECT_EQ(resumed.readAll().toStdString(), expected.toStdString());
}

// The manifest is written beside its final name, as a temporary file the job
// tracks (so a crash leaves nothing the queue does not know of), and is gone
// once the job is canceled.
TEST_F(HashJobResume, TheManifestIsWrittenAsATrackedTemporaryFileBesideItsName) {
    KindRun run;
    QStringList tracked;
    bool existed = false;
    const std::optional<JobResult> canceled =
        run.runAndCancelAt(kind(), treeParams({{"output", "SUMS"}}), path("tree/d.txt"), [&] {
            tracked = run.progress.temporaries();
            existed = tracked.size() == 1 && QFileInfo::exists(tracked.first());
            return true;
        });
    if (!canceled)
        GTEST_SKIP() << "this file system does not grant file leases";
    ASSERT_EQ(tracked.size(), 1);
    EXPECT_TRUE(existed);
    EXPECT_EQ(QFileInfo(tracked.first()).absolutePath(), tmp.path());
    EXPECT_TRUE(QFileInfo(tracked.first()).fileName().startsWith(QLatin1String(".SUMS.taskdeck-")))
        << tracked.first().toStdString();
    EXPECT_TRUE(run.progress.temporaries().isEmpty());
    EXPECT_FALSE(QFileInfo::exists(tracked.first()));
    EXPECT_FALSE(QFileInfo::exists(path("SUMS")));
}
