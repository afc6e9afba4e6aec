// A copy job resumed after a restart: every file, link and created folder is
// recorded once in place; a resumed run leaves the recorded copies alone (a
// copy with other content of the same size stays untouched), copies again
// over its own stale copy when the source changed, finishes the folders the
// interrupted run created, and a run canceled part-way then resumed leaves
// the tree a run from scratch leaves.
#include "copyjobfixture.h"
#include "kindrun.h"

#include "kinds/common/filestamp.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QThreadPool>

#include <sys/stat.h>
#include <unistd.h>

class CopyJobResume : public CopyJobFixture {
protected:
    const QStringList files{"src/a.txt",     "src/b.txt",     "src/c.txt",
                            "src/d.txt",     "src/e.txt",     "src/f.txt",
                            "src/sub/g.txt", "src/sub/h.txt", "src/sub/i.txt"};

    void SetUp() override {
        CopyJobFixture::SetUp();
        quint32 seed = 1;
        for (const QString &file : files) {
            writeFile(QFile::encodeName(path(file)), randomBytes(500 + 100 * seed, seed));
            ++seed;
        }
        ASSERT_TRUE(QFile::link(QStringLiteral("a.txt"), path("src/link")));
        // Modes the copies must get, set last by the job.
        ASSERT_EQ(::chmod(QFile::encodeName(path("src/sub")).constData(), 0750), 0);
        ASSERT_EQ(::chmod(QFile::encodeName(path("src")).constData(), 0751), 0);
    }

    QVariantMap srcParams(const QString &destination = "dst", const QVariantMap &more = {}) const {
        return copyParams({QStringLiteral("src")}, destination, more);
    }
    // The source's stamp as the copy job records it (lstat).
    FileStamp stampOf(const QString &relative) const {
        struct stat info {};
        EXPECT_EQ(::lstat(QFile::encodeName(path(relative)).constData(), &info), 0);
        return FileStamp::fromStat(info);
    }
    QString recordFor(const QString &relative, const FileStamp &stamp) const {
        return stamp.toString() + ':' + path("dst/" + relative);
    }
    // Every entry below folder: type, mode, size, times, content or link target.
    QStringList describeTree(const QString &folder) const {
        QStringList lines;
        const QDir base(path(folder));
        QDirIterator it(path(folder),
                        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString entry = it.next();
            struct stat info {};
            ::lstat(QFile::encodeName(entry).constData(), &info);
            QString line = QStringLiteral("%1 mode=%2 size=%3 mtime=%4")
                               .arg(base.relativeFilePath(entry))
                               .arg(info.st_mode, 0, 8)
                               .arg(S_ISDIR(info.st_mode) ? 0 : info.st_size)
                               .arg(FileStamp::fromStat(info).mtimeNs());
            if (S_ISREG(info.st_mode)) {
                QFile file(entry);
                file.open(QIODevice::ReadOnly);
                line +=
                    QStringLiteral(" sha1=") +
                    QString::fromLatin1(
                        QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1).toHex());
            } else if (S_ISLNK(info.st_mode)) {
                char target[4096];
                const ssize_t length =
                    ::readlink(QFile::encodeName(entry).constData(), target, sizeof target);
                line += QStringLiteral(" -> ") +
                        QString::fromUtf8(target, int(qMax<ssize_t>(0, length)));
            }
            lines.append(line);
        }
        lines.sort();
        return lines;
    }
    // An earlier run's copy of relative (under dst/src) with other bytes of the same size.
    void plantCopy(const QString &relative, const QByteArray &bytes) const {
        ASSERT_TRUE(QDir().mkpath(QFileInfo(path("dst/" + relative)).absolutePath()));
        writeFile(QFile::encodeName(path("dst/" + relative)), bytes);
    }
    qint64 totalBytes() const {
        qint64 total = 0;
        for (const QString &file : files)
            total += QFileInfo(path(file)).size();
        return total;
    }
};

TEST_F(CopyJobResume, IsResumable) {
    EXPECT_TRUE(kind().capabilities() & Resumable);
    EXPECT_TRUE(kind().capabilities() & Cancelable);
    EXPECT_TRUE(kind().capabilities() & Pausable);
}

TEST_F(CopyJobResume, FullRunRecordsEveryFileLinkAndCreatedFolder) {
    QThreadPool pool; // several files at once, each recorded by its worker
    pool.setMaxThreadCount(4);
    KindRun run({}, &pool);
    const JobResult result = run.run(kind(), srcParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    const JobResumeState recorded = run.recorded();
    EXPECT_EQ(run.checkpoints.size(), files.size() + 1 + 2); // files, the link, two folders
    for (const QString &file : files)
        EXPECT_EQ(recorded.value(path(file)), recordFor(file, stampOf(file))) << file.toStdString();
    EXPECT_EQ(recorded.value(path("src/link")), recordFor("src/link", stampOf("src/link")));
    EXPECT_EQ(recorded.value(path("src")), "folder:" + path("dst/src"));
    EXPECT_EQ(recorded.value(path("src/sub")), "folder:" + path("dst/src/sub"));
    EXPECT_FALSE(run.log.join('\n').contains(QLatin1String("resumed")));
}

TEST_F(CopyJobResume, ResumedRunLeavesRecordedCopiesAloneAndCopiesTheRest) {
    const QByteArray planted(int(QFileInfo(path("src/a.txt")).size()), 'X');
    plantCopy("src/a.txt", planted);
    KindRun run({{path("src/a.txt"), recordFor("src/a.txt", stampOf("src/a.txt"))},
                 {path("src"), "folder:" + path("dst/src")}});
    const JobResult result = run.run(kind(), srcParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    EXPECT_EQ(read("dst/src/a.txt"), planted); // not copied again
    for (const QString &file : files.mid(1))
        EXPECT_EQ(read("dst/" + file), read(file)) << file.toStdString();
    EXPECT_EQ(QFile::symLinkTarget(path("dst/src/link")), path("dst/src/a.txt")); // as copied
    // Counted as a run from scratch counts them; nothing "skipped" by the policy.
    EXPECT_EQ(result.details.value("files").toLongLong(), files.size());
    EXPECT_EQ(result.details.value("links").toLongLong(), 1);
    EXPECT_EQ(result.details.value("folders").toLongLong(), 2);
    EXPECT_EQ(result.details.value("bytes").toLongLong(), totalBytes());
    EXPECT_EQ(result.details.value("skipped_count").toLongLong(), 0);
    EXPECT_EQ(run.progress.done(), run.progress.total());
    EXPECT_EQ(run.progress.done(), totalBytes());
    EXPECT_FALSE(run.recorded().contains(path("src/a.txt")));
    EXPECT_TRUE(run.recorded().contains(path("src/b.txt")));
    EXPECT_TRUE(run.logged("resumed: 1 file finished before the restart was skipped"))
        << run.log.join('\n').toStdString();
    // The folder the interrupted run created is finished as this run's own.
    struct stat folder {};
    ASSERT_EQ(::stat(QFile::encodeName(path("dst/src")).constData(), &folder), 0);
    EXPECT_EQ(folder.st_mode & 07777, 0751u);
    EXPECT_EQ(FileStamp::fromStat(folder).mtimeNs(), stampOf("src").mtimeNs());
}

TEST_F(CopyJobResume, ChangedSourceOrCopyIsCopiedAgainOverTheEarlierCopy) {
    const FileStamp a = stampOf("src/a.txt");
    plantCopy("src/a.txt", QByteArray(int(a.size()), 'X'));
    plantCopy("src/b.txt", "truncated");
    plantCopy("src/c.txt", QByteArray(int(QFileInfo(path("src/c.txt")).size()), 'X'));
    KindRun run({{path("src/a.txt"), recordFor("src/a.txt", FileStamp(a.size(), a.mtimeNs() + 1))},
                 {path("src/b.txt"), recordFor("src/b.txt", stampOf("src/b.txt"))},
                 {path("src/c.txt"), recordFor("src/c.txt", stampOf("src/c.txt"))}});
    // Under the default skip policy a copy that is not this job's would stay.
    const JobResult result = run.run(kind(), srcParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    EXPECT_EQ(read("dst/src/a.txt"), read("src/a.txt"));
    EXPECT_EQ(read("dst/src/b.txt"), read("src/b.txt"));
    EXPECT_NE(read("dst/src/c.txt"), read("src/c.txt")); // unchanged: left alone
    EXPECT_EQ(result.details.value("files").toLongLong(), files.size());
    EXPECT_EQ(result.details.value("skipped_count").toLongLong(), 0);
    EXPECT_EQ(run.recorded().value(path("src/a.txt")), recordFor("src/a.txt", a));
    EXPECT_TRUE(run.logged("resumed: 1 file finished before the restart was skipped, 2 changed "
                           "since and copied again"))
        << run.log.join('\n').toStdString();
    EXPECT_EQ(tempFiles("dst/src"), QStringList{});
}

TEST_F(CopyJobResume, RenamedCopyOfAnEarlierRunIsFoundUnderItsNumberedName) {
    // The interrupted run found dst/src/a.txt taken and copied to "a (2).txt".
    plantCopy("src/a.txt", "someone else's");
    plantCopy("src/a (2).txt", QByteArray(int(QFileInfo(path("src/a.txt")).size()), 'X'));
    KindRun run(
        {{path("src/a.txt"), stampOf("src/a.txt").toString() + ':' + path("dst/src/a (2).txt")}});
    const JobResult result = run.run(kind(), srcParams("dst", {{"on_conflict", "rename"}}));
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    EXPECT_EQ(read("dst/src/a.txt"), "someone else's");
    EXPECT_FALSE(QFileInfo::exists(path("dst/src/a (3).txt")));
    EXPECT_EQ(result.details.value("renamed").toStringList(),
              QStringList{path("src/a.txt") + " -> " + path("dst/src/a (2).txt")});
    EXPECT_EQ(result.details.value("files").toLongLong(), files.size());
}

TEST_F(CopyJobResume, CanceledMidRunThenResumedLeavesTheTreeOfARunFromScratch) {
    ASSERT_TRUE(QDir().mkpath(path("scratch")));
    const JobResult scratch = KindRun().run(kind(), srcParams("scratch", {{"verify", true}}));
    ASSERT_FALSE(scratch.failed()) << scratch.error.toStdString();

    // Canceled while it waits to open src/d.txt: both folders, a.txt, b.txt
    // and c.txt are done (and recorded), the rest is not.
    KindRun first;
    const std::optional<JobResult> canceled =
        first.runAndCancelAt(kind(), srcParams("dst", {{"verify", true}}), path("src/d.txt"));
    if (!canceled)
        GTEST_SKIP() << "this file system does not grant file leases";
    EXPECT_EQ(canceled->error, QStringLiteral("canceled"));
    ASSERT_EQ(first.checkpoints.size(), 5);
    EXPECT_FALSE(QFileInfo::exists(path("dst/src/d.txt")));
    EXPECT_EQ(tempFiles("dst/src"), QStringList{});
    // Whatever is under a final name is complete.
    for (const QString &file : files) {
        if (QFileInfo::exists(path("dst/" + file))) {
            EXPECT_EQ(read("dst/" + file), read(file)) << file.toStdString();
        }
    }

    KindRun second(first.recorded());
    const JobResult result = second.run(kind(), srcParams("dst", {{"verify", true}}));
    ASSERT_FALSE(result.failed()) << result.error.toStdString();
    EXPECT_EQ(describeTree("dst").join(QLatin1Char('\n')).toStdString(),
              describeTree("scratch").join(QLatin1Char('\n')).toStdString());
    EXPECT_EQ(result.summary, scratch.summary);
    for (const char *key : {"files", "folders", "links", "bytes", "skipped_count", "renamed_count"})
        EXPECT_EQ(result.details.value(key), scratch.details.value(key)) << key;
    EXPECT_EQ(second.progress.done(), second.progress.total());
    EXPECT_EQ(second.checkpoints.size() + first.checkpoints.size(), files.size() + 3);
    EXPECT_TRUE(second.logged("resumed: 3 files finished before the restart were skipped"))
        << second.log.join('\n').toStdString();
}
