// No file can hang a hash or verify job: a FIFO named in a manifest, a path
// swapped for a link to /dev/zero or a FIFO after validation, a folder where
// the manifest was. Each run is bounded: a regression fails the test instead
// of blocking it forever.
#include "hashjobfixture.h"

#include "job/jobcontext.h"

#include <QCryptographicHash>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

class HashJobFiles : public HashJobFixture {
protected:
    static constexpr int boundMs = 30000;

    // Validates params as the queue does when a job is added.
    QVariantMap validated(const QVariantMap &params) const {
        const auto normalized = kind().validate(params);
        EXPECT_TRUE(normalized.ok()) << normalized.error().toStdString();
        return normalized.ok() ? *normalized : QVariantMap{};
    }

    // Runs already validated params on a pool thread, as the queue does,
    // waiting at most boundMs. A run still going then fails the test; it is
    // canceled and every FIFO in fifos is given a writer, so that it ends.
    JobResult runBounded(const QVariantMap &normalized, const QStringList &fifos = {}) {
        QThreadPool pool;
        JobProgress progress;
        JobResult result;
        QFuture<void> future = QtConcurrent::run(&pool, [&](QPromise<void> &promise) {
            JobContext context(promise, progress, &pool);
            result = kind().run(context, normalized);
        });
        if (!waitUntil([&] { return future.isFinished(); }, boundMs)) {
            ADD_FAILURE() << "the job still ran after " << boundMs / 1000 << " s";
            future.cancel();
            waitUntil([&] {
                for (const QString &fifo : fifos) {
                    const int fd = ::open(QFile::encodeName(fifo).constData(),
                                          O_WRONLY | O_NONBLOCK | O_CLOEXEC);
                    if (fd >= 0)
                        ::close(fd);
                }
                return future.isFinished();
            });
        }
        future.waitForFinished();
        log = progress.takeLog();
        return result;
    }

    void makeFifo(const QByteArray &relative) {
        ASSERT_EQ(::mkfifo((root + '/' + relative).constData(), 0600), 0) << relative.toStdString();
    }
    static QByteArray sha256Hex(const QByteArray &data) {
        return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
    }

    QStringList log;
};

TEST_F(HashJobFiles, AFifoNamedInAManifestCouldNotBeReadAndTheRestIsChecked) {
    writeFile(root + "/a.txt", "hello\n");
    makeFifo("pipe");
    writeFile(root + "/SUMS", sha256Hex("hello\n") + "  a.txt\n" + sha256Hex("") + "  pipe\n");

    const JobResult result =
        runBounded(validated({{QStringLiteral("verify"), path("SUMS")}}), {path("pipe")});
    EXPECT_TRUE(result.failed());
    EXPECT_EQ(result.details.value(QStringLiteral("ok")).toInt(), 1);
    EXPECT_EQ(result.details.value(QStringLiteral("missing")).toStringList(),
              QStringList{QStringLiteral("pipe")});
    EXPECT_TRUE(log.contains(QStringLiteral("a.txt: OK"))) << log.join('\n').toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("pipe: FAILED open or read")));
}

TEST_F(HashJobFiles, AFileSwappedForALinkToDevZeroAfterValidationIsRefusedNamingIt) {
    writeFile(root + "/a.txt", "hello\n");
    writeFile(root + "/data.bin", "data");
    const QVariantMap params =
        validated(hashParams({QStringLiteral("a.txt"), QStringLiteral("data.bin")}));
    ASSERT_TRUE(QFile::remove(path("data.bin")));
    ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), path("data.bin")));

    const JobResult result = runBounded(params);
    EXPECT_TRUE(result.failed());
    EXPECT_EQ(result.error, QStringLiteral("cannot read %1: it is a character device, not a "
                                           "regular file")
                                .arg(path("data.bin")));
    EXPECT_EQ(result.details.value(QStringLiteral("unreadable")).toStringList(),
              QStringList{QStringLiteral("data.bin")});
    // The readable file is still in the manifest, as sha256sum prints it.
    EXPECT_EQ(result.details.value(QStringLiteral("manifest")).toString().toUtf8(),
              sha256Hex("hello\n") + "  a.txt\n");
}

TEST_F(HashJobFiles, AFileSwappedForAFifoAfterValidationIsRefusedNamingIt) {
    writeFile(root + "/data.bin", "data");
    const QVariantMap params = validated(hashParams({QStringLiteral("data.bin")}));
    ASSERT_TRUE(QFile::remove(path("data.bin")));
    makeFifo("data.bin");

    const JobResult result = runBounded(params, {path("data.bin")});
    EXPECT_TRUE(result.failed());
    EXPECT_EQ(
        result.error,
        QStringLiteral("cannot read %1: it is a FIFO, not a regular file").arg(path("data.bin")));
}

TEST_F(HashJobFiles, AManifestSwappedForAFifoOrAFolderAfterValidationFailsNamingIt) {
    writeFile(root + "/a.txt", "hello\n");
    writeFile(root + "/SUMS", sha256Hex("hello\n") + "  a.txt\n");
    const QVariantMap params = validated({{QStringLiteral("verify"), path("SUMS")}});

    ASSERT_TRUE(QFile::remove(path("SUMS")));
    makeFifo("SUMS");
    const JobResult fifo = runBounded(params, {path("SUMS")});
    EXPECT_TRUE(fifo.failed());
    EXPECT_EQ(fifo.error,
              QStringLiteral("cannot read %1: it is a FIFO, not a regular file").arg(path("SUMS")));

    ASSERT_TRUE(QFile::remove(path("SUMS")));
    ASSERT_TRUE(QDir(tmp.path()).mkdir(QStringLiteral("SUMS")));
    const JobResult folder = runBounded(params);
    EXPECT_TRUE(folder.failed());
    EXPECT_EQ(
        folder.error,
        QStringLiteral("cannot read %1: it is a folder, not a regular file").arg(path("SUMS")));
}

TEST_F(HashJobFiles, ValidationRefusesAFifoOrADeviceNamingIt) {
    makeFifo("pipe");
    ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), path("zeros")));
    EXPECT_EQ(validationError(hashParams({QStringLiteral("pipe")})),
              QStringLiteral("cannot read %1: it is a FIFO, not a regular file").arg(path("pipe")));
    EXPECT_EQ(validationError(hashParams({QStringLiteral("zeros")})),
              QStringLiteral("cannot read %1: it is a character device, not a regular file")
                  .arg(path("zeros")));
    EXPECT_EQ(validationError({{QStringLiteral("verify"), path("pipe")}}),
              QStringLiteral("cannot read %1: it is a FIFO, not a regular file").arg(path("pipe")));
}
