#pragma once

#include <QString>
#include <QStringList>

// `taskdeck --headless [--data-dir DIR]`: the instance that owns a data
// folder's queue without a window. Holds the folder's InstanceLock, keeps the
// queue on disk through QueuePersister, serves clients through InstanceServer
// and stops cleanly on SIGTERM/SIGINT or a "shutdown" request (running jobs
// are recorded as interrupted). Main thread of a QCoreApplication.
class HeadlessInstance {
public:
    enum ExitCode { Stopped = 0, Failed = 1, BadUsage = 2, AlreadyRunning = 3 };

    // True when arguments (what follows the program name) ask for --headless,
    // alone or with --data-dir DIR before or after it.
    static bool isRequested(const QStringList &arguments);
    // Parses those arguments and runs exec(); returns the exit code.
    static int run(const QStringList &arguments);
    // Serves dataDir (absolute) until stopped; runs the event loop.
    static int exec(const QString &dataDir);
};
