#pragma once

#include "base/expected.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

// `taskdeck add KIND --each FILE|- ...`: one job per input line, the way
// GNU parallel and xargs take them: the placeholders of LinePlaceholders in
// every argument after KIND; when no argument names the line, it is appended
// as the last one (for the file kinds: the path to work on).
// Plain functions on values; main thread (reads stdin).
class KindCommandLine;

class ClientAddEach {
public:
    // The spec of every line of source, each built and checked as `taskdeck
    // add` builds and checks one (ClientAddCommand::spec) from the template's
    // arguments for that line; the first refusal names its line.
    static Expected<QList<QJsonObject>> specs(const KindCommandLine &kind,
                                              const QStringList &templateArguments,
                                              const QString &source, const QString &workingDir);
    // The lines of source ("-": standard input): trailing '\r' dropped, empty
    // lines skipped. Refuses, naming it, a folder, a device, a file that
    // cannot be read, more than maxLines lines, or no line at all.
    static Expected<QStringList> readLines(const QString &source);
    // arguments with "--each X" (or "--each=X") taken out, as the template
    // for each line; source receives X. Nullopt without --each before "--".
    static std::optional<QStringList> withoutEach(const QStringList &arguments, QString &source);
    // The template's arguments for one line (see above).
    static QStringList argumentsFor(const QStringList &templateArguments, const QString &line);

    static constexpr qsizetype maxLines = 100000;
};
