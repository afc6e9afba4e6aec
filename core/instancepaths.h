#pragma once

#include <QString>

// Where one instance keeps its files and listens: the data folder, its lock
// file and the local socket name. Used by the instance (InstanceLock,
// InstanceServer) and by the shell client, so both agree.
//
// Thread: any; pure functions apart from reading the environment.
class InstancePaths {
public:
    // `--data-dir DIR` made absolute (and clean), or, when option is empty,
    // the per-user application data folder (~/.local/share/Taskdeck/taskdeck).
    static QString dataDir(const QString &option = {});
    // QStandardPaths' AppDataLocation for organization "Taskdeck", application
    // "taskdeck" (~/.local/share/Taskdeck/taskdeck), whatever the running
    // application's names are.
    static QString defaultDataDir();
    // DIR/taskdeck.lock
    static QString lockFilePath(const QString &dataDir);
    // The path QLocalServer listens on: DIR/taskdeck.sock when shorter than
    // maxSocketPathBytes, else $XDG_RUNTIME_DIR (or the temp folder)/
    // taskdeck-<first 16 hex digits of sha1(DIR)>.sock (Unix socket paths are short).
    static QString socketName(const QString &dataDir);

    static constexpr int maxSocketPathBytes = 100;
};
