// Times ImageMagick's `mogrify -resize WxH` (two processes at a time, as
// `xargs -P2` runs them) against Taskdeck's images job (through a real
// JobQueue, as the window and `taskdeck run images` do) on the same photos in
// the same run, best of N, and prints one line:
//   case=40x4000x3000_jpeg_to_1600 mogrify_ips=.. taskdeck_ips=.. ratio=..
// (ips: images per second). Both outputs are checked (count and size) before
// any figure is printed.
// Usage: bench_images [--dir DIR] [--count N] [--runs N]. With --dir the
// photos are kept there and reused by later runs.
#include "engine/jobqueue.h"
#include "kinds/builtinkinds.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <optional>

namespace {

constexpr int width = 4000;
constexpr int height = 3000;
constexpr int maxSide = 1600;
// Distinct photos generated; the rest are copies (decoding cost is the same).
constexpr int distinct = 4;

// Gradients, soft waves and sensor-like noise: compresses like a photo
// (about 2-4 MB at quality 90), unlike a flat or purely random image.
QImage photoLike(quint32 seed) {
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(seed);
    const double phase = random.bounded(6.28);
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        const double wave = std::sin(y / 90.0 + phase) * 40;
        for (int x = 0; x < width; ++x) {
            const int noise = int(random.bounded(24)) - 12;
            const int r = 60 + x * 140 / width + int(wave) + noise;
            const int g = 80 + y * 120 / height + int(std::sin(x / 130.0) * 30) + noise;
            const int b = 120 + int(wave / 2) - noise;
            line[x] = qRgb(qBound(0, r, 255), qBound(0, g, 255), qBound(0, b, 255));
        }
    }
    return image;
}

bool ensurePhotos(const QString &folder, int count) {
    QDir().mkpath(folder);
    for (int i = 0; i < count; ++i) {
        const QString path =
            QStringLiteral("%1/photo_%2.jpg").arg(folder).arg(i, 3, 10, QLatin1Char('0'));
        if (QImageReader(path).size() == QSize(width, height))
            continue;
        QFile::remove(path);
        if (i < distinct) {
            if (!photoLike(quint32(i + 1)).save(path, "jpeg", 90))
                return false;
        } else if (!QFile::copy(QStringLiteral("%1/photo_%2.jpg")
                                    .arg(folder)
                                    .arg(i % distinct, 3, 10, QLatin1Char('0')),
                                path)) {
            return false;
        }
    }
    return true;
}

// Every output is a JPEG fitted within maxSide.
bool checkOutput(const QString &folder, int count) {
    const QStringList names = QDir(folder).entryList({QStringLiteral("*.jpg")}, QDir::Files);
    if (names.size() != count)
        return false;
    for (const QString &name : names) {
        QImageReader reader(QDir(folder).filePath(name));
        if (reader.format() != "jpeg" || reader.size() != QSize(maxSide, maxSide * height / width))
            return false;
    }
    return true;
}

std::optional<double> timeMogrify(const QString &in, const QString &out, int count) {
    QDir(out).removeRecursively();
    QDir().mkpath(out);
    QProcess process;
    process.setWorkingDirectory(in);
    QElapsedTimer timer;
    timer.start();
    process.start(
        QStringLiteral("sh"),
        {QStringLiteral("-c"),
         QStringLiteral("ls *.jpg | xargs -P2 -n %1 /usr/bin/mogrify -resize %2x%2 -path %3")
             .arg((count + 1) / 2)
             .arg(maxSide)
             .arg(out)});
    if (!process.waitForFinished(-1) || process.exitCode() != 0) {
        std::fprintf(stderr, "mogrify failed: %s\n", process.readAllStandardError().constData());
        return std::nullopt;
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (!checkOutput(out, count)) {
        std::fprintf(stderr, "mogrify's output is not what was asked for\n");
        return std::nullopt;
    }
    return seconds;
}

std::optional<double> timeTaskdeck(const QString &in, const QString &out, int count) {
    QDir(out).removeRecursively();
    JobQueue queue(BuiltinKinds::registry());
    JobSpec spec;
    spec.kind = QStringLiteral("images");
    spec.params = {{QStringLiteral("paths"), QStringList{in}},
                   {QStringLiteral("output"), out},
                   {QStringLiteral("max_width"), maxSide},
                   {QStringLiteral("max_height"), maxSide}};
    QElapsedTimer timer;
    timer.start();
    const auto id = queue.add(spec);
    if (!id) {
        std::fprintf(stderr, "%s\n", qPrintable(id.error()));
        return std::nullopt;
    }
    QEventLoop loop;
    QObject::connect(&queue, &JobQueue::jobStateChanged, &loop, [&](JobId, JobState state) {
        if (isFinished(state))
            loop.quit();
    });
    loop.exec();
    const double seconds = timer.nsecsElapsed() / 1e9;
    const JobSnapshot job = *queue.job(*id);
    if (job.state != JobState::Succeeded || !checkOutput(out, count)) {
        std::fprintf(stderr, "Taskdeck failed: %s\n", qPrintable(job.result.error));
        return std::nullopt;
    }
    return seconds;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("dir"), QStringLiteral("Keep the photos in DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("count"), QStringLiteral("Photos (default 40)."),
                      QStringLiteral("N"), QStringLiteral("40")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per tool (default 3)."),
                      QStringLiteral("N"), QStringLiteral("3")});
    parser.process(app);
    if (!QFile::exists(QStringLiteral("/usr/bin/mogrify"))) {
        std::fprintf(stderr,
                     "needs ImageMagick's /usr/bin/mogrify (apt-get install imagemagick)\n");
        return 1;
    }
    const int count = qMax(2, parser.value(QStringLiteral("count")).toInt());
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());
    QTemporaryDir temp;
    const QString root =
        parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    const QString in = root + QStringLiteral("/photos");
    if (!ensurePhotos(in, count)) {
        std::fprintf(stderr, "cannot write the photos in %s\n", qPrintable(in));
        return 1;
    }
    double bestMogrify = 1e9;
    double bestTaskdeck = 1e9;
    // Alternating, so both see the same machine load.
    for (int run = 0; run < runs; ++run) {
        const auto mogrify = timeMogrify(in, root + QStringLiteral("/out-mogrify"), count);
        const auto taskdeck = timeTaskdeck(in, root + QStringLiteral("/out-taskdeck"), count);
        if (!mogrify || !taskdeck)
            return 1;
        bestMogrify = qMin(bestMogrify, *mogrify);
        bestTaskdeck = qMin(bestTaskdeck, *taskdeck);
    }
    const double mogrifyIps = count / bestMogrify;
    const double taskdeckIps = count / bestTaskdeck;
    std::printf("case=%dx%dx%d_jpeg_to_%d mogrify_ips=%.2f taskdeck_ips=%.2f ratio=%.2f\n", count,
                width, height, maxSide, mogrifyIps, taskdeckIps, taskdeckIps / mogrifyIps);
    return 0;
}
