#include "kinds/command/supervisedprocess.h"

#include "base/readablefile.h"
#include "kinds/command/supervisorrecord.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

namespace {

constexpr int pipeBytes = 1 << 20;

// The folder of the running executable, symbolic links resolved; empty when
// /proc cannot say.
QString executableFolder() {
    const QFileInfo self(QStringLiteral("/proc/self/exe"));
    return self.exists() ? QFileInfo(self.symLinkTarget()).absolutePath() : QString();
}

// A descriptor of ours at 10 or above, close-on-exec: never one of the
// numbers 0..4 the supervisor is given, so no dup2() of the spawn meets
// another source at its target.
FileDescriptor highDescriptor(int fd) {
    if (fd < 0)
        return FileDescriptor();
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
    ::close(fd);
    return FileDescriptor(moved);
}

QString describe(char kind, int error, const QString &program, const QString &cwd) {
    const QString reason = ReadableFile::describeErrno(error);
    if (kind == SupervisorRecord::ChdirFailed)
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

QString SupervisedProcess::supervisorProgram() {
    static const QString found = [] {
        const QString folder = executableFolder();
        const QStringList candidates{folder + QStringLiteral("/taskdeck-supervise"),
                                     folder +
                                         QStringLiteral("/../libexec/taskdeck/taskdeck-supervise"),
                                     QStringLiteral(TASKDECK_SUPERVISE_BUILD_PATH)};
        for (const QString &candidate : candidates) {
            const QFileInfo info(candidate);
            if (info.isFile() && info.isExecutable())
                return QDir::cleanPath(info.absoluteFilePath());
        }
        return QString();
    }();
    return found;
}

Status SupervisedProcess::start(const Spec &spec) {
    const QString path = findProgram(spec.program, spec.environment, spec.workingDirectory);
    if (path.isEmpty())
        return Status::failure(
            QStringLiteral("cannot start %1: no such program on PATH").arg(spec.program));
    const QString supervisor = supervisorProgram();
    if (supervisor.isEmpty())
        return Status::failure(
            QStringLiteral("cannot start %1: Taskdeck's helper taskdeck-supervise is missing "
                           "(looked beside %2 and in its ../libexec/taskdeck)")
                .arg(spec.program, executableFolder()));
    // The supervisor's command line (supervisormain.cpp), then the program's.
    std::vector<QByteArray> words{QFile::encodeName(supervisor),
                                  QByteArray::number(::getpid()),
                                  spec.cgroupProcsFd >= 0 ? QByteArray("4") : QByteArray("-"),
                                  QFile::encodeName(spec.workingDirectory),
                                  QFile::encodeName(path),
                                  spec.program.toLocal8Bit()};
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

    const auto failure = [&spec](int error) {
        return Status::failure(QStringLiteral("cannot start %1: %2")
                                   .arg(spec.program, ReadableFile::describeErrno(error)));
    };
    int out[2], err[2], status[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        return failure(errno);
    FileDescriptor outRead(highDescriptor(out[0])), outWrite(highDescriptor(out[1]));
    if (::pipe2(err, O_CLOEXEC) != 0)
        return failure(errno);
    FileDescriptor errRead(highDescriptor(err[0])), errWrite(highDescriptor(err[1]));
    if (::pipe2(status, O_CLOEXEC) != 0)
        return failure(errno);
    FileDescriptor statusRead(highDescriptor(status[0])), statusWrite(highDescriptor(status[1]));
    FileDescriptor devNull(highDescriptor(::open("/dev/null", O_RDWR | O_CLOEXEC)));
    FileDescriptor cgroup(spec.cgroupProcsFd >= 0 ? ::fcntl(spec.cgroupProcsFd, F_DUPFD_CLOEXEC, 10)
                                                  : -1);
    if (!outWrite.isValid() || !errWrite.isValid() || !statusWrite.isValid() ||
        !devNull.isValid() || (spec.cgroupProcsFd >= 0 && !cgroup.isValid()))
        return failure(errno);

    // posix_spawn starts the supervisor without copying the instance's page
    // tables (glibc uses CLONE_VM|CLONE_VFORK), with every signal at its
    // default and none blocked.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, devNull.get(), 0);
    posix_spawn_file_actions_adddup2(&actions, outWrite.get(), 1);
    posix_spawn_file_actions_adddup2(&actions, errWrite.get(), 2);
    posix_spawn_file_actions_adddup2(&actions, statusWrite.get(), 3);
    if (cgroup.isValid())
        posix_spawn_file_actions_adddup2(&actions, cgroup.get(), 4);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t signalSet;
    sigemptyset(&signalSet);
    posix_spawnattr_setsigmask(&attributes, &signalSet);
    sigfillset(&signalSet);
    posix_spawnattr_setsigdefault(&attributes, &signalSet);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t started = 0;
    const int spawned =
        ::posix_spawn(&started, argv[0], &actions, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return Status::failure(
            QStringLiteral("cannot start %1: Taskdeck's helper %2: %3")
                .arg(spec.program, supervisor, ReadableFile::describeErrno(spawned)));
    m_supervisor = started;
    m_pidfd.reset(int(::syscall(SYS_pidfd_open, m_supervisor, 0)));
    outWrite.reset();
    errWrite.reset();
    statusWrite.reset();
    devNull.reset();
    cgroup.reset();

    // Records until EOF: the program's pid, or why it could not start.
    QString error;
    for (;;) {
        SupervisorRecord record{};
        const ssize_t got = ::read(statusRead.get(), &record, sizeof record);
        if (got < 0 && errno == EINTR)
            continue;
        if (got != ssize_t(sizeof record))
            break;
        if (record.kind == SupervisorRecord::ProgramStarted)
            m_program = pid_t(record.value);
        else
            error = describe(record.kind, int(record.value), spec.program, spec.workingDirectory);
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
