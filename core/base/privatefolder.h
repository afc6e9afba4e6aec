#pragma once

#include "base/expected.h"

#include <QString>

// The data folder holds what people entrust to Taskdeck: a command's
// environment (--env DB_PASSWORD=...), its output, the paths of their
// backups. Only its owner may enter it, whatever their umask.
//
// Thread: any; touches the file system only.
namespace PrivateFolder {

// Creates dir (and its missing parents) with mode 0700, or checks the one
// there: it must be a folder (not a symbolic link to one) owned by the
// effective user. A folder or anything in it (two levels deep: the database,
// its -wal and -shm, the lock, logs/ and every log) that others may read,
// write or enter is tightened to the owner alone (0700 for folders, 0600 for
// files), and the returned notice says what was done; it is empty when
// nothing needed it. Symbolic links inside are left alone.
Expected<QString> prepare(const QString &dir);

// Checks, without changing anything, that path is a folder (not a symbolic
// link) owned by the effective user that nobody else may write to. The error
// names the folder and what is wrong with it.
Status checkOwnedAndUnshared(const QString &path);

// Creates path as a 0700 folder if missing, then checks it as
// checkOwnedAndUnshared() does and that nobody else may even enter it.
Status ensureOwnedAndPrivate(const QString &path);

} // namespace PrivateFolder
