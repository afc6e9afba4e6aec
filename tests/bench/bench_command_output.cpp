// Times a program's output through `taskdeck run command` against the same
// pipeline without Taskdeck, in the same run: `sh -c "yes | head -c SIZE"`
// with its stdout on a pipe this program drains (as `| wc -c` would), best of
// --runs, and prints
//   case=yes_500MiB direct_mbps=.. taskdeck_mbps=.. ratio=..
// The figures count only when both delivered every byte (it checks).
// Usage: bench_command_output [--mib N] [--runs N]
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>

#include <cstdio>

namespace {
// Seconds to drain the program's stdout to the end, or -1 when a byte was missing.
double drain(const QString &program, const QStringList &arguments, qint64 expected) {
    QProcess process;
    process.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    qint64 bytes = 0;
    while (process.waitForReadyRead(-1) || process.bytesAvailable() > 0) {
        bytes += process.readAllStandardOutput().size();
        if (process.state() == QProcess::NotRunning && process.bytesAvailable() == 0)
            break;
    }
    process.waitForFinished(-1);
    bytes += process.readAllStandardOutput().size();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    return bytes == expected && process.exitCode() == 0 ? seconds : -1;
}
} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("mib"), QStringLiteral("MiB to print (500)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs of each, best kept (3)."),
                      QStringLiteral("N")});
    parser.process(app);
    const qint64 mib = parser.isSet(QStringLiteral("mib"))
                           ? parser.value(QStringLiteral("mib")).toLongLong()
                           : 500;
    const int runs =
        parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : 3;
    const qint64 bytes = mib << 20;
    const QStringList pipeline{QStringLiteral("-c"), QStringLiteral("yes | head -c %1").arg(bytes)};
    double direct = 1e9;
    double taskdeck = 1e9;
    for (int run = 0; run < runs; ++run) {
        const double a = drain(QStringLiteral("sh"), pipeline, bytes);
        const double b = drain(QStringLiteral(TASKDECK_BINARY),
                               QStringList{QStringLiteral("run"), QStringLiteral("command"),
                                           QStringLiteral("--"), QStringLiteral("sh")} +
                                   pipeline,
                               bytes);
        if (a < 0 || b < 0) {
            std::fprintf(stderr,
                         "bench_command_output: a byte went missing (direct %s, taskdeck %s)\n",
                         a < 0 ? "short" : "whole", b < 0 ? "short" : "whole");
            return 1;
        }
        direct = qMin(direct, a);
        taskdeck = qMin(taskdeck, b);
    }
    const double mb = double(bytes) / 1e6;
    std::printf("case=yes_%lldMiB direct_mbps=%.0f taskdeck_mbps=%.0f ratio=%.2f\n", mib,
                mb / direct, mb / taskdeck, direct / taskdeck);
    return 0;
}
