#pragma once

#include "job/cappedlogfile.h"
#include "job/jobresult.h"
#include "kinds/command/commandjobparams.h"
#include "kinds/command/outputlinesampler.h"
#include "kinds/command/progressparser.h"
#include "kinds/command/supervisedprocess.h"

#include <QElapsedTimer>
#include <QStringList>

#include <memory>

class JobContext;

// One run of a command job, on the job's worker thread (no event loop there:
// it polls the process's pipes with short waits). The program runs under a
// SupervisedProcess: in its own process group, in a session with a subreaper
// that kills whatever it leaves behind, and with a death signal should the
// instance die. Signals go to the program's group:
//   cancel  -> SIGTERM (and SIGCONT, should it be stopped), then SIGKILL once
//              graceSeconds have passed;
//   pause   -> SIGSTOP; resume -> SIGCONT.
//
// The program's stdout and stderr go, byte for byte, to the job's output
// (JobContext::writeOutput: the terminal of `taskdeck run`). Their lines are
// logged as "HH:MM:SS.mmm stdout: text" (or "stderr: "), sampled when the
// program floods (OutputLineSampler), to the context and, when a log file is
// given, to that file, capped; they also feed the progress parser.
// Stack object; not thread-safe; run() once.
class CommandRunner {
public:
    CommandRunner(JobContext &context, const CommandJobParams &params);
    ~CommandRunner();

    JobResult run();

    // How many of the program's last stderr lines a failure message quotes.
    static constexpr int stderrTailLines = 20;
    // The prefix after the timestamp of a log line from each stream.
    static QString streamTag(bool isStderr);

private:
    SupervisedProcess::Spec spec() const;
    void superviseUntilEnd(SupervisedProcess &process, bool &canceled);
    void handleOutput(const SupervisedProcess::Output &output);
    void handleLine(const QByteArray &bytes, bool isStderr);
    void updateStatus(bool force);
    JobResult finish(const SupervisedProcess &process, bool canceled);

    JobContext &m_context;
    const CommandJobParams &m_params;
    std::unique_ptr<ProgressParser> m_parser;
    OutputLineSampler m_stdout;
    OutputLineSampler m_stderr;
    CappedLogFile m_logFile;
    QStringList m_stderrTail;
    qint64 m_lines = 0;
    bool m_sawProgress = false;
    ProgressParser::Reading m_lastReading;
    bool m_stopped = false;
    QElapsedTimer m_elapsed;
    qint64 m_lastStatusMs = -1;
    QString m_stamp; // "HH:MM:SS.mmm " of the current batch of output
};
