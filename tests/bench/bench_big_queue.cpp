// The big-queue figures of the README's Speed section, in one run: a data
// folder with --jobs finished command jobs (default 100,000) is written
// through the real store, then the real `taskdeck --headless` serves it and
// the real client lists it. Prints
//   start_empty_s=.. start_full_s=.. ratio=..      (until the first answer)
//   list_s=.. list_json_s=.. list_filtered_s=..    (best of --runs, to /dev/null)
//   instance_rss_mb=.. logs_disk_mb=.. jobs=..
//   each_jobs=10000 each_s=..   (`add command --each FILE` until acknowledged)
//   window_empty_s=.. window_full_s=.. window_rss_mb=..  (the window, offscreen,
//                                 until it answers: shown, with every job in it)
// The peer for start-up is the same instance on an empty store, measured in
// the same run; the listing has no peer that holds such a queue.
// Usage: bench_big_queue [--jobs N] [--runs N]
//        bench_big_queue --fill DIR [--jobs N]   only writes the data folder DIR
//        (to open it in the window: taskdeck --data-dir DIR)
#include "store/jobstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <sys/stat.h>

#include <cstdio>

namespace {
const QString taskdeck = QStringLiteral(TASKDECK_BINARY);

// A finished `taskdeck add command -- true` as the store keeps it.
JobSnapshot finishedCommand(JobId id, const QDateTime &when) {
    JobSnapshot job;
    job.id = id;
    job.spec.kind = QStringLiteral("command");
    job.spec.title = QStringLiteral("true");
    job.spec.params = {{QStringLiteral("program"), QStringLiteral("true")},
                       {QStringLiteral("arguments"), QStringList{}},
                       {QStringLiteral("cwd"), QStringLiteral("/tmp")},
                       {QStringLiteral("env"), QStringList{}},
                       {QStringLiteral("grace_seconds"), 5},
                       {QStringLiteral("progress"), QStringLiteral("auto")}};
    job.state = JobState::Succeeded;
    job.position = int(id - 1);
    job.done = 1;
    job.total = 1;
    job.result.summary = QStringLiteral("Exited with code 0 after 0s");
    job.result.details = {{QStringLiteral("exit_code"), 0}};
    job.addedAt = when;
    job.startedAt = when;
    job.finishedAt = when.addMSecs(3);
    return job;
}

bool fill(const QString &dataDir, int jobs) {
    JobStore store(dataDir);
    if (!store.open(0))
        return false;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-1);
    StoreBatch batch;
    batch.sequence = 1;
    QList<JobId> order;
    for (JobId id = 1; id <= JobId(jobs); ++id) {
        batch.upserts.append(finishedCommand(id, start.addMSecs(qint64(id) * 5)));
        batch.logLines.insert(id, {QStringLiteral("00:00:00.001 started: true"),
                                   QStringLiteral("00:00:00.004 exited with code 0")});
        order.append(id);
    }
    batch.order = order;
    batch.nextId = JobId(jobs) + 1;
    const QString error = store.write(batch);
    if (!error.isEmpty())
        std::fprintf(stderr, "bench_big_queue: %s\n", qPrintable(error));
    return error.isEmpty();
}

int client(const QString &dataDir, const QStringList &arguments) {
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(taskdeck, QStringList{QStringLiteral("--data-dir"), dataDir} + arguments);
    process.waitForFinished(-1);
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

double secondsOf(const std::function<void()> &work) {
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e9;
}

// Starts the instance (headless, or the window on Qt's offscreen platform);
// seconds until a client gets an answer, -1 on failure. The window answers
// once its event loop runs, right after it was shown with the whole queue.
double startInstance(QProcess &instance, const QString &dataDir, bool window = false) {
    QElapsedTimer timer;
    timer.start();
    instance.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    if (window) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        instance.setProcessEnvironment(environment);
        instance.start(taskdeck, {QStringLiteral("--data-dir"), dataDir});
    } else {
        instance.start(taskdeck,
                       {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dataDir});
    }
    while (client(dataDir,
                  {QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1")}) != 0) {
        if (instance.state() == QProcess::NotRunning || timer.elapsed() > 300000)
            return -1;
        QThread::msleep(5); // polls a starting program; not a test
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

// Seconds until `taskdeck add command --each` of count lines is acknowledged;
// the jobs wait for a start time far ahead, so only the adding is timed.
double addEach(const QString &dataDir, const QString &linesFile, int count) {
    QFile lines(linesFile);
    if (!lines.open(QIODevice::WriteOnly))
        return -1;
    for (int i = 0; i < count; ++i)
        lines.write(QByteArray::number(i) + '\n');
    lines.close();
    bool ok = false;
    const double seconds = secondsOf([&] {
        ok = client(dataDir,
                    {QStringLiteral("add"), QStringLiteral("command"), QStringLiteral("--each"),
                     linesFile, QStringLiteral("--not-before"), QStringLiteral("2999-01-01T00:00"),
                     QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("{}")}) == 0;
    });
    return ok ? seconds : -1;
}

void stop(QProcess &instance) {
    instance.terminate();
    instance.waitForFinished(60000);
}

double residentMb(qint64 pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024;
    }
    return -1;
}

// What the folder's files take on disk (allocated blocks, as du counts).
double diskMb(const QString &folder) {
    qint64 bytes = 0;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        struct stat info {};
        if (::stat(QFile::encodeName(it.next()).constData(), &info) == 0)
            bytes += qint64(info.st_blocks) * 512;
    }
    return double(bytes) / (1024 * 1024);
}
} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("jobs"), QStringLiteral("Finished jobs (100000)."), QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("runs"), QStringLiteral("Runs per listing (3)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("fill"), QStringLiteral("Only write the data folder DIR."),
                      QStringLiteral("DIR")});
    parser.process(app);
    const int jobs = parser.isSet(QStringLiteral("jobs"))
                         ? parser.value(QStringLiteral("jobs")).toInt()
                         : 100000;
    const int runs =
        parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : 3;

    if (parser.isSet(QStringLiteral("fill")))
        return fill(parser.value(QStringLiteral("fill")), jobs) ? 0 : 1;

    QTemporaryDir root;
    const QString empty = root.filePath(QStringLiteral("empty"));
    const QString full = root.filePath(QStringLiteral("full"));
    qputenv("XDG_RUNTIME_DIR", root.path().toUtf8());
    ::chmod(QFile::encodeName(root.path()).constData(), 0700);
    if (!fill(full, jobs))
        return 1;

    QProcess emptyInstance;
    const double startEmpty = startInstance(emptyInstance, empty);
    const double each = addEach(empty, root.filePath(QStringLiteral("lines")), 10000);
    stop(emptyInstance);
    QProcess instance;
    const double startFull = startInstance(instance, full);
    if (startEmpty < 0 || startFull < 0) {
        std::fprintf(stderr, "bench_big_queue: the instance did not start\n");
        return 1;
    }
    double list = 1e9, listJson = 1e9, listFiltered = 1e9;
    bool ok = true;
    for (int run = 0; run < runs; ++run) {
        list =
            std::min(list, secondsOf([&] { ok &= client(full, {QStringLiteral("list")}) == 0; }));
        listJson = std::min(
            listJson, secondsOf([&] {
                ok &= client(full, {QStringLiteral("list"), QStringLiteral("--json")}) == 0;
            }));
        listFiltered =
            std::min(listFiltered, secondsOf([&] {
                         ok &= client(full, {QStringLiteral("list"), QStringLiteral("--state"),
                                             QStringLiteral("running,queued")}) == 0;
                     }));
    }
    const double rss = residentMb(instance.processId());
    stop(instance);
    QProcess emptyWindow, window;
    const double windowEmpty = startInstance(emptyWindow, empty, true);
    stop(emptyWindow);
    const double windowFull = startInstance(window, full, true);
    const double windowRss = residentMb(window.processId());
    stop(window);
    if (!ok) {
        std::fprintf(stderr, "bench_big_queue: a listing failed\n");
        return 1;
    }
    std::printf("start_empty_s=%.3f start_full_s=%.3f ratio=%.1f\n", startEmpty, startFull,
                startFull / startEmpty);
    std::printf("list_s=%.3f list_json_s=%.3f list_filtered_s=%.3f\n", list, listJson,
                listFiltered);
    std::printf("instance_rss_mb=%.0f logs_disk_mb=%.0f jobs=%d\n", rss,
                diskMb(full + QStringLiteral("/logs")), jobs);
    std::printf("each_jobs=10000 each_s=%.3f\n", each);
    std::printf("window_empty_s=%.3f window_full_s=%.3f ratio=%.1f window_rss_mb=%.0f\n",
                windowEmpty, windowFull, windowFull / windowEmpty, windowRss);
    return 0;
}
