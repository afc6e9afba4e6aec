// What an images job refuses to read or write: an output that is one of its
// inputs, a source swapped for a FIFO or a device link after validation, a
// JPEG that decodes only in part, a picture too large to decode; and what it
// can decode that Qt's default limit refused (48 megapixels). Outputs are
// tracked temporary files until committed.
#include "imagesjobfixture.h"
#include "kindrun.h"

#include <QImageWriter>

#include <atomic>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

class ImagesJobSafety : public ImagesJobFixture {
protected:
    // A JPEG with detail everywhere, so that cutting it short loses picture.
    QByteArray photo(int width, int height) const { return encode(picture(width, height), "jpeg"); }
};

TEST_F(ImagesJobSafety, AnOutputThatIsAnInputIsRefusedAtValidationNamingBoth) {
    writeImage(QStringLiteral("inplace/photo.jpg"), 300, 200, "jpeg");
    ASSERT_TRUE(QFile::link(path("inplace"), path("inplace-link")));
    writeImage(QStringLiteral("pics/a.png"), 30, 20, "png");
    writeImage(QStringLiteral("pics/a.jpg"), 30, 20, "jpeg");
    struct Case {
        QStringList paths;
        QVariantMap more;
        QString output;
        QString input;
    };
    const QList<Case> cases{
        {{"inplace/photo.jpg"},
         {{"output", "inplace"}, {"max_width", 80}, {"max_height", 80}},
         path("inplace/photo.jpg"),
         path("inplace/photo.jpg")},
        {{"inplace/photo.jpg"},
         {{"output", "inplace-link"}},
         path("inplace-link/photo.jpg"),
         path("inplace/photo.jpg")},
        // a.png would become pics/a.jpg, the other input.
        {{"pics/a.png", "pics/a.jpg"},
         {{"output", "pics"}, {"format", "jpeg"}},
         path("pics/a.jpg"),
         path("pics/a.jpg")},
    };
    for (const Case &c : cases) {
        EXPECT_EQ(validationError(params(c.paths, c.more)),
                  QStringLiteral("the output %1 would overwrite the input %2: choose another "
                                 "output folder")
                      .arg(c.output, c.input));
    }
    EXPECT_EQ(seen(QStringLiteral("inplace/photo.jpg")).size, QSize(300, 200));
}

TEST_F(ImagesJobSafety, AnImageFoundInAFolderIsNeverWrittenOverAnotherInput) {
    // base/photos/2024/a.jpg goes to base/2024/a.jpg, itself an input.
    writeImage(QStringLiteral("base/photos/2024/a.jpg"), 40, 30, "jpeg");
    writeImage(QStringLiteral("base/2024/a.jpg"), 20, 10, "jpeg");
    const JobSnapshot job = run(
        params({QStringLiteral("base/photos"), QStringLiteral("base/2024")}, {{"output", "base"}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_TRUE(
        skippedOf(job).contains(QStringLiteral("%1: would overwrite the input %2")
                                    .arg(path("base/photos/2024/a.jpg"), path("base/2024/a.jpg"))))
        << skippedOf(job).join('\n').toStdString();
    EXPECT_EQ(seen(QStringLiteral("base/2024/a.jpg")).size, QSize(20, 10));
    EXPECT_EQ(seen(QStringLiteral("base/a.jpg")).size, QSize(20, 10));
}

TEST_F(ImagesJobSafety, ASourceSwappedForAFifoOrADeviceLinkAfterValidationIsSkippedNamingIt) {
    writeImage(QStringLiteral("a.jpg"), 40, 30, "jpeg");
    writeImage(QStringLiteral("b.jpg"), 40, 30, "jpeg");
    const auto validated =
        kind().validate(params({QStringLiteral("a.jpg"), QStringLiteral("b.jpg")}));
    ASSERT_TRUE(validated.ok()) << validated.error().toStdString();
    const QByteArray fifo = QFile::encodeName(path("a.jpg"));
    ASSERT_EQ(::unlink(fifo.constData()), 0);
    ASSERT_EQ(::mkfifo(fifo.constData(), 0644), 0);
    ASSERT_TRUE(QFile::remove(path("b.jpg")));
    ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), path("b.jpg")));

    KindRun run;
    const auto result = run.runWithin(kind(), *validated, 30000, [&] {
        // Frees a reader stuck in open(): the test then fails, not hangs.
        const int writer = ::open(fifo.constData(), O_WRONLY | O_NONBLOCK);
        if (writer >= 0)
            ::close(writer);
    });
    ASSERT_TRUE(result.has_value()) << "the job did not end: it reads what it must refuse";
    EXPECT_EQ(result->details.value("skipped").toStringList(),
              (QStringList{path("a.jpg") + ": cannot read: it is a FIFO, not a regular file",
                           path("b.jpg") + ": cannot read: it is a character device, not a "
                                           "regular file"}));
    EXPECT_FALSE(QFileInfo::exists(path("out/a.jpg")));
}

TEST_F(ImagesJobSafety, ATruncatedJpegIsSkippedAsCorruptOrTruncatedNotFilledWithGrey) {
    const QByteArray whole = photo(640, 480);
    writeFile(QStringLiteral("in/whole.jpg"), whole);
    writeFile(QStringLiteral("in/cut.jpg"), whole.left(whole.size() * 6 / 10));
    // Bytes after the end-of-image marker (camera trailers) do no harm.
    writeFile(QStringLiteral("in/trailer.jpg"), whole + QByteArray(300, '\0') + "TRAILER");
    // A progressive JPEG has several scans, each ended by the next marker.
    QByteArray progressive;
    {
        QBuffer buffer(&progressive);
        ASSERT_TRUE(buffer.open(QIODevice::WriteOnly));
        QImageWriter writer(&buffer, "jpeg");
        writer.setProgressiveScanWrite(true);
        ASSERT_TRUE(writer.write(picture(640, 480)));
    }
    writeFile(QStringLiteral("in/progressive.jpg"), progressive);
    writeFile(QStringLiteral("in/progressive-cut.jpg"), progressive.left(progressive.size() / 2));
    const JobSnapshot job = run(params({QStringLiteral("in")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    const QString truncated = QStringLiteral(": corrupt or truncated jpeg image: its data ends "
                                             "before the end-of-image marker");
    EXPECT_EQ(skippedOf(job), (QStringList{path("in/cut.jpg") + truncated,
                                           path("in/progressive-cut.jpg") + truncated}));
    EXPECT_FALSE(QFileInfo::exists(path("out/cut.jpg")));
    EXPECT_EQ(seen(QStringLiteral("out/progressive.jpg")).size, QSize(640, 480));
    EXPECT_EQ(seen(QStringLiteral("out/whole.jpg")).size, QSize(640, 480));
    EXPECT_EQ(seen(QStringLiteral("out/trailer.jpg")).size, QSize(640, 480));
}

TEST_F(ImagesJobSafety, AFortyEightMegapixelJpegConvertsWithoutAMaximumSize) {
    QImage big(8000, 6000, QImage::Format_RGB32);
    big.fill(qRgb(30, 90, 160));
    QPainter(&big).fillRect(0, 0, 2000, 1500, Qt::red);
    {
        QFile file(path("big.jpg"));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        QImageWriter writer(&file, "jpeg");
        writer.setQuality(60);
        ASSERT_TRUE(writer.write(big));
    }
    big = QImage();
    const JobSnapshot job = run(params({QStringLiteral("big.jpg")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    QImageReader written(path("out/big.jpg")); // the header only: no decode
    EXPECT_EQ(written.size(), QSize(8000, 6000));
    EXPECT_EQ(written.format(), "jpeg");
}

TEST_F(ImagesJobSafety, APictureTooLargeToDecodeIsSkippedSayingWhatItWouldNeed) {
    // A real JPEG whose frame header claims 50000x50000: a decompression bomb.
    QByteArray bomb = photo(64, 48);
    const qsizetype frame = bomb.indexOf(QByteArray("\xff\xc0", 2));
    ASSERT_GT(frame, 0);
    const char size[4] = {char(50000 >> 8), char(50000 & 0xff), char(50000 >> 8),
                          char(50000 & 0xff)};
    bomb.replace(frame + 5, 4, QByteArray(size, 4));
    writeFile(QStringLiteral("bomb.jpg"), bomb);
    writeImage(QStringLiteral("fine.png"), 30, 20, "png");
    const JobSnapshot job = run(params({QStringLiteral("bomb.jpg"), QStringLiteral("fine.png")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(skippedOf(job),
              QStringList{path("bomb.jpg") + ": too large to decode: 50000x50000 would need "
                                             "10.0 GB, more than the 1 GB limit"});
}

TEST_F(ImagesJobSafety, AnOutputIsATrackedTemporaryFileUntilItIsCommitted) {
    writeImage(QStringLiteral("large.png"), 3000, 2000, "png");
    KindRun run;
    std::atomic<bool> finished{false};
    JobResult result;
    std::thread worker([&] {
        result = run.run(kind(), params({QStringLiteral("large.png")}));
        finished = true;
    });
    // Encoding six megapixels as PNG takes a while: the temporary file is seen.
    QStringList tracked;
    bool onDisk = false;
    while (!finished.load() && tracked.isEmpty()) {
        tracked = run.progress.temporaries();
        onDisk = !tracked.isEmpty() && QFileInfo::exists(tracked.first());
        std::this_thread::yield();
    }
    worker.join();
    ASSERT_FALSE(result.failed()) << result.error.toStdString();
    ASSERT_EQ(tracked.size(), 1) << "no temporary file was tracked while the output was written";
    EXPECT_TRUE(QFileInfo(tracked.first()).fileName().startsWith(".large.png.taskdeck-"));
    EXPECT_EQ(QFileInfo(tracked.first()).absolutePath(), path("out"));
    EXPECT_TRUE(onDisk);
    EXPECT_TRUE(run.progress.temporaries().isEmpty());
    EXPECT_FALSE(QFileInfo::exists(tracked.first()));
    EXPECT_EQ(seen(QStringLiteral("out/large.png")).size, QSize(3000, 2000));
}

} // namespace
