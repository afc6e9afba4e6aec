#pragma once

#include <QStringList>

// Deals with what jobs' last runs left behind when the instance died
// (JobLeftover), at the next start, before any job runs again:
//  - a temporary file is deleted;
//  - a process that still runs as the same process (same pid and start time)
//    is ended: its supervisor is told to end everything it holds (SIGTERM),
//    and the program's process group is killed (SIGKILL, which ends a stopped
//    one too); then it waits, briefly, for them to be gone.
// Returns the lines for the job's log that say what was done.
//
// Thread: any (the store's, at start-up); blocks for at most a few seconds.
namespace LeftoverCleaner {
QStringList clean(const QStringList &leftovers);
} // namespace LeftoverCleaner
