#include "kinds/command/commandrunner.h"

#include "base/processidentity.h"
#include "job/humanformat.h"
#include "job/jobcontext.h"

#include <QFile>
#include <QLocale>
#include <QProcessEnvironment>
#include <QTime>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace {

// Short enough that cancel, pause and output react within a blink, long enough
// that an idle job costs nothing.
constexpr int pollMs = 50;

QString signalName(int signal) {
    const char *name = ::sigabbrev_np(signal);
    return name ? QStringLiteral("SIG") + QString::fromLatin1(name) : QString::number(signal);
}

} // namespace

CommandRunner::CommandRunner(JobContext &context, const CommandJobParams &params)
    : m_context(context)
    , m_params(params)
    , m_parser(ProgressParser::create(params.progress, params.durationSeconds)) {}

CommandRunner::~CommandRunner() = default;

QString CommandRunner::streamTag(bool isStderr) {
    return isStderr ? QStringLiteral("stderr: ") : QStringLiteral("stdout: ");
}

SupervisedProcess::Spec CommandRunner::spec() const {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : m_params.env) {
        const qsizetype equals = entry.indexOf(QLatin1Char('='));
        environment.insert(entry.left(equals), entry.mid(equals + 1));
    }
    return {m_params.program, m_params.arguments, m_params.cwd, environment.toStringList()};
}

JobResult CommandRunner::run() {
    if (!m_params.logFile.isEmpty() && !m_logFile.open(m_params.logFile)) {
        return JobResult::failure(QStringLiteral("cannot write the log %1: %2")
                                      .arg(m_params.logFile, m_logFile.errorString()));
    }
    m_context.setStatus(QStringLiteral("Starting %1…").arg(m_params.program));
    m_elapsed.start();
    SupervisedProcess process;
    if (const Status started = process.start(spec()); !started)
        return JobResult::failure(started.error());
    // Should the instance die now, its next start ends whatever of this still runs.
    const JobLeftover running = JobLeftover::process(
        process.supervisorPid(), ProcessIdentity::startTime(process.supervisorPid()).value_or(0),
        process.programPid(), ProcessIdentity::startTime(process.programPid()).value_or(0));
    m_context.trackProcess(running);
    m_context.log(QStringLiteral("%1 started: %2 (pid %3, in %4)")
                      .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")),
                           m_params.commandLine())
                      .arg(process.programPid())
                      .arg(m_params.cwd));
    updateStatus(true);
    bool canceled = false;
    superviseUntilEnd(process, canceled);
    m_context.releaseProcess(running);
    m_stamp = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")) + QLatin1Char(' ');
    for (const QByteArray &line : m_stdout.finish())
        handleLine(line, false);
    for (const QByteArray &line : m_stderr.finish())
        handleLine(line, true);
    m_logFile.close();
    return finish(process, canceled);
}

void CommandRunner::superviseUntilEnd(SupervisedProcess &process, bool &canceled) {
    bool killed = false;
    QElapsedTimer sinceTerm;
    while (!process.isFinished()) {
        const QList<SupervisedProcess::Output> outputs = process.waitForOutput(pollMs);
        if (!outputs.isEmpty()) {
            // One timestamp per batch read: formatting the time for each of a
            // flood of lines would cost more than the rest of their handling.
            m_stamp =
                QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")) + QLatin1Char(' ');
            for (const SupervisedProcess::Output &output : outputs)
                handleOutput(output);
        }
        if (m_context.isCanceled()) {
            if (!canceled) {
                canceled = true;
                m_context.setStatus(QStringLiteral("Stopping…"));
                process.signalProgramGroup(SIGTERM);
                process.signalProgramGroup(SIGCONT); // a stopped program cannot act on SIGTERM
                sinceTerm.start();
            } else if (!killed && sinceTerm.elapsed() >= qint64(m_params.graceSeconds * 1000)) {
                killed = true;
                process.signalProgramGroup(SIGKILL);
            }
            continue;
        }
        if (m_context.isPauseRequested() != m_stopped) {
            m_stopped = !m_stopped;
            process.signalProgramGroup(m_stopped ? SIGSTOP : SIGCONT);
            updateStatus(true);
        } else {
            updateStatus(false);
        }
    }
}

void CommandRunner::handleOutput(const SupervisedProcess::Output &output) {
    const bool isStderr = output.stream == SupervisedProcess::Stream::Stderr;
    m_context.writeOutput(isStderr ? OutputStream::Stderr : OutputStream::Stdout, output.bytes);
    OutputLineSampler &sampler = isStderr ? m_stderr : m_stdout;
    for (const QByteArray &line : sampler.feed(output.bytes, m_elapsed.elapsed()))
        handleLine(line, isStderr);
}

void CommandRunner::handleLine(const QByteArray &bytes, bool isStderr) {
    ++m_lines;
    const QString text = QString::fromLocal8Bit(bytes);
    m_context.log(m_stamp + streamTag(isStderr) + text);
    if (m_logFile.isOpen())
        m_logFile.writeLine(m_stamp.toLatin1() + streamTag(isStderr).toLatin1() + bytes);
    if (isStderr && !text.trimmed().isEmpty()) {
        m_stderrTail.append(text);
        if (m_stderrTail.size() > stderrTailLines)
            m_stderrTail.removeFirst();
    }
    if (!m_parser)
        return;
    if (const std::optional<ProgressParser::Reading> reading = m_parser->feed(text)) {
        if (!m_sawProgress || reading->total != m_lastReading.total ||
            reading->unit != m_lastReading.unit) {
            m_context.setTotal(reading->total, reading->unit);
        }
        m_context.setDone(reading->done);
        m_sawProgress = true;
        m_lastReading = *reading;
    }
}

void CommandRunner::updateStatus(bool force) {
    const qint64 now = m_elapsed.elapsed();
    // Once a second is enough for a clock that shows seconds.
    if (!force && m_lastStatusMs >= 0 && now - m_lastStatusMs < 1000)
        return;
    m_lastStatusMs = now;
    if (m_stopped) {
        m_context.setStatus(QStringLiteral("Paused (stopped with SIGSTOP)"));
        return;
    }
    QString status = QStringLiteral("Running for %1").arg(HumanFormat::duration(now / 1000));
    if (m_lines > 0) {
        status += QStringLiteral(", %1 %2").arg(QLocale().toString(m_lines),
                                                m_lines == 1 ? QStringLiteral("line of output")
                                                             : QStringLiteral("lines of output"));
    }
    m_context.setStatus(status);
}

JobResult CommandRunner::finish(const SupervisedProcess &process, bool canceled) {
    const QString took = HumanFormat::duration(m_elapsed.elapsed() / 1000);
    QVariantMap details{{QStringLiteral("pid"), qint64(process.programPid())},
                        {QStringLiteral("lines"), m_lines},
                        {QStringLiteral("stderr_tail"), m_stderrTail}};
    if (!m_params.logFile.isEmpty()) {
        details.insert(QStringLiteral("log_file"), m_params.logFile);
        details.insert(QStringLiteral("log_truncated"), m_logFile.truncated());
    }
    if (canceled)
        return JobResult::failure(QStringLiteral("canceled"), {}, details);

    const bool crashed = process.crashed();
    const int code = crashed ? process.signal() : process.exitCode();
    details.insert(crashed ? QStringLiteral("signal") : QStringLiteral("exit_code"), code);
    if (!crashed && code == 0) {
        if (m_sawProgress && m_lastReading.total > 0)
            m_context.setDone(m_lastReading.total);
        const QString summary = QStringLiteral("Exited with code 0 after %1").arg(took);
        m_context.setStatus(summary);
        return JobResult{{}, summary, details};
    }
    QString message =
        crashed ? QStringLiteral("%1 was killed by signal %2 (%3)")
                      .arg(m_params.program)
                      .arg(code)
                      .arg(signalName(code))
                : QStringLiteral("%1 exited with code %2").arg(m_params.program).arg(code);
    const QString summary = message + QStringLiteral(" after %1").arg(took);
    if (!m_stderrTail.isEmpty())
        message +=
            QStringLiteral("; last lines of stderr:\n") + m_stderrTail.join(QLatin1Char('\n'));
    m_context.setStatus(summary);
    return JobResult::failure(message, summary, details);
}
