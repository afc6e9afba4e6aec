#include "kinds/command/supervisedprocess.h"

#include "base/readablefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

// The two children are forked from a threaded process (the job's worker, with
// the GUI and other jobs beside it) and never exec Qt again: until exec they
// may only make async-signal-safe calls. They call the kernel directly
// (syscall()), never a libc wrapper a sanitizer intercepts, touch no heap and
// are not instrumented, so they work the same in ASan and TSan builds.
#define TASKDECK_CHILD_CODE __attribute__((noinline, no_sanitize("address", "thread", "undefined")))

namespace {

constexpr int pipeBytes = 1 << 20;

// What the children need, prepared before the fork (they cannot allocate).
struct ChildPlan {
    const char *path;
    char *const *argv;
    char *const *envp;
    const char *cwd;
    int devNull;
    int stdoutWrite;
    int stderrWrite;
    int statusWrite;
    int cgroupProcsFd;
    pid_t instance;
};

// What the children tell the parent through the status pipe, one fixed-size
// record per write (atomic: far below PIPE_BUF). EOF on the pipe means the
// supervisor is done writing and the program has exec'd (or died trying).
enum RecordKind : char {
    ProgramStarted = 'P', // value: the program's pid
    ExecFailed = 'E',     // value: errno
    ChdirFailed = 'D',    // value: errno
    ForkFailed = 'F',     // value: errno
};
struct Record {
    char kind;
    char padding[7];
    long long value;
};

// The kernel's sigset_t and struct sigaction, as rt_sigprocmask/rt_sigaction take them.
using KernelSigset = unsigned long long;
struct KernelSigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)();
    KernelSigset mask;
};

TASKDECK_CHILD_CODE long sys(long number, long a = 0, long b = 0, long c = 0, long d = 0,
                             long e = 0) {
    return ::syscall(number, a, b, c, d, e);
}

TASKDECK_CHILD_CODE KernelSigset bit(int signal) {
    return 1ULL << (signal - 1);
}

TASKDECK_CHILD_CODE void writeRecord(int fd, RecordKind kind, long long value) {
    Record record{};
    record.kind = kind;
    record.value = value;
    sys(SYS_write, fd, long(&record), sizeof record);
}

[[noreturn]] TASKDECK_CHILD_CODE void exitNow(int code) {
    for (;;)
        sys(SYS_exit_group, code);
}

// Writes number in decimal at `at`, NUL-terminated; returns the end.
TASKDECK_CHILD_CODE char *appendNumber(char *at, long number) {
    char digits[24];
    int count = 0;
    do {
        digits[count++] = char('0' + number % 10);
        number /= 10;
    } while (number > 0);
    while (count > 0)
        *at++ = digits[--count];
    *at = '\0';
    return at;
}

TASKDECK_CHILD_CODE char *appendText(char *at, const char *text) {
    while (*text)
        *at++ = *text++;
    *at = '\0';
    return at;
}

TASKDECK_CHILD_CODE void killWithGroup(long pid) {
    sys(SYS_kill, -pid, SIGKILL); // its group, should it lead one
    sys(SYS_kill, pid, SIGKILL);
}

// The parent named in /proc/PID/stat ("PID (COMM) STATE PPID ...", where COMM
// may hold spaces and parentheses itself), or -1.
TASKDECK_CHILD_CODE long parentOf(long pid, char *buffer, long size) {
    char path[48] = "/proc/";
    appendText(appendNumber(path + 6, pid), "/stat");
    const long fd = sys(SYS_openat, AT_FDCWD, long(path), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const long length = sys(SYS_read, fd, long(buffer), size);
    sys(SYS_close, fd);
    long close = -1;
    for (long i = 0; i < length; ++i) {
        if (buffer[i] == ')')
            close = i;
    }
    if (close < 0 || close + 4 >= length)
        return -1;
    long parent = 0;
    for (long i = close + 4; i < length && buffer[i] >= '0' && buffer[i] <= '9'; ++i)
        parent = parent * 10 + (buffer[i] - '0');
    return parent;
}

// SIGKILLs every child of `self` (and the group each leads): listed in
// /proc/PID/task/PID/children when the kernel has it, else found by reading
// each /proc/N/stat.
TASKDECK_CHILD_CODE void killChildren(pid_t self) {
    static char buffer[1 << 16];
    char path[80] = "/proc/";
    char *end = appendText(appendNumber(path + 6, self), "/task/");
    appendText(appendNumber(end, self), "/children");
    const long fd = sys(SYS_openat, AT_FDCWD, long(path), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        const long length = sys(SYS_read, fd, long(buffer), sizeof buffer - 1);
        sys(SYS_close, fd);
        long pid = 0;
        for (long i = 0; i < length; ++i) {
            if (buffer[i] >= '0' && buffer[i] <= '9') {
                pid = pid * 10 + (buffer[i] - '0');
            } else if (pid > 0) {
                killWithGroup(pid);
                pid = 0;
            }
        }
        if (pid > 0)
            killWithGroup(pid);
        return;
    }
    const long proc = sys(SYS_openat, AT_FDCWD, long("/proc"), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (proc < 0)
        return;
    static char entries[1 << 15];
    for (;;) {
        const long length = sys(SYS_getdents64, proc, long(entries), sizeof entries);
        if (length <= 0)
            break;
        for (long offset = 0; offset < length;) {
            // struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name.
            const char *record = entries + offset;
            offset += *reinterpret_cast<const unsigned short *>(record + 16);
            long pid = 0;
            const char *name = record + 19;
            bool numeric = *name != '\0';
            for (const char *c = name; *c && numeric; ++c) {
                numeric = *c >= '0' && *c <= '9';
                pid = pid * 10 + (*c - '0');
            }
            if (numeric && parentOf(pid, buffer, 512) == self)
                killWithGroup(pid);
        }
    }
    sys(SYS_close, proc);
}

// Ends the supervisor the way the program ended: same exit code, or killed by
// the same signal (without a core file of the supervisor's own).
[[noreturn]] TASKDECK_CHILD_CODE void exitAs(int status) {
    if (WIFEXITED(status))
        exitNow(WEXITSTATUS(status));
    const int signal = WTERMSIG(status);
    const rlimit noCore{0, 0};
    sys(SYS_prlimit64, 0, RLIMIT_CORE, long(&noCore), 0);
    KernelSigaction fallback{};
    fallback.handler = SIG_DFL;
    sys(SYS_rt_sigaction, signal, long(&fallback), 0, sizeof(KernelSigset));
    const KernelSigset only = bit(signal);
    sys(SYS_rt_sigprocmask, SIG_UNBLOCK, long(&only), 0, sizeof(KernelSigset));
    sys(SYS_kill, sys(SYS_getpid), signal);
    exitNow(128 + signal);
}

[[noreturn]] TASKDECK_CHILD_CODE void supervise(pid_t program) {
    const pid_t self = pid_t(sys(SYS_getpid));
    const KernelSigset wanted =
        bit(SIGCHLD) | bit(SIGTERM) | bit(SIGINT) | bit(SIGHUP) | bit(SIGQUIT);
    int programStatus = 0;
    bool programEnded = false;
    bool ending = false;
    for (;;) {
        for (;;) {
            int status = 0;
            const long pid = sys(SYS_wait4, -1, long(&status), WNOHANG, 0);
            if (pid > 0) {
                if (pid == program) {
                    programStatus = status;
                    programEnded = true;
                }
                continue;
            }
            if (pid == -ECHILD || (pid < 0 && errno == ECHILD)) {
                if (programEnded)
                    exitAs(programStatus);
            }
            break;
        }
        if (ending && !programEnded)
            sys(SYS_kill, -program, SIGKILL);
        // Once the program is gone, whatever it left behind goes too; processes
        // re-parented to us while we look are caught on the next pass.
        if (programEnded || ending)
            killChildren(self);
        const timespec wait{0, (programEnded || ending) ? 20'000'000L : 500'000'000L};
        const long signal =
            sys(SYS_rt_sigtimedwait, long(&wanted), 0, long(&wait), sizeof(KernelSigset));
        if (signal == SIGTERM || signal == SIGINT || signal == SIGHUP || signal == SIGQUIT)
            ending = true; // the instance died (death signal) or asked
    }
}

[[noreturn]] TASKDECK_CHILD_CODE void runProgram(const ChildPlan &plan, pid_t supervisor) {
    sys(SYS_setpgid, 0, 0);
    sys(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL);
    if (sys(SYS_getppid) != supervisor)
        exitNow(127); // the supervisor died before the death signal was set
    if (plan.cgroupProcsFd >= 0)
        sys(SYS_write, plan.cgroupProcsFd, long("0"), 1);
    sys(SYS_dup3, plan.devNull, 0, 0);
    sys(SYS_dup3, plan.stdoutWrite, 1, 0);
    sys(SYS_dup3, plan.stderrWrite, 2, 0);
    // Nothing of ours reaches the program: every other descriptor closes at exec.
    sys(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
    const KernelSigset none = 0;
    sys(SYS_rt_sigprocmask, SIG_SETMASK, long(&none), 0, sizeof(KernelSigset));
    if (sys(SYS_chdir, long(plan.cwd)) != 0) {
        writeRecord(plan.statusWrite, ChdirFailed, errno);
        exitNow(127);
    }
    sys(SYS_execve, long(plan.path), long(plan.argv), long(plan.envp));
    writeRecord(plan.statusWrite, ExecFailed, errno);
    exitNow(127);
}

[[noreturn]] TASKDECK_CHILD_CODE void runSupervisor(const ChildPlan &plan) {
    // Block everything while dispositions go back to default: the instance's
    // own handlers (SIGTERM, SIGINT) must not run here.
    const KernelSigset all = ~0ULL;
    sys(SYS_rt_sigprocmask, SIG_SETMASK, long(&all), 0, sizeof(KernelSigset));
    KernelSigaction fallback{};
    fallback.handler = SIG_DFL;
    for (int signal = 1; signal <= 64; ++signal) {
        if (signal != SIGKILL && signal != SIGSTOP)
            sys(SYS_rt_sigaction, signal, long(&fallback), 0, sizeof(KernelSigset));
    }
    sys(SYS_setsid);
    sys(SYS_prctl, PR_SET_CHILD_SUBREAPER, 1);
    sys(SYS_prctl, PR_SET_PDEATHSIG, SIGTERM);
    if (sys(SYS_getppid) != plan.instance)
        exitNow(127); // the instance died before the death signal was set
    const pid_t self = pid_t(sys(SYS_getpid));
    const long program = sys(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (program == 0)
        runProgram(plan, self);
    if (program < 0) {
        writeRecord(plan.statusWrite, ForkFailed, errno);
        exitNow(127);
    }
    writeRecord(plan.statusWrite, ProgramStarted, program);
    sys(SYS_dup3, plan.devNull, 0, 0);
    sys(SYS_dup3, plan.devNull, 1, 0);
    sys(SYS_dup3, plan.devNull, 2, 0);
    sys(SYS_close_range, 3, ~0U, 0); // the pipes' write ends and the status pipe too
    supervise(pid_t(program));
}

// A descriptor of ours at 3 or above, so dup3() onto 0..2 in the child never
// meets it there.
int highDescriptor(int fd) {
    if (fd < 0 || fd > 2)
        return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    return moved;
}

QString describe(RecordKind kind, int error, const QString &program, const QString &cwd) {
    const QString reason = ReadableFile::describeErrno(error);
    if (kind == ChdirFailed)
        return QStringLiteral("cannot start %1 in %2: %3").arg(program, cwd, reason);
    return QStringLiteral("cannot start %1: %2").arg(program, reason);
}

} // namespace

SupervisedProcess::~SupervisedProcess() {
    if (m_supervisor > 0 && !m_reaped) {
        endEverything();
        reap(true);
    }
}

QString SupervisedProcess::findProgram(const QString &program, const QStringList &environment,
                                       const QString &workingDirectory) {
    if (program.contains(QLatin1Char('/')))
        return QDir(workingDirectory).absoluteFilePath(program);
    QString path = QStringLiteral("/usr/local/bin:/usr/bin:/bin");
    for (const QString &entry : environment) {
        if (entry.startsWith(QLatin1String("PATH=")))
            path = entry.mid(5);
    }
    for (const QString &folder : path.split(QLatin1Char(':'))) {
        const QString candidate =
            QDir(folder.isEmpty() ? workingDirectory
                                  : QDir(workingDirectory).absoluteFilePath(folder))
                .absoluteFilePath(program);
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return candidate;
    }
    return {};
}

Status SupervisedProcess::start(const Spec &spec) {
    const QString path = findProgram(spec.program, spec.environment, spec.workingDirectory);
    if (path.isEmpty())
        return Status::failure(
            QStringLiteral("cannot start %1: no such program on PATH").arg(spec.program));
    // Everything the children read, built before the fork.
    const QByteArray pathBytes = QFile::encodeName(path);
    const QByteArray cwdBytes = QFile::encodeName(spec.workingDirectory);
    std::vector<QByteArray> words{spec.program.toLocal8Bit()};
    for (const QString &argument : spec.arguments)
        words.push_back(argument.toLocal8Bit());
    std::vector<QByteArray> entries;
    for (const QString &entry : spec.environment)
        entries.push_back(entry.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (QByteArray &entry : entries)
        envp.push_back(entry.data());
    envp.push_back(nullptr);

    int out[2], err[2], status[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        return Status::failure(QStringLiteral("cannot start %1: %2")
                                   .arg(spec.program, ReadableFile::describeErrno(errno)));
    FileDescriptor outRead(highDescriptor(out[0])), outWrite(highDescriptor(out[1]));
    if (::pipe2(err, O_CLOEXEC) != 0)
        return Status::failure(QStringLiteral("cannot start %1: %2")
                                   .arg(spec.program, ReadableFile::describeErrno(errno)));
    FileDescriptor errRead(highDescriptor(err[0])), errWrite(highDescriptor(err[1]));
    if (::pipe2(status, O_CLOEXEC) != 0)
        return Status::failure(QStringLiteral("cannot start %1: %2")
                                   .arg(spec.program, ReadableFile::describeErrno(errno)));
    FileDescriptor statusRead(highDescriptor(status[0])), statusWrite(highDescriptor(status[1]));
    FileDescriptor devNull(highDescriptor(::open("/dev/null", O_RDWR | O_CLOEXEC)));

    const ChildPlan plan{
        pathBytes.constData(), argv.data(),    envp.data(),    cwdBytes.constData(),
        devNull.get(),         outWrite.get(), errWrite.get(), statusWrite.get(),
        spec.cgroupProcsFd,    ::getpid()};
    const long supervisor = ::syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (supervisor == 0)
        runSupervisor(plan);
    if (supervisor < 0)
        return Status::failure(QStringLiteral("cannot start %1: %2")
                                   .arg(spec.program, ReadableFile::describeErrno(errno)));
    m_supervisor = pid_t(supervisor);
    m_pidfd.reset(int(::syscall(SYS_pidfd_open, m_supervisor, 0)));
    outWrite.reset();
    errWrite.reset();
    statusWrite.reset();
    devNull.reset();

    // Records until EOF: the program's pid, or why it could not start.
    QString error;
    for (;;) {
        Record record{};
        const ssize_t got = ::read(statusRead.get(), &record, sizeof record);
        if (got < 0 && errno == EINTR)
            continue;
        if (got != ssize_t(sizeof record))
            break;
        if (record.kind == ProgramStarted)
            m_program = pid_t(record.value);
        else
            error = describe(RecordKind(record.kind), int(record.value), spec.program,
                             spec.workingDirectory);
    }
    if (!error.isEmpty() || m_program <= 0) {
        reap(true);
        m_finished = true;
        return Status::failure(error.isEmpty() ? QStringLiteral("cannot start %1").arg(spec.program)
                                               : error);
    }
    ::fcntl(outRead.get(), F_SETFL, O_NONBLOCK);
    ::fcntl(errRead.get(), F_SETFL, O_NONBLOCK);
    // A flood is read in large chunks, not 64 KiB at a time (refused past the
    // system's pipe-max-size, which is fine).
    ::fcntl(outRead.get(), F_SETPIPE_SZ, pipeBytes);
    ::fcntl(errRead.get(), F_SETPIPE_SZ, pipeBytes);
    m_stdout = std::move(outRead);
    m_stderr = std::move(errRead);
    m_buffer.resize(pipeBytes);
    return {};
}

void SupervisedProcess::signalProgramGroup(int signal) const {
    if (m_program > 0 && !m_reaped)
        ::kill(-m_program, signal); // ESRCH: the group is gone already, which is fine
}

void SupervisedProcess::endEverything() const {
    if (m_supervisor > 0 && !m_reaped)
        ::kill(m_supervisor, SIGTERM);
}

QList<SupervisedProcess::Output> SupervisedProcess::waitForOutput(int timeoutMs) {
    QList<Output> outputs;
    if (m_finished)
        return outputs;
    pollfd fds[3] = {
        {m_stdout.get(), POLLIN, 0}, {m_stderr.get(), POLLIN, 0}, {m_pidfd.get(), POLLIN, 0}};
    // Without a pidfd the supervisor's end is noticed on the next timeout.
    const int waited = ::poll(
        fds, 3, (m_stdout.isValid() || m_stderr.isValid()) ? timeoutMs : qMin(timeoutMs, 20));
    if (waited < 0 && errno != EINTR)
        return outputs;
    for (int i = 0; i < 2; ++i) {
        FileDescriptor &pipe = i == 0 ? m_stdout : m_stderr;
        if (!pipe.isValid() || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        const ssize_t got = ::read(pipe.get(), m_buffer.data(), size_t(m_buffer.size()));
        if (got > 0)
            outputs.append(
                {i == 0 ? Stream::Stdout : Stream::Stderr, QByteArray(m_buffer.constData(), got)});
        else if (got == 0 || (errno != EAGAIN && errno != EINTR))
            pipe.reset(); // closed: the program and all it started let go of it
    }
    if (!m_reaped)
        reap(false);
    if (m_reaped && !m_stdout.isValid() && !m_stderr.isValid())
        m_finished = true;
    return outputs;
}

void SupervisedProcess::reap(bool wait) {
    if (m_reaped || m_supervisor <= 0)
        return;
    int status = 0;
    for (;;) {
        const pid_t got = ::waitpid(m_supervisor, &status, wait ? 0 : WNOHANG);
        if (got < 0 && errno == EINTR)
            continue;
        if (got != m_supervisor)
            return;
        break;
    }
    m_reaped = true;
    if (WIFEXITED(status)) {
        m_exitCode = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        m_signal = WTERMSIG(status);
        m_exitCode = m_signal;
    }
}
