#include "job/jobtypes.h"

#include <array>

namespace {
constexpr std::array stateNames{"queued",    "waiting", "running",  "paused",
                                "succeeded", "failed",  "canceled", "interrupted"};
constexpr std::array priorityNames{"low", "normal", "high"};
constexpr std::array unitNames{"items", "bytes", "files", "percent", "media-ms"};

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<const char *, N> &names, const QString &name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}
} // namespace

QString jobStateName(JobState state) {
    return QLatin1String(stateNames[static_cast<std::size_t>(state)]);
}

std::optional<JobState> jobStateFromName(const QString &name) {
    return fromName<JobState>(stateNames, name);
}

QString jobPriorityName(JobPriority priority) {
    return QLatin1String(priorityNames[static_cast<std::size_t>(priority)]);
}

std::optional<JobPriority> jobPriorityFromName(const QString &name) {
    return fromName<JobPriority>(priorityNames, name);
}

QString progressUnitName(ProgressUnit unit) {
    return QLatin1String(unitNames[static_cast<std::size_t>(unit)]);
}

bool isFinished(JobState state) {
    switch (state) {
    case JobState::Succeeded:
    case JobState::Failed:
    case JobState::Canceled:
    case JobState::Interrupted:
        return true;
    default:
        return false;
    }
}

bool isRetryable(JobState state) {
    return state == JobState::Failed || state == JobState::Canceled ||
           state == JobState::Interrupted;
}
