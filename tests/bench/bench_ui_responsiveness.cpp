// Drives the real main window (offscreen) under load and measures how late the
// GUI thread's event loop gets:
//   - 10,000 queued jobs that cannot start yet (group "held", limit 1, whose
//     slot a spinner holds: they wait and count as queued),
//   - as many spinners as the running limit allows, less the slots left for
//     the stream below, each reporting progress in a tight loop,
//   - a stream of instant jobs (high priority) added from a GUI-thread timer
//     in small batches at --rate per second, each finishing at once.
// A 1 ms Qt::PreciseTimer records how late every tick is. Prints the phases'
// figures, GOAL MET / GOAL MISSED lines, and last:
//   max_stall_ms=X p99_stall_ms=Y jobs=N rss_mb=M
// It reports; it is not a test: the exit code is 0 whichever way the goals go.
// With --attached, the queue has what the real application attaches: the
// store writing every change and the instance server, with a shell running
// `taskdeck list` of the whole queue one after another during the run.
// Usage: bench_ui_responsiveness [--seconds S] [--queued N] [--rate R]
//        [--max-running M] [--instant-slots K] [--busy-spinners] [--trace]
//        [--select-all] [--attached]
#include "attachedinstance.h"
#include "benchinstantjobkind.h"
#include "benchspinnerjobkind.h"
#include "engine/jobqueue.h"
#include "job/jobkindregistry.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"
#include "mainwindow.h"
#include "stallmeter.h"
#include "timingapplication.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

namespace {

constexpr double maxStallGoalMs = 16;
constexpr double p99StallGoalMs = 5;
constexpr double kibPerQueuedJobGoal = 2;
const QString heldGroup = QStringLiteral("held");

// Resident set size of this process, in KiB (Linux /proc); -1 when unknown.
qint64 rssKib() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Runs the event loop until done() or the timeout; true when done() held.
bool spinUntil(const std::function<bool()> &done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

void settle(int ms) {
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

JobSpec spinnerSpec(const QString &title, const QString &group, bool idle) {
    JobSpec spec;
    spec.kind = QStringLiteral("bench-spinner");
    spec.title = title;
    spec.group = group;
    spec.params.insert(QStringLiteral("idle"), idle);
    return spec;
}

void goal(const char *what, bool met, const QString &detail) {
    std::printf("GOAL %s: %s (%s)\n", met ? "MET" : "MISSED", what, qPrintable(detail));
}

// Counts a model's signals that matter here; resets must stay at 0.
struct ModelSignals {
    qint64 dataChanged = 0;
    qint64 dataChangedRows = 0;
    qint64 resets = 0;
    void watch(QAbstractItemModel *model) {
        QObject::connect(model, &QAbstractItemModel::modelReset, model, [this] { ++resets; });
        QObject::connect(model, &QAbstractItemModel::dataChanged, model,
                         [this](const QModelIndex &from, const QModelIndex &to) {
                             ++dataChanged;
                             dataChangedRows += to.row() - from.row() + 1;
                         });
    }
};

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bench_ui_responsiveness"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("UI responsiveness under a loaded queue"));
    parser.addHelpOption();
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Length of the run (default 10)."),
                                           QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption queuedOption(QStringLiteral("queued"),
                                          QStringLiteral("Queued jobs (default 10000)."),
                                          QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption rateOption(
        QStringLiteral("rate"), QStringLiteral("Instant jobs added a second (default 1500)."),
        QStringLiteral("R"), QStringLiteral("1500"));
    const QCommandLineOption maxRunningOption(
        QStringLiteral("max-running"), QStringLiteral("The queue's running limit (default 8)."),
        QStringLiteral("M"), QStringLiteral("8"));
    const QCommandLineOption instantSlotsOption(
        QStringLiteral("instant-slots"),
        QStringLiteral("Slots left free of spinners for the instant jobs (default 2)."),
        QStringLiteral("K"), QStringLiteral("2"));
    const QCommandLineOption busyOption(
        QStringLiteral("busy-spinners"),
        QStringLiteral("Spinners keep normal thread priority (they compete with the GUI thread)."));
    const QCommandLineOption traceOption(
        QStringLiteral("trace"),
        QStringLiteral("Time every event delivery during the run; print the costliest."));
    const QCommandLineOption selectAllOption(
        QStringLiteral("select-all"),
        QStringLiteral("Select every row before the run (a person pressed Ctrl+A)."));
    const QCommandLineOption attachedOption(
        QStringLiteral("attached"),
        QStringLiteral("Attach the store and the instance server; list from a shell meanwhile."));
    parser.addOptions({selectAllOption, traceOption, secondsOption, queuedOption, rateOption,
                       maxRunningOption, instantSlotsOption, busyOption, attachedOption});
    parser.process(app);
    const int seconds = qMax(1, parser.value(secondsOption).toInt());
    const int queued = qMax(1, parser.value(queuedOption).toInt());
    const int rate = qMax(1, parser.value(rateOption).toInt());
    const int maxRunning = qMax(2, parser.value(maxRunningOption).toInt());
    const int instantSlots = qBound(1, parser.value(instantSlotsOption).toInt(), maxRunning - 1);
    const bool idleSpinners = !parser.isSet(busyOption);

    auto registry = std::make_shared<JobKindRegistry>();
    registry->add(std::make_shared<BenchSpinnerJobKind>());
    registry->add(std::make_shared<BenchInstantJobKind>());
    auto queue = std::make_unique<JobQueue>(registry);
    queue->setMaxRunning(maxRunning);
    queue->setGroupLimit(heldGroup, 1);
    std::unique_ptr<AttachedInstance> attached;
    if (parser.isSet(attachedOption)) {
        attached = std::make_unique<AttachedInstance>(queue.get());
        if (!attached->error().isEmpty()) {
            std::fprintf(stderr, "bench_ui_responsiveness: %s\n", qPrintable(attached->error()));
            return 1;
        }
    }

    auto window = std::make_unique<MainWindow>(queue.get());
    window->show();
    ModelSignals modelSignals;
    modelSignals.watch(window->model());
    ModelSignals viewModelSignals; // a proxy between model and view, if there is one
    if (window->view()->model() != static_cast<QAbstractItemModel *>(window->model()))
        viewModelSignals.watch(window->view()->model());

    qint64 succeeded = 0;
    QObject::connect(queue.get(), &JobQueue::jobStateChanged, queue.get(),
                     [&succeeded](JobId, JobState state) {
                         if (state == JobState::Succeeded)
                             ++succeeded;
                     });

    std::printf("setup: max_running=%d spinners=%d instant_slots=%d rate=%d/s seconds=%d "
                "spinner_threads=%s\n",
                maxRunning, maxRunning - instantSlots, instantSlots, rate, seconds,
                idleSpinners ? "idle-priority" : "normal-priority");

    // The spinner that holds the "held" group's only slot, so the queued jobs wait.
    const JobId holder =
        queue->add(spinnerSpec(QStringLiteral("Holder"), heldGroup, idleSpinners)).value();
    spinUntil([&] { return queue->job(holder)->state == JobState::Running; }, 10000);
    settle(300);

    // Phase 1: memory per queued job.
    const qint64 rssBefore = rssKib();
    QList<JobSpec> fillers;
    fillers.reserve(queued);
    for (int i = 0; i < queued; ++i)
        fillers.append(spinnerSpec(QStringLiteral("Queued job %1").arg(i + 1), heldGroup, true));
    QElapsedTimer addClock;
    addClock.start();
    queue->add(fillers).value();
    const qint64 addMs = addClock.elapsed();
    fillers.clear();
    fillers.squeeze();
    settle(500); // the model's flush and the view's layout of the new rows
    const qint64 rssAfter = rssKib();
    const double kibPerJob = double(rssAfter - rssBefore) / queued;
    std::printf("phase add: queued=%d add_ms=%lld rss_before_mb=%.1f rss_after_mb=%.1f "
                "kib_per_queued_job=%.2f waiting=%d\n",
                queued, addMs, rssBefore / 1024.0, rssAfter / 1024.0, kibPerJob,
                queue->countIn(JobState::Waiting) + queue->countIn(JobState::Queued));

    // Phase 2: fill the running limit with spinners, less the instant slots.
    QList<JobSpec> spinners;
    for (int i = 1; i < maxRunning - instantSlots; ++i)
        spinners.append(spinnerSpec(QStringLiteral("Spinner %1").arg(i), {}, idleSpinners));
    queue->add(spinners).value();
    const bool allRunning = spinUntil(
        [&] { return queue->countIn(JobState::Running) == maxRunning - instantSlots; }, 10000);
    std::printf("phase spinners: running=%d%s\n", queue->countIn(JobState::Running),
                allRunning ? "" : " (not all started)");
    settle(300);

    if (parser.isSet(selectAllOption)) {
        window->view()->selectAll();
        settle(300);
    }

    // Phase 3: the instant stream, with the stall meter running.
    modelSignals = {};
    viewModelSignals = {};
    const qint64 succeededBefore = succeeded;
    StallMeter meter;
    QElapsedTimer runClock;
    qint64 added = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(10);
    QObject::connect(&feeder, &QTimer::timeout, &feeder, [&] {
        // Catch up to the rate, in batches of at most a tenth of a second's worth.
        const qint64 target = runClock.elapsed() * rate / 1000;
        const qint64 n = qMin<qint64>(target - added, qMax(1, rate / 10));
        if (n <= 0)
            return;
        JobSpec spec;
        spec.kind = QStringLiteral("bench-instant");
        spec.title = QStringLiteral("Instant");
        spec.priority = JobPriority::High;
        queue->add(QList<JobSpec>(n, spec)).value();
        added += n;
    });
    QList<qint64> perSecond;
    qint64 lastSucceeded = succeeded;
    QTimer reporter;
    reporter.setInterval(1000);
    QObject::connect(&reporter, &QTimer::timeout, &reporter, [&] {
        perSecond.append(succeeded - lastSucceeded);
        lastSucceeded = succeeded;
    });
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    app.setTracing(parser.isSet(traceOption));
    runClock.start();
    if (attached)
        attached->startListing(QStringLiteral(TASKDECK_BINARY));
    meter.start();
    feeder.start();
    reporter.start();
    loop.exec();
    meter.stop();
    if (attached)
        attached->stopListing();
    feeder.stop();
    reporter.stop();
    app.setTracing(false);
    if (parser.isSet(traceOption))
        app.printTrace(15);
    const double elapsedS = runClock.elapsed() / 1000.0;
    const qint64 completed = succeeded - succeededBefore;

    QStringList perSecondText;
    for (qint64 n : std::as_const(perSecond))
        perSecondText.append(QString::number(n));
    std::printf("phase run: seconds=%.2f instant_added=%lld instant_completed=%lld "
                "completed_per_s=%.0f per_second=[%s]\n",
                elapsedS, added, completed, completed / elapsedS,
                qPrintable(perSecondText.join(QLatin1Char(' '))));
    const double p50 = meter.quantileUs(0.50) / 1000.0;
    const double p90 = meter.quantileUs(0.90) / 1000.0;
    const double p99 = meter.quantileUs(0.99) / 1000.0;
    const double maxStall = meter.maxUs() / 1000.0;
    std::printf("stall: ticks=%zu p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
                "worst_at_ms=%lld ticks_ge_5ms=%lld ticks_ge_16ms=%lld\n",
                meter.latenessUs().size(), p50, p90, p99, maxStall, meter.worstAtMs(),
                qint64(meter.countAtLeastUs(5000)), qint64(meter.countAtLeastUs(16000)));
    std::printf("model: dataChanged=%lld dataChanged_per_s=%.1f rows_per_dataChanged=%.1f "
                "resets=%lld\n",
                modelSignals.dataChanged, modelSignals.dataChanged / elapsedS,
                modelSignals.dataChanged
                    ? double(modelSignals.dataChangedRows) / double(modelSignals.dataChanged)
                    : 0.0,
                modelSignals.resets);
    if (attached)
        std::printf("attached: lists_completed=%d lists_failed=%d\n", attached->listsCompleted(),
                    attached->listsFailed());
    if (window->view()->model() != static_cast<QAbstractItemModel *>(window->model()))
        std::printf("view model (proxy): dataChanged=%lld resets=%lld\n",
                    viewModelSignals.dataChanged, viewModelSignals.resets);

    const int jobs = queue->count();
    const qint64 rssEnd = rssKib();
    goal("max_stall_ms <= 16", maxStall <= maxStallGoalMs, QString::number(maxStall, 'f', 1));
    goal("p99_stall_ms <= 5", p99 <= p99StallGoalMs, QString::number(p99, 'f', 1));
    goal("KiB per queued job <= 2", kibPerJob <= kibPerQueuedJobGoal,
         QString::number(kibPerJob, 'f', 2));
    goal(">= 1000 jobs completed a second", completed / elapsedS >= 1000,
         QString::number(completed / elapsedS, 'f', 0));
    goal("no model reset during the run", modelSignals.resets + viewModelSignals.resets == 0,
         QString::number(modelSignals.resets + viewModelSignals.resets));

    // Clean exit: nothing new starts, the spinners stop, the window goes before the queue.
    queue->drain();
    for (JobId id : queue->order()) {
        if (queue->job(id)->state == JobState::Running)
            queue->cancel(id);
    }
    spinUntil([&] { return queue->countIn(JobState::Running) == 0; }, 30000);
    window.reset();
    attached.reset();
    queue.reset();

    std::printf("max_stall_ms=%.1f p99_stall_ms=%.1f jobs=%d rss_mb=%.0f\n", maxStall, p99, jobs,
                rssEnd / 1024.0);
    return 0;
}
