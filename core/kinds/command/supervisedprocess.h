#pragma once

#include "base/expected.h"
#include "base/filedescriptor.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <sys/types.h>

// Runs one program so that nothing it starts outlives it, through two
// processes:
//  - the supervisor, Taskdeck's helper program taskdeck-supervise
//    (supervisormain.cpp), started with posix_spawn so that a job's start
//    does not copy the instance's page tables. In a session of its own, is a child subreaper
//    (PR_SET_CHILD_SUBREAPER): whatever the program starts and leaves behind
//    (`setsid sleep 1000 &`, a double-forked daemon) is re-parented to it,
//    not to init. Once the program has exited, it kills all of those
//    (SIGKILL) until none is left, then exits as the program did (its exit
//    code, or the same signal). It gets SIGTERM when the thread that started
//    it dies (PR_SET_PDEATHSIG; that thread runs the job until it ends, so
//    this means: the instance died), and then kills the program's group and
//    everything else it holds at once, stopped processes included;
//  - the program, forked by the supervisor, in a process group of its own within that session
//  (pause
//    and cancel signal the group), with stdin /dev/null, stdout and stderr on
//    pipes read here, and no other descriptor of ours. It gets SIGKILL should
//    the supervisor itself die.
// Optionally the program is first moved into a cgroup (cgroupProcsFd), so
// that even a process that escapes the supervisor can be found there.
//
// The supervisor is found beside the running executable, in its
// ../libexec/taskdeck/, or in the build tree (tests); when it is missing the
// job fails saying so.
//
// Thread: the one that calls start() must stay alive until the process has
// ended (the death signal follows that thread). Not thread-safe otherwise.
class SupervisedProcess {
public:
    struct Spec {
        QString program; // a path, or a name looked up on PATH
        QStringList arguments;
        QString workingDirectory;
        QStringList environment; // NAME=VALUE, the whole environment
        int cgroupProcsFd = -1;  // optional: written "0" to by the program before exec
    };

    SupervisedProcess() = default;
    // Kills what still runs (as on the instance's death) and reaps the supervisor.
    ~SupervisedProcess();
    SupervisedProcess(const SupervisedProcess &) = delete;
    SupervisedProcess &operator=(const SupervisedProcess &) = delete;

    // Starts the program and returns once it is running (exec succeeded), or
    // fails naming the program and the reason ("no such file or directory").
    Status start(const Spec &spec);

    pid_t supervisorPid() const { return m_supervisor; }
    pid_t programPid() const { return m_program; } // also its process group

    // Signals the program's process group (pause, resume, cancel).
    void signalProgramGroup(int signal) const;
    // Asks the supervisor to end everything now (SIGTERM to it).
    void endEverything() const;

    enum class Stream { Stdout, Stderr };
    struct Output {
        Stream stream;
        QByteArray bytes;
    };
    // Waits up to timeoutMs for output or the end, and returns what was read
    // (possibly nothing). Once both pipes are closed and the supervisor has
    // exited, isFinished() turns true.
    QList<Output> waitForOutput(int timeoutMs);
    bool isFinished() const { return m_finished; }

    // After isFinished(): how the program ended.
    bool crashed() const { return m_signal != 0; }
    int exitCode() const { return m_exitCode; }
    int signal() const { return m_signal; }

    // The supervisor's absolute path, looked up once; empty when not found.
    static QString supervisorProgram();

    // Resolves a program name the way a shell would (PATH), or returns the
    // path unchanged when it has a '/'. Empty when not found.
    static QString findProgram(const QString &program, const QStringList &environment,
                               const QString &workingDirectory);

private:
    void reap(bool wait);

    pid_t m_supervisor = 0;
    pid_t m_program = 0;
    FileDescriptor m_stdout;
    FileDescriptor m_stderr;
    FileDescriptor m_pidfd; // the supervisor's, when the kernel has pidfd_open
    bool m_reaped = false;
    bool m_finished = false;
    int m_exitCode = -1;
    int m_signal = 0;
    QByteArray m_buffer;
};
