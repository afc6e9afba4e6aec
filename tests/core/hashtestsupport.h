#pragma once

// Helpers shared by the hash tests: running the real coreutils tools, writing
// files with awkward names, and dropping root's privileges so permission
// errors can be provoked when the tests run as root.
#include <QByteArray>
#include <QString>

struct ShellResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs script with /bin/sh in dir, LC_ALL=C, waiting up to two minutes.
ShellResult runShell(const QString &script, const QString &dir);

// Quotes a native path for a shell script, whatever bytes it holds.
QByteArray shellQuote(const QByteArray &path);

// Writes data to path (native bytes), creating missing folders. Fails the
// current test when it cannot.
void writeFile(const QByteArray &path, const QByteArray &data);

// Pseudo-random bytes, the same for the same seed.
QByteArray randomBytes(qsizetype size, quint32 seed);

// While alive, the process's effective user is "nobody" when it ran as root
// (for every thread: glibc switches them all), so that mode 000 files are
// really unreadable. Does nothing for an ordinary user.
class AsUnprivilegedUser {
public:
    AsUnprivilegedUser();
    ~AsUnprivilegedUser();
    AsUnprivilegedUser(const AsUnprivilegedUser &) = delete;
    AsUnprivilegedUser &operator=(const AsUnprivilegedUser &) = delete;

private:
    bool m_switched = false;
};
