// Times `cp -a` against Taskdeck's copy job (through a real JobQueue) on the
// same tree in the same run, both reading from a warm page cache and writing
// into a fresh destination (dropped and synced between runs, untimed), and
// prints one line per case:
//   case=single_512MiB cp_mbps=.. taskdeck_mbps=.. ratio=..
//   case=folder_2000x256KiB cp_mbps=.. taskdeck_mbps=.. ratio=..
// Usage: bench_copy [--dir DIR] [--runs N]. With --dir the source data is kept
// there and reused by later runs; without it a temporary folder is used.
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
    QString source; // relative to the data folder
    qint64 bytes = 0;
};

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

bool sh(const QString &script, const QString &dir) {
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(QStringLiteral("sh"), {QStringLiteral("-c"), script});
    return process.waitForFinished(-1) && process.exitCode() == 0;
}

// A fresh, empty destination; the previous run's dirty pages written back, so
// no run pays for another's writeback.
bool freshDestination(const QString &dir) {
    return sh(QStringLiteral("rm -rf out && sync && mkdir out"), dir);
}

std::optional<double> timeCp(const Case &c, const QString &dir) {
    if (!freshDestination(dir))
        return std::nullopt;
    QProcess process;
    process.setWorkingDirectory(dir);
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral("cp"), {QStringLiteral("-a"), c.source, QStringLiteral("out/")});
    if (!process.waitForFinished(-1) || process.exitCode() != 0)
        return std::nullopt;
    return timer.nsecsElapsed() / 1e9;
}

// Seconds from queueing the job to seeing it succeed.
std::optional<double> timeTaskdeck(JobQueue &queue, const Case &c, const QString &dir) {
    if (!freshDestination(dir))
        return std::nullopt;
    JobSpec spec;
    spec.kind = QStringLiteral("copy");
    spec.params = {{QStringLiteral("sources"), QStringList{c.source}},
                   {QStringLiteral("destination"), QStringLiteral("out")},
                   {QStringLiteral("base_dir"), dir}};
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
        std::fprintf(stderr, "bench_copy: %s\n", qPrintable(added.error()));
        return std::nullopt;
    }
    id = *added;
    loop.exec();
    const double seconds = timer.nsecsElapsed() / 1e9;
    const JobSnapshot job = *queue.job(*id);
    queue.clearFinished();
    if (job.state != JobState::Succeeded) {
        std::fprintf(stderr, "bench_copy: %s\n", qPrintable(job.result.error));
        return std::nullopt;
    }
    return seconds;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("cp -a vs Taskdeck's copy job"));
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
    const QString folderName = QStringLiteral("folder_2000x256KiB");
    if (!QDir().mkpath(dir + QLatin1Char('/') + folderName)) {
        std::fprintf(stderr, "bench_copy: cannot create %s\n", qPrintable(dir));
        return 2;
    }
    const Case single{QStringLiteral("single_512MiB"), QStringLiteral("single_512MiB.bin"),
                      512 * MiB};
    const Case folder{folderName, folderName, 2000 * 256 * 1024};
    bool written = ensureFile(dir + QLatin1Char('/') + single.source, single.bytes, 1);
    for (int i = 0; written && i < 2000; ++i)
        written = ensureFile(
            dir + QStringLiteral("/%1/file%2.bin").arg(folderName).arg(i, 4, 10, QLatin1Char('0')),
            256 * 1024, quint32(100 + i));
    if (!written) {
        std::fprintf(stderr, "bench_copy: cannot write the data in %s\n", qPrintable(dir));
        return 2;
    }

    JobQueue queue(BuiltinKinds::registry());
    for (const Case &c : {single, folder}) {
        // An untimed round first warms the cache, and the figures are only worth
        // printing if the copy equals the source (contents, modes, times).
        const QString check =
            QStringLiteral("diff -r --no-dereference %1 out/%1 && [ \"$(find %1 -printf "
                           "'%P %m %T@\\n' | sort)\" = \"$(cd out && find %1 -printf "
                           "'%P %m %T@\\n' | sort)\" ]")
                .arg(c.source);
        if (!timeTaskdeck(queue, c, dir) || !sh(check, dir)) {
            std::fprintf(stderr, "bench_copy: case %s: the copy differs\n", qPrintable(c.name));
            return 1;
        }
        std::optional<double> bestTool;
        std::optional<double> bestOurs;
        // Interleaved, so a burst of load elsewhere hits both alike.
        for (int run = 0; run < runs; ++run) {
            const auto tool = timeCp(c, dir);
            const auto ours = timeTaskdeck(queue, c, dir);
            if (!tool || !ours) {
                std::fprintf(stderr, "bench_copy: case %s failed\n", qPrintable(c.name));
                return 1;
            }
            bestTool = bestTool ? qMin(*bestTool, *tool) : *tool;
            bestOurs = bestOurs ? qMin(*bestOurs, *ours) : *ours;
        }
        const double toolMbps = c.bytes / *bestTool / 1e6;
        const double oursMbps = c.bytes / *bestOurs / 1e6;
        std::printf("case=%s cp_mbps=%.0f taskdeck_mbps=%.0f ratio=%.2f\n", qPrintable(c.name),
                    toolMbps, oursMbps, oursMbps / toolMbps);
        std::fflush(stdout);
    }
    sh(QStringLiteral("rm -rf out"), dir);
    return 0;
}
