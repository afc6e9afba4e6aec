// taskdeck-supervise: the process between a command job and its program (see
// SupervisedProcess). The instance starts it with posix_spawn, so starting a
// job costs an exec of this small program instead of a fork of the whole
// instance (whose page tables grow with its queue); the program is then
// forked from here, which is cheap.
//
//   taskdeck-supervise INSTANCE_PID CGROUP CWD PATH ARGV0 [ARG...]
//
// Descriptors on entry: 0 /dev/null, 1 and 2 the program's output pipes, 3 the
// status pipe (records, see supervisorrecord.h), 4 the cgroup's
// cgroup.procs when CGROUP is "4" (else CGROUP is "-"). The environment is
// the program's. It is Taskdeck's own helper, not a command for people.
//
// It is a child subreaper in a session of its own: whatever the program leaves
// behind is re-parented here and killed once the program has exited; it exits
// as the program did. SIGTERM (its death signal when the instance's thread that
// started it dies, or the instance asking) kills everything at once.
// Single-threaded; the program's child side only makes async-signal-safe calls.
#include "kinds/command/supervisorrecord.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <initializer_list>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr int statusFd = 3;
constexpr int cgroupFd = 4;

void writeRecord(SupervisorRecord::Kind kind, long long value) {
    SupervisorRecord record{};
    record.kind = kind;
    record.value = value;
    (void)!::write(statusFd, &record, sizeof record);
}

void killWithGroup(long pid) {
    ::kill(pid_t(-pid), SIGKILL); // its group, should it lead one
    ::kill(pid_t(pid), SIGKILL);
}

// The parent named in /proc/PID/stat ("PID (COMM) STATE PPID ...", where COMM
// may hold spaces and parentheses itself), or -1.
long parentOf(long pid) {
    char path[48];
    std::snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buffer[512];
    const ssize_t length = ::read(fd, buffer, sizeof buffer);
    ::close(fd);
    long close = -1;
    for (ssize_t i = 0; i < length; ++i) {
        if (buffer[i] == ')')
            close = long(i);
    }
    if (close < 0 || close + 4 >= length)
        return -1;
    return std::strtol(buffer + close + 4, nullptr, 10);
}

// SIGKILLs every child of `self` (and the group each leads): listed in
// /proc/PID/task/PID/children when the kernel has it, else found by reading
// each /proc/N/stat.
void killChildren(pid_t self) {
    static char buffer[1 << 16];
    char path[80];
    std::snprintf(path, sizeof path, "/proc/%d/task/%d/children", int(self), int(self));
    if (const int fd = ::open(path, O_RDONLY | O_CLOEXEC); fd >= 0) {
        const ssize_t length = ::read(fd, buffer, sizeof buffer - 1);
        ::close(fd);
        buffer[length > 0 ? length : 0] = '\0';
        for (char *at = buffer, *end = nullptr;; at = end) {
            const long pid = std::strtol(at, &end, 10);
            if (end == at)
                break;
            if (pid > 0)
                killWithGroup(pid);
        }
        return;
    }
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return;
    while (const dirent *entry = ::readdir(proc)) {
        char *end = nullptr;
        const long pid = std::strtol(entry->d_name, &end, 10);
        if (pid > 0 && *end == '\0' && parentOf(pid) == self)
            killWithGroup(pid);
    }
    ::closedir(proc);
}

// Ends the supervisor the way the program ended: same exit code, or killed by
// the same signal (without a core file of the supervisor's own).
[[noreturn]] void exitAs(int status) {
    if (WIFEXITED(status))
        ::_exit(WEXITSTATUS(status));
    const int signal = WTERMSIG(status);
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);
    ::signal(signal, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal);
    ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
    ::kill(::getpid(), signal);
    ::_exit(128 + signal);
}

[[noreturn]] void supervise(pid_t program) {
    const pid_t self = ::getpid();
    sigset_t wanted;
    sigemptyset(&wanted);
    for (const int signal : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT})
        sigaddset(&wanted, signal);
    int programStatus = 0;
    bool programEnded = false;
    bool ending = false;
    for (;;) {
        for (;;) {
            int status = 0;
            const pid_t pid = ::waitpid(-1, &status, WNOHANG);
            if (pid > 0) {
                if (pid == program) {
                    programStatus = status;
                    programEnded = true;
                }
                continue;
            }
            if (pid < 0 && errno == ECHILD && programEnded)
                exitAs(programStatus);
            break;
        }
        if (ending && !programEnded)
            ::kill(-program, SIGKILL);
        // Once the program is gone, whatever it left behind goes too; processes
        // re-parented to us while we look are caught on the next pass.
        if (programEnded || ending)
            killChildren(self);
        const timespec wait{0, (programEnded || ending) ? 20'000'000L : 500'000'000L};
        const int signal = ::sigtimedwait(&wanted, nullptr, &wait);
        if (signal == SIGTERM || signal == SIGINT || signal == SIGHUP || signal == SIGQUIT)
            ending = true; // the instance died (death signal) or asked
    }
}

// The program's side of the fork: until exec, only async-signal-safe calls.
[[noreturn]] void runProgram(pid_t supervisor, bool inCgroup, const char *cwd, const char *path,
                             char **argv) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != supervisor)
        ::_exit(127); // the supervisor died before the death signal was set
    if (inCgroup)
        (void)!::write(cgroupFd, "0", 1);
    // stdin is /dev/null and stdout, stderr the pipes already; nothing else of
    // ours reaches the program: every other descriptor closes at exec.
    ::syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    if (::chdir(cwd) != 0) {
        writeRecord(SupervisorRecord::ChdirFailed, errno);
        ::_exit(127);
    }
    ::execve(path, argv, environ);
    writeRecord(SupervisorRecord::ExecFailed, errno);
    ::_exit(127);
}

} // namespace

int main(int argc, char **argv) {
    struct stat status {};
    if (argc < 6 || ::fstat(statusFd, &status) != 0 || !S_ISFIFO(status.st_mode)) {
        std::fprintf(stderr, "taskdeck-supervise is Taskdeck's own helper for command jobs; "
                             "it is not a command to run by hand\n");
        return 2;
    }
    // posix_spawn gave every signal its default action; block them while the
    // death signal is set, and keep them blocked: supervise() waits for them.
    sigset_t all;
    sigfillset(&all);
    ::sigprocmask(SIG_SETMASK, &all, nullptr);
    ::setsid();
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    const pid_t instance = pid_t(std::strtol(argv[1], nullptr, 10));
    if (::getppid() != instance)
        ::_exit(127); // the instance died before the death signal was set
    const bool inCgroup = std::strcmp(argv[2], "-") != 0;
    // Nothing but what the protocol names stays open here.
    ::syscall(SYS_close_range, inCgroup ? cgroupFd + 1 : cgroupFd, ~0U, 0);

    const pid_t self = ::getpid();
    const pid_t program = ::fork();
    if (program == 0)
        runProgram(self, inCgroup, argv[3], argv[4], argv + 5);
    if (program < 0) {
        writeRecord(SupervisorRecord::ForkFailed, errno);
        return 127;
    }
    writeRecord(SupervisorRecord::ProgramStarted, program);
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int fd = 0; fd <= 2; ++fd)
        ::dup2(devNull, fd);
    ::syscall(SYS_close_range, 3, ~0U, 0); // the status pipe too: EOF once the program runs
    supervise(program);
}
