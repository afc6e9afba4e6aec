#pragma once

#include "base/expected.h"
#include "job/jobfield.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

// The parameters of a command job, typed, with the checks
// CommandJobKind::validate() makes. Map keys (lower_snake):
//   "program"          QString      a name found on PATH, or a path to an executable
//                                   (relative paths are relative to cwd)
//   "arguments"        QStringList  passed as they are (no shell); default none
//   "cwd"              QString      absolute folder to run in; default the current one
//   "env"              QStringList  NAME=VALUE entries added to the environment
//   "progress"         QString      auto (default), percent, ffmpeg, rsync or none
//   "grace_seconds"    double       between SIGTERM and SIGKILL on cancel; default 5
//   "duration_seconds" double       ffmpeg's input duration, when known (> 0)
//   "log_file"         QString      where to write the full log (capped); optional
// A plain value; copy freely between threads.
class CommandJobParams {
public:
    // The kind's name (JobKind::name()), for the command line and the window.
    static QString kindName() { return QStringLiteral("command"); }

    QString program; // as given, or made absolute when it is a path
    QStringList arguments;
    QString cwd; // absolute
    QStringList env;
    QString progress = QStringLiteral("auto");
    double graceSeconds = 5;
    double durationSeconds = 0; // 0: unknown
    QString logFile;            // absolute, or empty

    // Reads the map and fills in defaults, checking only its shape (keys, types,
    // well-formed env entries, a known progress mode). No file system access
    // beyond QDir::currentPath(). Fails with a message naming the bad parameter.
    static Expected<CommandJobParams> fromMap(const QVariantMap &params);

    // Checks the file system: cwd is an existing folder, the program is found
    // on PATH (or is an executable file), the log file's folder exists.
    Status check() const;

    // The normalized map validate() returns; fromMap(toMap()) is this value.
    QVariantMap toMap() const;

    // The keys fromMap() reads: this struct is the one place they are spelled.
    static QStringList keys();
    // Those keys as a person reads them, in that order (see JobKind::fields()).
    static QList<JobField> fields();
    // A number of seconds, or a text holding one ("5", "2.5"): the grace period
    // (>= 0) and the input's duration (> 0); otherwise a message naming it.
    static Expected<double> graceSecondsFrom(const QVariant &value);
    static Expected<double> durationSecondsFrom(const QVariant &value);

    // The command line as a shell would take it: program and arguments, each
    // quoted when it needs to be ("ffmpeg -i 'my film.mkv' out.mp4").
    QString commandLine() const;
    static QString shellQuote(const QString &word);
};
