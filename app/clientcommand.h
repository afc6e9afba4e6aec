#pragma once

#include <QStringList>

// The shell client: `taskdeck add|list|show|log|cancel|pause|resume|retry|
// remove|move|pause-all|resume-all|drain|wait ...`, each sent to the instance
// (window or headless) that owns the data folder, over InstanceClient.
// Prints for people (or the reply's JSON with --json); errors on stderr start
// with "taskdeck: ". Main thread of a QCoreApplication; blocks on the socket.
class ClientCommand {
public:
    enum ExitCode { Ok = 0, ActionFailed = 1, BadUsage = 2, NoInstance = 3 };

    // True when arguments (what follows the program name) name a client
    // command, possibly after a leading `--data-dir DIR`.
    static bool isClientCommand(const QStringList &arguments);
    // Runs it; returns the exit code.
    static int exec(const QStringList &arguments);
};
