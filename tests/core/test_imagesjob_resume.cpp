// An images job resumed after a restart: each output is recorded once
// committed; a resumed run leaves a recorded output alone (a marker file
// stays), converts again an image whose source changed, and a run canceled
// part-way then resumed writes what a run from scratch writes.
#include "imagesjobfixture.h"
#include "kindrun.h"

#include "kinds/common/filestamp.h"

#include <QThreadPool>

class ImagesJobResume : public ImagesJobFixture {
protected:
    const QStringList images{"a.png", "b.png", "c.png", "d.png", "e.png", "f.png"};

    void SetUp() override {
        ImagesJobFixture::SetUp();
        int width = 40;
        for (const QString &image : images)
            writeImage("photos/" + image, width++, 30, "png");
        writeFile("photos/notes.txt", "not an image");
    }
    QVariantMap photoParams(const QString &output = "out") const {
        return params({QStringLiteral("photos")},
                      {{"output", output}, {"max_width", 32}, {"format", "png"}});
    }
    QString stamp(const QString &relative) const {
        return FileStamp::of(QFile::encodeName(path(relative))).toString();
    }
    QString recordFor(const QString &image, const QString &stampText) const {
        return stampText + ':' + path("out/" + image);
    }
    QByteArray read(const QString &relative) const {
        QFile file(path(relative));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }
    qint64 outputBytes(const QString &output) const {
        qint64 total = 0;
        for (const QString &image : images)
            total += QFileInfo(path(output + '/' + image)).size();
        return total;
    }
};

TEST_F(ImagesJobResume, IsResumable) {
    EXPECT_TRUE(kind().capabilities() & Resumable);
    EXPECT_TRUE(kind().capabilities() & Cancelable);
    EXPECT_TRUE(kind().capabilities() & Pausable);
}

TEST_F(ImagesJobResume, FullRunRecordsEveryCommittedOutput) {
    QThreadPool pool; // several images at once, each recorded by its worker
    pool.setMaxThreadCount(4);
    KindRun run({}, &pool);
    const JobResult result = run.run(kind(), photoParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    EXPECT_EQ(run.checkpoints.size(), images.size()); // not the text file
    const JobResumeState recorded = run.recorded();
    for (const QString &image : images) {
        EXPECT_EQ(recorded.value(path("photos/" + image)),
                  recordFor(image, stamp("photos/" + image)))
            << image.toStdString();
    }
    EXPECT_FALSE(run.log.join('\n').contains(QLatin1String("resumed")));
}

TEST_F(ImagesJobResume, ResumedRunLeavesRecordedOutputsAloneAndConvertsTheRest) {
    writeFile("out/a.png", "MARKER");
    KindRun run({{path("photos/a.png"), recordFor("a.png", stamp("photos/a.png"))}});
    const JobResult result = run.run(kind(), photoParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    EXPECT_EQ(read("out/a.png"), "MARKER");
    for (const QString &image : images.mid(1))
        EXPECT_EQ(seen("out/" + image).format, "png") << image.toStdString();
    // As a run from scratch counts them; bytes: what the outputs hold.
    EXPECT_EQ(result.details.value("converted").toInt(), images.size());
    EXPECT_EQ(result.details.value("skipped").toStringList().size(), 1); // notes.txt
    EXPECT_EQ(result.details.value("bytes").toLongLong(), outputBytes("out"));
    EXPECT_EQ(run.progress.done(), run.progress.total());
    EXPECT_EQ(run.checkpoints.size(), images.size() - 1);
    EXPECT_FALSE(run.recorded().contains(path("photos/a.png")));
    EXPECT_TRUE(run.logged("resumed: 1 file finished before the restart was skipped"))
        << run.log.join('\n').toStdString();
}

TEST_F(ImagesJobResume, ChangedSourceOrMissingOutputIsConvertedAgain) {
    const FileStamp a = FileStamp::of(QFile::encodeName(path("photos/a.png")));
    writeFile("out/a.png", "MARKER");
    KindRun run({{path("photos/a.png"),
                  recordFor("a.png", FileStamp(a.size(), a.mtimeNs() + 1).toString())},
                 {path("photos/b.png"), recordFor("b.png", stamp("photos/b.png"))}});
    const JobResult result = run.run(kind(), photoParams()); // out/b.png was never there
    ASSERT_FALSE(result.failed()) << result.error.toStdString();

    EXPECT_EQ(seen("out/a.png").format, "png");
    EXPECT_EQ(seen("out/b.png").format, "png");
    EXPECT_EQ(result.details.value("converted").toInt(), images.size());
    EXPECT_EQ(run.recorded().value(path("photos/a.png")), recordFor("a.png", a.toString()));
    EXPECT_TRUE(run.logged("resumed: 0 files finished before the restart were skipped, 2 changed "
                           "since and converted again"))
        << run.log.join('\n').toStdString();
}

TEST_F(ImagesJobResume, CanceledMidRunThenResumedWritesWhatARunFromScratchWrites) {
    const JobResult scratch = KindRun().run(kind(), photoParams("scratch"));
    ASSERT_FALSE(scratch.failed()) << scratch.error.toStdString();

    // Canceled while it waits to open photos/d.png: a, b and c are converted;
    // d too, once it can read it (one image converts without checkpoints).
    KindRun first;
    const std::optional<JobResult> canceled =
        first.runAndCancelAt(kind(), photoParams(), path("photos/d.png"));
    if (!canceled)
        GTEST_SKIP() << "this file system does not grant file leases";
    EXPECT_EQ(canceled->error, QStringLiteral("canceled"));
    ASSERT_EQ(first.checkpoints.size(), 4);
    EXPECT_FALSE(QFileInfo::exists(path("out/e.png")));
    // No half-written output under any name.
    EXPECT_EQ(QDir(path("out")).entryList(QDir::Files | QDir::Hidden),
              QStringList({"a.png", "b.png", "c.png", "d.png"}));

    KindRun second(first.recorded());
    const JobResult result = second.run(kind(), photoParams());
    ASSERT_FALSE(result.failed()) << result.error.toStdString();
    for (const QString &image : images)
        EXPECT_EQ(read("out/" + image), read("scratch/" + image)) << image.toStdString();
    EXPECT_EQ(QDir(path("out")).entryList(QDir::Files | QDir::Hidden),
              QDir(path("scratch")).entryList(QDir::Files | QDir::Hidden));
    EXPECT_EQ(result.summary, scratch.summary);
    for (const char *key : {"converted", "skipped", "bytes"})
        EXPECT_EQ(result.details.value(key), scratch.details.value(key)) << key;
    EXPECT_EQ(second.checkpoints.size(), 2);
    EXPECT_TRUE(second.logged("resumed: 4 files finished before the restart were skipped"))
        << second.log.join('\n').toStdString();
}
