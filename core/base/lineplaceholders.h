#pragma once

#include <QString>
#include <QStringList>

// One job per input line (`taskdeck add --each`, the command dialog's "For
// each file"), with GNU parallel's placeholders: {} is the line, {.} the line
// without its extension, {/} its base name, {/.} the base name without
// extension, {//} its folder ("." when it has none). Plain functions; any thread.
class LinePlaceholders {
public:
    // word with every placeholder replaced for line; other braces stay.
    static QString substitute(const QString &word, const QString &line);
    // Whether word holds a placeholder.
    static bool namesTheLine(const QString &word);
    // words substituted for line; when none of them names the line, the line
    // is appended after them (the way xargs passes it).
    static QStringList wordsFor(const QStringList &words, const QString &line);
};
