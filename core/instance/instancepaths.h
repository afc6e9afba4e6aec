#pragma once

#include "base/expected.h"

#include <QString>

// Where one instance keeps its files and listens: the data folder, its lock
// file and the local socket. Used by the instance (InstanceLock,
// InstanceServer) and by the shell client, so both agree.
//
// The socket lies only in a folder that the user owns and nobody else may
// write to, never under a predictable name in a shared folder: the data
// folder itself (private, see PrivateFolder); when that path is too long for
// a socket, a 0700 folder "taskdeck" under $XDG_RUNTIME_DIR (if that is the
// user's own, unshared folder); else a 0700 folder "taskdeck-UID" in the
// temporary folder, which the instance creates and both sides check (owner,
// mode, not a symbolic link) before using.
//
// Thread: any; pure functions apart from reading the environment and, for
// the folder checks, the file system.
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
    // The socket's path: DIR/taskdeck.sock when shorter than maxSocketPathBytes,
    // else FOLDER/<first 16 hex digits of sha1(DIR)>.sock in socketFolder().
    static QString socketName(const QString &dataDir);
    // The folder of socketName() when it is not the data folder, else empty.
    static QString socketFolder(const QString &dataDir);
    // The instance, before it listens: creates socketFolder() (0700) when there
    // is one, and checks it. The error names the folder and what is wrong.
    static Status prepareSocketFolder(const QString &dataDir);
    // The client, before it connects: checks socketFolder() when there is one
    // and it exists (a missing one simply means no instance listens).
    static Status checkSocketFolder(const QString &dataDir);

    static constexpr int maxSocketPathBytes = 100;
};
