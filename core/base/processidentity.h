#pragma once

#include <QtGlobal>

#include <optional>

// Tells a process apart from a later one that got the same pid: its start
// time, in clock ticks since boot (field 22 of /proc/PID/stat).
// Thread: any; reads /proc only.
namespace ProcessIdentity {
std::optional<quint64> startTime(qint64 pid);
// True while pid names the very process that started at startTime (a zombie
// counts as gone).
bool isRunning(qint64 pid, quint64 startTime);
} // namespace ProcessIdentity
