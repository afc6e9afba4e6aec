#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// Small value types shared by the whole job model.

using JobId = quint64;

enum class JobState : quint8 {
    Queued,  // eligible; starts when a slot is free and it is its turn
    Waiting, // blocked by a dependency, a start time or a group limit (see waitReason)
    Running,
    Paused, // paused by the user, whether it had started or not
    Succeeded,
    Failed,
    Canceled,
    Interrupted, // was running when the application stopped
};

enum class JobPriority : quint8 { Low, Normal, High };

// What a job's done and total count. Percent: a fraction only (a command that
// prints "42%": done of 1,000), shown as the percentage alone, with no count
// and no rate. MediaTime: milliseconds of media (an encode), shown as times,
// its rate as a speed factor ("1.9x").
enum class ProgressUnit : quint8 { Items, Bytes, Files, Percent, MediaTime };

// What a job kind lets the user do while it runs (KJob's capability flags).
// Resumable: a run records what it finished (JobContext::recordFinished) and a
// later run after a restart skips it, so the job may be re-queued on its own.
enum JobCapability : quint8 {
    NoCapabilities = 0,
    Cancelable = 1,
    Pausable = 2,
    Resumable = 4,
};

// Lower-case stable names, used by the CLI, JSON and the store.
QString jobStateName(JobState state);
std::optional<JobState> jobStateFromName(const QString &name);
QString jobPriorityName(JobPriority priority);
std::optional<JobPriority> jobPriorityFromName(const QString &name);
QString progressUnitName(ProgressUnit unit);

// Succeeded, Failed, Canceled or Interrupted: the job is not going to run unless retried.
bool isFinished(JobState state);
// Failed, Canceled or Interrupted: retry() puts the job back in the queue.
bool isRetryable(JobState state);
