#pragma once

#include "kindcommandline.h"

// `command [--cwd DIR] [--env NAME=VALUE]... [--progress auto|percent|ffmpeg|rsync|none]
//  [--grace SECONDS] [--duration SECONDS] [--log FILE] -- PROGRAM [ARG...]`
// Everything after PROGRAM belongs to it, options included ("--" is only needed
// before a PROGRAM that starts with "-"). In the terminal the program's stdout
// lines go to stdout and its stderr lines to stderr, without the log's timestamps.
class CommandCommandLine : public KindCommandLine {
public:
    QString kind() const override;
    QString synopsis() const override;
    void addOptions(QCommandLineParser &parser) const override;
    Expected<QVariantMap> params(const QCommandLineParser &parser,
                                 const QString &workingDir) const override;
    // The program's bytes reach the terminal as they are (JobContext::writeOutput):
    // no log line does.
    TerminalLine terminalLine(const QString &, FILE *) const override { return {}; }
    bool showsProgressBar() const override { return false; }
};
