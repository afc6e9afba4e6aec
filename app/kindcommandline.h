#pragma once

#include "base/expected.h"
#include "job/jobresult.h"

#include <QString>
#include <QVariantMap>

#include <cstdio>

class QCommandLineParser;

// How one job kind reads its parameters from the command line, shared by
// `taskdeck run KIND` (and later `taskdeck add KIND`). Main thread only.
class KindCommandLine {
public:
    virtual ~KindCommandLine() = default;

    virtual QString kind() const = 0;
    // One line for `taskdeck --help`, e.g. "hash [--algorithm A] [--output FILE] PATH...".
    virtual QString synopsis() const = 0;
    virtual void addOptions(QCommandLineParser &parser) const = 0;
    // The job's parameters from a parsed command line, or a message naming the
    // bad argument. workingDir is the folder relative paths are relative to.
    virtual Expected<QVariantMap> params(const QCommandLineParser &parser,
                                         const QString &workingDir) const = 0;

    // Where one of the job's log lines goes in the terminal, and as what text.
    // By default the whole line to defaultStream; a null stream drops the line.
    struct TerminalLine {
        FILE *stream = nullptr;
        QString text;
    };
    virtual TerminalLine terminalLine(const QString &logLine, FILE *defaultStream) const {
        return {defaultStream, logLine};
    }

    // Whether the terminal ends a failed or canceled job with its error
    // ("taskdeck: ERROR" on stderr). Kinds whose log lines already told why,
    // in the words of the tool they stand in for, return false for those.
    // Whether `run` draws its progress bar on a terminal's stderr; a kind
    // whose own output is the program's (a command) draws none of its own.
    virtual bool showsProgressBar() const { return true; }
    virtual bool showsError(const JobResult &result) const {
        Q_UNUSED(result);
        return true;
    }
};
