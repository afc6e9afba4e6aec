#include "store/leftovercleaner.h"

#include "base/processidentity.h"
#include "job/jobleftover.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <csignal>

namespace {
// How long ended processes get to be gone before the jobs come back.
constexpr int goneWithinMs = 3000;

QString endProcess(const JobLeftover &process) {
    const bool supervisorRuns = ProcessIdentity::isRunning(process.pid, process.startTime);
    const bool programRuns = ProcessIdentity::isRunning(process.groupPid, process.groupStartTime);
    if (!supervisorRuns && !programRuns)
        return {};
    if (supervisorRuns)
        ::kill(pid_t(process.pid), SIGTERM);
    if (programRuns)
        ::kill(-pid_t(process.groupPid), SIGKILL);
    const QDeadlineTimer deadline(goneWithinMs);
    while (!deadline.hasExpired() &&
           (ProcessIdentity::isRunning(process.pid, process.startTime) ||
            ProcessIdentity::isRunning(process.groupPid, process.groupStartTime)))
        QThread::msleep(10);
    return QStringLiteral("[after a restart] the earlier run's process %1 was still running "
                          "after Taskdeck stopped; it was ended")
        .arg(programRuns ? process.groupPid : process.pid);
}
} // namespace

namespace LeftoverCleaner {

QStringList clean(const QStringList &leftovers) {
    QStringList notes;
    for (const QString &text : leftovers) {
        const std::optional<JobLeftover> leftover = JobLeftover::decode(text);
        if (!leftover)
            continue;
        if (leftover->kind == JobLeftover::Kind::Process) {
            if (const QString note = endProcess(*leftover); !note.isEmpty())
                notes.append(note);
            continue;
        }
        // Only a file (or link) that is still there: never a folder.
        const QFileInfo file(leftover->path);
        if ((file.exists() || file.isSymLink()) && !file.isDir() && QFile::remove(leftover->path))
            notes.append(QStringLiteral("[after a restart] deleted the earlier run's temporary "
                                        "file %1")
                             .arg(leftover->path));
    }
    return notes;
}

} // namespace LeftoverCleaner
