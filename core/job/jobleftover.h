#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// What a run leaves behind should the instance die before the run ends: a
// temporary file not yet renamed into place, or a process it started. A run
// records each as it appears and drops it once dealt with
// (JobContext::trackTemporary, trackProcess); the queue carries the list to
// the store, and the next start deals with what is left (LeftoverCleaner):
// the file is deleted, the process is ended if it is still the same process.
// A plain value; its text form is what the store keeps.
struct JobLeftover {
    enum class Kind { TemporaryFile, Process };
    Kind kind = Kind::TemporaryFile;
    QString path; // TemporaryFile
    // Process: the supervisor and the program (which leads its process group),
    // each with its start time (clock ticks since boot, /proc/PID/stat field
    // 22), so that a pid the system has given to another process since is
    // never mistaken for it.
    qint64 pid = 0;
    quint64 startTime = 0;
    qint64 groupPid = 0;
    quint64 groupStartTime = 0;

    static JobLeftover temporaryFile(const QString &path);
    static JobLeftover process(qint64 pid, quint64 startTime, qint64 groupPid,
                               quint64 groupStartTime);

    // "file:PATH" or "process:PID:START:GROUP:GROUPSTART".
    QString encoded() const;
    static std::optional<JobLeftover> decode(const QString &text);
};
