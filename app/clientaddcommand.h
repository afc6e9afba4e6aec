#pragma once

#include "base/expected.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

class QCommandLineParser;

// `taskdeck add KIND [the options of taskdeck run KIND] [--title T]
// [--priority high|normal|low] [--after ID]... [--group NAME]
// [--not-before TIME]`: turns the command line into the protocol's job spec
// object. The kind's options are read by the same KindCommandLine as `run`;
// relative paths resolve against workingDir. Main thread.
class ClientAddCommand {
public:
    // The options add takes on top of the kind's own (and --data-dir/--json,
    // which the caller adds).
    static void addOptions(QCommandLineParser &parser);
    // The "spec" object, or a message naming the bad argument.
    static Expected<QJsonObject> spec(const QString &kind, const QCommandLineParser &parser,
                                      const QString &workingDir);
    // --not-before: ISO 8601 ("2026-11-26T22:30", with or without a zone;
    // local time without one) or "HH:MM" (the next such local time: today if
    // it is still ahead of now, else tomorrow). Invalid when unreadable.
    static QDateTime parseStartTime(const QString &text, const QDateTime &now);
};
