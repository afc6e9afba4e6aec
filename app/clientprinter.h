#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// Job objects of the instance protocol as text for a person (the shell
// client's output without --json). Plain functions on values; any thread.
class ClientPrinter {
public:
    // The job table, for rows that stream in: its header line, then (rows) a
    // line per job in the given order: id, state, progress %, priority, title,
    // and the wait reason or error shortened. Columns have fixed widths, so
    // rows printed batch by batch line up.
    static QString header();
    static QString rows(const QJsonArray &jobs);
    // Every field of one job, "name: value" lines (`taskdeck show`).
    static QString details(const QJsonObject &job);
    // "7 succeeded  Hash photos" (with ": error" when it has one) (`taskdeck wait`).
    static QString finalLine(const QJsonObject &job);
    // The job's progress as a person reads it: "42%", "100%" for a succeeded
    // job, "-" when the total is unknown.
    static QString progress(const QJsonObject &job);
    // text cut to at most maxLength characters, ending in "..." when cut.
    static QString shorten(const QString &text, int maxLength);
};
