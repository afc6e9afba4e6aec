// The images job through the real JobQueue: sizes and formats checked by
// reading the output back with Qt, files that are not images, bad inputs.
#include "imagesjobfixture.h"

#include "hashtestsupport.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QGuiApplication>
#include <QImageWriter>

using ImagesJob = ImagesJobFixture;

TEST_F(ImagesJob, RunsWithoutAGuiApplication) {
    EXPECT_EQ(qobject_cast<QGuiApplication *>(QCoreApplication::instance()), nullptr);
    writeImage(QStringLiteral("a.png"), 40, 30, "png");
    const JobSnapshot job = run(params({QStringLiteral("a.png")}));
    EXPECT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
}

TEST_F(ImagesJob, ScalesWithinTheMaximumSizeKeepingTheAspectRatio) {
    writeImage(QStringLiteral("wide.png"), 400, 300, "png");
    writeImage(QStringLiteral("tall.jpg"), 300, 600, "jpeg");
    const JobSnapshot job =
        run(params({QStringLiteral("wide.png"), QStringLiteral("tall.jpg")},
                   {{QStringLiteral("max_width"), 100}, {QStringLiteral("max_height"), 100}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(seen(QStringLiteral("out/wide.png")).size, QSize(100, 75));
    EXPECT_EQ(seen(QStringLiteral("out/wide.png")).format, "png");
    EXPECT_EQ(seen(QStringLiteral("out/tall.jpg")).size, QSize(50, 100));
    EXPECT_EQ(seen(QStringLiteral("out/tall.jpg")).format, "jpeg");
    EXPECT_EQ(job.result.summary, QStringLiteral("2 images converted, 0 skipped"));
    EXPECT_EQ(job.result.details.value(QStringLiteral("converted")).toInt(), 2);
    EXPECT_EQ(job.result.details.value(QStringLiteral("bytes")).toLongLong(),
              QFileInfo(path(QStringLiteral("out/wide.png"))).size() +
                  QFileInfo(path(QStringLiteral("out/tall.jpg"))).size());
    EXPECT_EQ(job.unit, ProgressUnit::Files);
    EXPECT_EQ(job.done, 2);
    EXPECT_EQ(job.total, 2);
}

TEST_F(ImagesJob, NeverEnlargesAndAWidthAloneLimitsOnlyTheWidth) {
    writeImage(QStringLiteral("small.png"), 50, 40, "png");
    writeImage(QStringLiteral("big.png"), 400, 1000, "png");
    const JobSnapshot job = run(params({QStringLiteral("small.png"), QStringLiteral("big.png")},
                                       {{QStringLiteral("max_width"), 200}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(seen(QStringLiteral("out/small.png")).size, QSize(50, 40));
    EXPECT_EQ(seen(QStringLiteral("out/big.png")).size, QSize(200, 500));
}

TEST_F(ImagesJob, ConvertsToTheFormatWithItsExtension) {
    writeImage(QStringLiteral("a.png"), 64, 48, "png");
    writeImage(QStringLiteral("b.jpeg"), 64, 48, "jpeg");
    writeImage(QStringLiteral("noext"), 64, 48, "png");
    const JobSnapshot job =
        run(params({QStringLiteral("a.png"), QStringLiteral("b.jpeg"), QStringLiteral("noext")},
                   {{QStringLiteral("format"), QStringLiteral("jpeg")}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    for (const QString &name :
         {QStringLiteral("a.jpg"), QStringLiteral("b.jpg"), QStringLiteral("noext.jpg")}) {
        EXPECT_EQ(seen(QStringLiteral("out/") + name).format, "jpeg") << name.toStdString();
        EXPECT_EQ(seen(QStringLiteral("out/") + name).size, QSize(64, 48));
    }
}

TEST_F(ImagesJob, WritesWebpAndPngWhenAsked) {
    writeImage(QStringLiteral("a.jpg"), 64, 48, "jpeg");
    ASSERT_EQ(run(params({QStringLiteral("a.jpg")}, {{QStringLiteral("format"), "png"}})).state,
              JobState::Succeeded);
    EXPECT_EQ(seen(QStringLiteral("out/a.png")).format, "png");
    if (!QImageWriter::supportedImageFormats().contains("webp"))
        GTEST_SKIP() << "no WebP plugin (qt6-image-formats-plugins)";
    ASSERT_EQ(run(params({QStringLiteral("a.jpg")}, {{QStringLiteral("format"), "webp"}})).state,
              JobState::Succeeded);
    EXPECT_EQ(seen(QStringLiteral("out/a.webp")).format, "webp");
    EXPECT_EQ(seen(QStringLiteral("out/a.webp")).size, QSize(64, 48));
}

TEST_F(ImagesJob, KeepsTheRelativeLayoutOfFolders) {
    writeImage(QStringLiteral("photos/top.png"), 20, 10, "png");
    writeImage(QStringLiteral("photos/2024/june/deep.jpg"), 20, 10, "jpeg");
    writeImage(QStringLiteral("single.png"), 20, 10, "png");
    const JobSnapshot job = run(params({QStringLiteral("photos"), QStringLiteral("single.png")},
                                       {{QStringLiteral("format"), "png"}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(seen(QStringLiteral("out/top.png")).size, QSize(20, 10));
    EXPECT_EQ(seen(QStringLiteral("out/2024/june/deep.png")).format, "png");
    EXPECT_EQ(seen(QStringLiteral("out/single.png")).size, QSize(20, 10));
}

TEST_F(ImagesJob, AppliesTheExifOrientation) {
    writeFile(QStringLiteral("turned.jpg"), jpegWithOrientation6(400, 200));
    const JobSnapshot job =
        run(params({QStringLiteral("turned.jpg")},
                   {{QStringLiteral("max_width"), 100}, {QStringLiteral("max_height"), 100}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    // Upright it is 200x400; within 100x100 that is 50x100.
    EXPECT_EQ(seen(QStringLiteral("out/turned.jpg")).size, QSize(50, 100));
    // The red corner was top-left as stored; turned clockwise it is top-right.
    QImage out(path(QStringLiteral("out/turned.jpg")));
    EXPECT_GT(qRed(out.pixel(45, 2)), 200);
    EXPECT_LT(qRed(out.pixel(2, 2)), 100);
}

TEST_F(ImagesJob, SkipsFilesThatAreNotImagesOrCorruptAndListsThem) {
    writeImage(QStringLiteral("in/good.png"), 30, 20, "png");
    writeImage(QStringLiteral("in/also good.jpg"), 30, 20, "jpeg");
    writeFile(QStringLiteral("in/notes.txt"), "not a picture\n");
    writeFile(QStringLiteral("in/broken.jpg"), QByteArray("\xff\xd8\xff\xe0", 4) + "garbage");
    const JobSnapshot job = run(params({QStringLiteral("in")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(job.result.summary, QStringLiteral("2 images converted, 2 skipped"));
    const QStringList skipped = skippedOf(job);
    ASSERT_EQ(skipped.size(), 2) << skipped.join('\n').toStdString();
    EXPECT_TRUE(skipped[0].startsWith(path(QStringLiteral("in/broken.jpg")) +
                                      QStringLiteral(": corrupt or truncated jpeg image")))
        << skipped[0].toStdString();
    EXPECT_EQ(skipped[1], path(QStringLiteral("in/notes.txt")) + QStringLiteral(": not an image"));
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("out/notes.txt"))));
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("out/broken.jpg"))));
    EXPECT_EQ(seen(QStringLiteral("out/also good.jpg")).size, QSize(30, 20));
}

TEST_F(ImagesJob, AnOutputThatCannotBeWrittenFailsTheJobInsteadOfBeingSkipped) {
    writeImage(QStringLiteral("photos/top.png"), 20, 10, "png");
    writeImage(QStringLiteral("photos/2024/deep.png"), 20, 10, "png");
    // Where the folder for deep.png must go, a file stands: that output is lost.
    writeFile(QStringLiteral("out/2024"), "in the way");
    const JobSnapshot job = run(params({QStringLiteral("photos")}));
    ASSERT_EQ(job.state, JobState::Failed);
    EXPECT_TRUE(job.result.error.contains(path(QStringLiteral("out/2024"))))
        << job.result.error.toStdString();
    EXPECT_EQ(seen(QStringLiteral("out/top.png")).size, QSize(20, 10)); // the rest is done
}

TEST_F(ImagesJob, FailsWhenNothingCouldBeConverted) {
    writeFile(QStringLiteral("in/notes.txt"), "text");
    const JobSnapshot job = run(params({QStringLiteral("in")}));
    ASSERT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.result.error, QStringLiteral("no image could be converted: %1: not an image")
                                    .arg(path(QStringLiteral("in/notes.txt"))));
    EXPECT_EQ(job.result.summary, QStringLiteral("0 images converted, 1 skipped"));
}

TEST_F(ImagesJob, FailsOnAFolderWithoutFiles) {
    ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("empty"))));
    const JobSnapshot job = run(params({QStringLiteral("empty")}));
    ASSERT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.result.error,
              QStringLiteral("no images found in %1").arg(path(QStringLiteral("empty"))));
}

TEST_F(ImagesJob, CreatesTheOutputFolderWhenItsParentExists) {
    writeImage(QStringLiteral("a.png"), 8, 8, "png");
    const JobSnapshot job =
        run(params({QStringLiteral("a.png")}, {{QStringLiteral("output"), "new"}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(seen(QStringLiteral("new/a.png")).size, QSize(8, 8));
}

TEST_F(ImagesJob, CancelingStopsPromptlyAndLeavesNoTemporaryFiles) {
    writeImage(QStringLiteral("in/0.jpg"), 1200, 900, "jpeg");
    for (int i = 1; i < 150; ++i) {
        ASSERT_TRUE(QFile::copy(path(QStringLiteral("in/0.jpg")),
                                path(QStringLiteral("in/%1.jpg").arg(i))));
    }
    const JobId id = add(params({QStringLiteral("in")}, {{QStringLiteral("format"), "png"}}));
    ASSERT_TRUE(waitUntil([&] { return queue.job(id)->done >= 1; }));
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitUntil([&] { return isFinished(queue.job(id)->state); }));
    EXPECT_EQ(queue.job(id)->state, JobState::Canceled);
    QDirIterator it(path(QStringLiteral("out")), QDir::Files | QDir::Hidden);
    int written = 0;
    while (it.hasNext()) {
        const QString name = it.next();
        EXPECT_TRUE(name.endsWith(QStringLiteral(".png"))) << name.toStdString();
        EXPECT_EQ(seen(QStringLiteral("out/") + QFileInfo(name).fileName()).size, QSize(1200, 900));
        ++written;
    }
    EXPECT_LT(written, 150);
}

using ImagesJobValidate = ImagesJobFixture;

TEST_F(ImagesJobValidate, NamesAMissingSource) {
    EXPECT_EQ(
        validationError(params({QStringLiteral("nowhere.jpg")})),
        QStringLiteral("no such file or directory: %1").arg(path(QStringLiteral("nowhere.jpg"))));
}

TEST_F(ImagesJobValidate, RefusesZeroFiles) {
    EXPECT_EQ(validationError(params({})),
              QStringLiteral("paths must list the images or folders to convert"));
}

TEST_F(ImagesJobValidate, NamesAnUnknownFormat) {
    writeImage(QStringLiteral("a.png"), 8, 8, "png");
    EXPECT_EQ(
        validationError(params({QStringLiteral("a.png")}, {{QStringLiteral("format"), "gif"}})),
        QStringLiteral("unknown format 'gif': use jpeg, png, webp"));
}

TEST_F(ImagesJobValidate, NamesAnUnwritableDestination) {
    writeImage(QStringLiteral("a.png"), 8, 8, "png");
    ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("locked"))));
    QFile::setPermissions(path(QStringLiteral("locked")),
                          QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther |
                              QFileDevice::ExeOther);
    QString error;
    {
        const AsUnprivilegedUser nobody;
        error = validationError(
            params({QStringLiteral("a.png")}, {{QStringLiteral("output"), "locked"}}));
    }
    EXPECT_EQ(error, QStringLiteral("cannot write to the output folder %1: %1 is not writable")
                         .arg(path(QStringLiteral("locked"))));
    EXPECT_EQ(validationError(
                  params({QStringLiteral("a.png")}, {{QStringLiteral("output"), "no/such/out"}})),
              QStringLiteral("cannot create the output folder %1: folder %2 does not exist")
                  .arg(path(QStringLiteral("no/such/out")), path(QStringLiteral("no/such"))));
    EXPECT_EQ(
        validationError(params({QStringLiteral("a.png")}, {{QStringLiteral("output"), "a.png"}})),
        QStringLiteral("output %1 is a file; it must be a folder")
            .arg(path(QStringLiteral("a.png"))));
}

TEST_F(ImagesJobValidate, RefusesAnOutputInsideASourceFolder) {
    writeImage(QStringLiteral("photos/a.png"), 8, 8, "png");
    EXPECT_EQ(validationError(
                  params({QStringLiteral("photos")}, {{QStringLiteral("output"), "photos/small"}})),
              QStringLiteral("the output folder %1 is inside the source folder %2: choose a folder "
                             "outside it")
                  .arg(path(QStringLiteral("photos/small")), path(QStringLiteral("photos"))));
}

TEST_F(ImagesJobValidate, NamesBadSizesAndQuality) {
    writeImage(QStringLiteral("a.png"), 8, 8, "png");
    EXPECT_EQ(validationError(params({QStringLiteral("a.png")}, {{QStringLiteral("quality"), 0}})),
              QStringLiteral("quality must be from 1 to 100, not '0'"));
    EXPECT_EQ(
        validationError(params({QStringLiteral("a.png")}, {{QStringLiteral("max_width"), -5}})),
        QStringLiteral("max_width must be a number of pixels from 1 to 100000 (0: no limit), "
                       "not '-5'"));
    EXPECT_EQ(validationError(params({QStringLiteral("a.png")}, {{QStringLiteral("colour"), 1}})),
              QStringLiteral("unknown parameter 'colour' for an images job: use paths, output, "
                             "max_width, max_height, format, quality, base_dir"));
}

TEST_F(ImagesJobValidate, NormalizesTheParameters) {
    writeImage(QStringLiteral("a.png"), 8, 8, "png");
    const auto result =
        kind().validate(params({QStringLiteral("a.png")}, {{QStringLiteral("format"), "JPG"}}));
    ASSERT_TRUE(result.ok()) << result.error().toStdString();
    EXPECT_EQ(result->value(QStringLiteral("paths")).toStringList(),
              QStringList{path(QStringLiteral("a.png"))});
    EXPECT_EQ(result->value(QStringLiteral("output")).toString(), path(QStringLiteral("out")));
    EXPECT_EQ(result->value(QStringLiteral("format")).toString(), QStringLiteral("jpeg"));
    EXPECT_EQ(result->value(QStringLiteral("quality")).toInt(), 90);
    EXPECT_EQ(kind().capabilities(), Cancelable | Pausable | Resumable);
}
