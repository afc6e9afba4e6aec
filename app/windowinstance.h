#pragma once

#include <QString>

// `taskdeck [--data-dir DIR]`: the window that owns a data folder's queue.
// Holds the folder's InstanceLock (a second window on the same folder brings
// this one to the front instead and exits), restores and keeps the queue on
// disk through QueuePersister, serves the shell through InstanceServer, and at
// quit lets running jobs stop (recorded as interrupted) before the last write.
// Main thread of a QApplication.
class WindowInstance {
public:
    enum ExitCode { Quit = 0, Failed = 1, BadUsage = 2, AnotherInstance = 3 };

    // Runs the window until the person quits; returns the exit code.
    static int exec(const QString &dataDir);

private:
    // Asks the instance that holds the folder to show its window.
    static int activateOther(const QString &dataDir, qint64 ownerPid);
};
