// Times sha256sum against Taskdeck's hash job (through a real JobQueue) on the
// same files in the same run, both reading from a warm page cache, and prints
// one line per case:
//   case=single_512MiB sha256sum_mbps=.. taskdeck_mbps=.. ratio=..
//   case=folder_2000x256KiB sha256sum_mbps=.. taskdeck_mbps=.. ratio=..
// Usage: bench_hash [--dir DIR] [--runs N]. With --dir the data is kept there
// and reused by later runs; without it a temporary folder is used.
#include "engine/jobqueue.h"
#include "kinds/builtinkinds.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cstdio>
#include <optional>

namespace {

constexpr qint64 MiB = qint64(1) << 20;

struct Case {
    QString name;
    QString argument;  // what Taskdeck is given: a file or a folder
    QStringList files; // what sha256sum is given: every file, sorted, relative to the data folder
    qint64 bytes = 0;
};

// Writes size pseudo-random bytes unless the file already has that size.
bool ensureFile(const QString &path, qint64 size, quint32 seed) {
    if (QFileInfo(path).size() == size)
        return true;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator generator(seed);
    QByteArray chunk(qMin(size, 4 * MiB), Qt::Uninitialized);
    for (qint64 written = 0; written < size;) {
        const qint64 n = qMin<qint64>(chunk.size(), size - written);
        generator.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
        if (file.write(chunk.constData(), n) != n)
            return false;
        written += n;
    }
    return true;
}

// Reads every file once so both tools start from the same warm page cache.
void warm(const Case &c, const QString &dir) {
    QByteArray buffer(4 * MiB, Qt::Uninitialized);
    for (const QString &path : c.files) {
        QFile file(dir + QLatin1Char('/') + path);
        if (file.open(QIODevice::ReadOnly)) {
            while (file.read(buffer.data(), buffer.size()) > 0) {
            }
        }
    }
}

// The manifest sha256sum prints for the case, to check Taskdeck's against.
QByteArray sha256sumManifest(const Case &c, const QString &dir) {
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(QStringLiteral("sha256sum"), c.files);
    process.waitForFinished(-1);
    return process.readAllStandardOutput();
}

std::optional<double> timeSha256sum(const Case &c, const QString &dir) {
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral("sha256sum"), c.files);
    if (!process.waitForFinished(-1) || process.exitCode() != 0)
        return std::nullopt;
    return timer.nsecsElapsed() / 1e9;
}

// Seconds from queueing the job to seeing it succeed; manifest receives its output.
std::optional<double> timeTaskdeck(JobQueue &queue, const Case &c, const QString &baseDir,
                                   QByteArray *manifest = nullptr) {
    JobSpec spec;
    spec.kind = QStringLiteral("hash");
    spec.params = {{QStringLiteral("paths"), QStringList{c.argument}},
                   {QStringLiteral("base_dir"), baseDir}};
    QEventLoop loop;
    std::optional<JobId> id;
    QObject::connect(&queue, &JobQueue::jobStateChanged, &loop, [&](JobId job, JobState state) {
        if (id && job == *id && isFinished(state))
            loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    const auto added = queue.add(spec);
    if (!added) {
        std::fprintf(stderr, "bench_hash: %s\n", qPrintable(added.error()));
        return std::nullopt;
    }
    id = *added;
    loop.exec();
    const double seconds = timer.nsecsElapsed() / 1e9;
    const JobSnapshot job = *queue.job(*id);
    queue.clearFinished();
    if (job.state != JobState::Succeeded) {
        std::fprintf(stderr, "bench_hash: %s\n", qPrintable(job.result.error));
        return std::nullopt;
    }
    if (manifest)
        *manifest = job.result.details.value(QStringLiteral("manifest")).toString().toUtf8();
    return seconds;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("sha256sum vs Taskdeck's hash job"));
    parser.addHelpOption();
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Keep the data here."),
                                       QStringLiteral("dir"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Best of N (3)."),
                                        QStringLiteral("n"), QStringLiteral("3"));
    parser.addOptions({dirOption, runsOption});
    parser.process(app);
    const int runs = qMax(1, parser.value(runsOption).toInt());

    QTemporaryDir temporary;
    const QString dir =
        parser.isSet(dirOption) ? QDir(parser.value(dirOption)).absolutePath() : temporary.path();
    if (!QDir().mkpath(dir + QStringLiteral("/folder_2000x256KiB"))) {
        std::fprintf(stderr, "bench_hash: cannot create %s\n", qPrintable(dir));
        return 2;
    }

    Case single{
        QStringLiteral("single_512MiB"), QStringLiteral("single_512MiB.bin"), {}, 512 * MiB};
    single.files = {single.argument};
    Case folder{QStringLiteral("folder_2000x256KiB"), QStringLiteral("folder_2000x256KiB"), {}, 0};
    for (int i = 0; i < 2000; ++i) {
        folder.files.append(
            QStringLiteral("folder_2000x256KiB/file%1.bin").arg(i, 4, 10, QLatin1Char('0')));
        folder.bytes += 256 * 1024;
    }
    bool written = ensureFile(dir + QLatin1Char('/') + single.argument, single.bytes, 1);
    for (int i = 0; written && i < folder.files.size(); ++i)
        written =
            ensureFile(dir + QLatin1Char('/') + folder.files[i], 256 * 1024, quint32(100 + i));
    if (!written) {
        std::fprintf(stderr, "bench_hash: cannot write the data in %s\n", qPrintable(dir));
        return 2;
    }

    JobQueue queue(BuiltinKinds::registry());
    for (const Case &c : {single, folder}) {
        warm(c, dir);
        // An untimed round first: both read the cache once more, and the
        // figures below are only worth printing if the outputs agree.
        QByteArray ours;
        if (!timeTaskdeck(queue, c, dir, &ours) || ours != sha256sumManifest(c, dir)) {
            std::fprintf(stderr, "bench_hash: case %s: the manifests differ\n", qPrintable(c.name));
            return 1;
        }
        std::optional<double> bestTool;
        std::optional<double> bestOurs;
        // Interleaved, so a burst of load elsewhere hits both alike.
        for (int run = 0; run < runs; ++run) {
            const auto tool = timeSha256sum(c, dir);
            const auto ours = timeTaskdeck(queue, c, dir);
            if (!tool || !ours) {
                std::fprintf(stderr, "bench_hash: case %s failed\n", qPrintable(c.name));
                return 1;
            }
            bestTool = bestTool ? qMin(*bestTool, *tool) : *tool;
            bestOurs = bestOurs ? qMin(*bestOurs, *ours) : *ours;
        }
        const double toolMbps = c.bytes / *bestTool / 1e6;
        const double oursMbps = c.bytes / *bestOurs / 1e6;
        std::printf("case=%s sha256sum_mbps=%.0f taskdeck_mbps=%.0f ratio=%.2f\n",
                    qPrintable(c.name), toolMbps, oursMbps, oursMbps / toolMbps);
        std::fflush(stdout);
    }
    return 0;
}
