// What an images job refuses to read or write: an output that is one of its
// inputs, a source swapped for a FIFO or a device link after validation.
// Outputs are tracked temporary files until committed.
#include "imagesjobfixture.h"
#include "kindrun.h"

#include <atomic>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

using ImagesJobSafety = ImagesJobFixture;

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
