#pragma once

#include "job/jobtypes.h"

#include <QIcon>

// The application's icons, from the SVGs compiled into taskdeck_resources.
// Each call builds a new QIcon (cheap; rendering is lazy and cached per QIcon), so
// callers that paint often keep the icon. GUI thread only (QIcon needs a QGuiApplication).
class Icons {
public:
    enum class Action {
        Add,
        Verify,
        Pause,
        Resume,
        Cancel,
        Retry,
        Remove,
        MoveUp,
        MoveDown,
        MoveTop,
        MoveBottom,
        Drain,
        ClearFinished,
        Settings
    };

    static QIcon app();
    static QIcon action(Action action);
    static QIcon state(JobState state);
};
