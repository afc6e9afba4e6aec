#include "icons.h"

#include <QString>

// Outside any namespace, as Q_INIT_RESOURCE requires.
static void initTaskdeckResources() {
    // The resources live in a static library: referencing the initializer here
    // keeps the linker from dropping it.
    Q_INIT_RESOURCE(taskdeck);
}

namespace {

QIcon fromResource(const char *path) {
    static const bool initialized = (initTaskdeckResources(), true);
    Q_UNUSED(initialized);
    return QIcon(QLatin1String(path));
}

} // namespace

QIcon Icons::app() {
    return fromResource(":/icons/taskdeck.svg");
}

QIcon Icons::action(Action action) {
    switch (action) {
    case Action::Add:
        return fromResource(":/icons/actions/add.svg");
    case Action::Verify:
        return fromResource(":/icons/actions/verify.svg");
    case Action::Pause:
        return fromResource(":/icons/actions/pause.svg");
    case Action::Resume:
        return fromResource(":/icons/actions/resume.svg");
    case Action::Cancel:
        return fromResource(":/icons/actions/cancel.svg");
    case Action::Retry:
        return fromResource(":/icons/actions/retry.svg");
    case Action::Remove:
        return fromResource(":/icons/actions/remove.svg");
    case Action::MoveUp:
        return fromResource(":/icons/actions/move-up.svg");
    case Action::MoveDown:
        return fromResource(":/icons/actions/move-down.svg");
    case Action::MoveTop:
        return fromResource(":/icons/actions/move-top.svg");
    case Action::MoveBottom:
        return fromResource(":/icons/actions/move-bottom.svg");
    case Action::Drain:
        return fromResource(":/icons/actions/drain.svg");
    case Action::ClearFinished:
        return fromResource(":/icons/actions/clear.svg");
    case Action::Settings:
        return fromResource(":/icons/actions/settings.svg");
    }
    return {};
}

QIcon Icons::state(JobState state) {
    switch (state) {
    case JobState::Queued:
        return fromResource(":/icons/states/queued.svg");
    case JobState::Waiting:
        return fromResource(":/icons/states/waiting.svg");
    case JobState::Running:
        return fromResource(":/icons/states/running.svg");
    case JobState::Paused:
        return fromResource(":/icons/states/paused.svg");
    case JobState::Succeeded:
        return fromResource(":/icons/states/succeeded.svg");
    case JobState::Failed:
        return fromResource(":/icons/states/failed.svg");
    case JobState::Canceled:
        return fromResource(":/icons/states/canceled.svg");
    case JobState::Interrupted:
        return fromResource(":/icons/states/interrupted.svg");
    }
    return {};
}
