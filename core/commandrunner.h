#pragma once

#include "cappedlogfile.h"
#include "commandjobparams.h"
#include "jobresult.h"
#include "outputlinesplitter.h"
#include "progressparser.h"

#include <QElapsedTimer>
#include <QStringList>

#include <memory>
#include <sys/types.h>

class JobContext;
class QProcess;

// One run of a command job, on the job's worker thread (no event loop there:
// it polls the process with short waits). The program runs in its own session
// and process group (setsid in the child), so signals sent to the group reach
// everything it started:
//   cancel  -> SIGTERM (and SIGCONT, should it be stopped) to the group, then
//              SIGKILL once graceSeconds have passed;
//   pause   -> SIGSTOP to the group; resume -> SIGCONT.
// When the program itself exits, the group gets SIGKILL too: background
// children it left behind do not outlive the job.
//
// Every output line is logged as "HH:MM:SS.mmm stdout: text" (or "stderr: ")
// through the context (whose pending lines are bounded) and, when a log file
// is given, written to it, capped. Lines also feed the progress parser.
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
    void signalGroup(int signal) const;
    void readOutput(QProcess &process, bool finished);
    void handleLine(const QByteArray &bytes, bool isStderr);
    void updateStatus(bool force);
    JobResult finish(QProcess &process, bool canceled);

    JobContext &m_context;
    const CommandJobParams &m_params;
    std::unique_ptr<ProgressParser> m_parser;
    OutputLineSplitter m_stdout;
    OutputLineSplitter m_stderr;
    CappedLogFile m_logFile;
    QStringList m_stderrTail;
    qint64 m_lines = 0;
    bool m_sawProgress = false;
    ProgressParser::Reading m_lastReading;
    pid_t m_pid = 0;
    bool m_stopped = false;
    QElapsedTimer m_elapsed;
    qint64 m_lastStatusMs = -1;
    QString m_stamp; // "HH:MM:SS.mmm " of the current batch of output
};
