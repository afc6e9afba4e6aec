#pragma once

#include "base/expected.h"
#include "base/filedescriptor.h"

#include <QByteArray>
#include <QString>

#include <sys/stat.h>

// How a job opens a file it reads, so that no file can hang it beyond cancel:
// the open itself never blocks (O_NONBLOCK: a FIFO without a writer, a tape
// or a terminal returns at once) except on a regular file another process
// holds a lease on, where it waits as a plain open does for the holder to give
// it up (at most /proc/sys/fs/lease-break-time, 45 s by default, before the
// kernel breaks it), rather than fail; and the descriptor is then checked with
// fstat() (the file as opened, not the path as it was when the job was
// queued): anything but a regular file is refused with a message naming the
// path and what it is. A path swapped for a link to /dev/zero, a FIFO or a
// folder after validation is therefore an error, never an endless read.
//
// Thread: any; no state.
namespace ReadableFile {

enum class Links {
    Follow,     // a symbolic link is followed (paths a person named)
    DoNotFollow // O_NOFOLLOW: a link is refused (entries found inside a folder)
};

struct Opened {
    FileDescriptor fd; // O_RDONLY | O_CLOEXEC, blocking again (regular files never block)
    struct stat info {};
};

// Opens path for reading. The error reads "cannot read PATH: REASON", e.g.
// "cannot read /x/pipe: it is a FIFO, not a regular file" or
// "cannot read /x/y: permission denied".
Expected<Opened> open(const QByteArray &path, Links links = Links::Follow);
Expected<Opened> open(const QString &path, Links links = Links::Follow);

// "a FIFO", "a folder", "a character device"... for a st_mode that is not a
// regular file; "a regular file" otherwise.
QString describeType(mode_t mode);

// strerror(error) starting in lower case, as messages quote it.
QString describeErrno(int error);

} // namespace ReadableFile
