#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <QVariant>

#include <optional>

// Text for the details pane from the raw values of a job: parameter and result
// keys as labels ("base_dir" -> "Base dir"), values as a person reads them
// (sizes under a "bytes" key, yes/no, dates in the local time zone), lists one
// item a line. Plain functions on values; GUI thread (they use tr()).
class JobDetailsFormat {
    Q_DECLARE_TR_FUNCTIONS(JobDetailsFormat)
public:
    // The words a person uses for the kinds' keys ("cwd" -> "Working folder",
    // "pid" -> "Process ID"); any other key spelled out: "skipped_count" ->
    // "Skipped count", "notBefore" -> "Not before".
    static QString keyLabel(const QString &key);
    // The keys of a job's parameters or result details in the order a person
    // reads them (the program before its arguments, sources before the
    // destination, options after); keys this table does not know follow, by name.
    static QStringList orderedKeys(const QVariantMap &values);
    // Whether a parameter names files or folders (a hash job's paths, output
    // and manifest, a copy's sources and destination, a command's working
    // folder and log file, any base folder): the pane shows these as links.
    static bool isPathParameter(const QString &key, const QVariant &value);
    // path made absolute against baseDir (a job's base_dir parameter) when it
    // is relative; against the current folder when baseDir is empty too.
    static QString absolutePath(const QString &path, const QString &baseDir);
    // The items of a list value (QStringList, QVariantList); nullopt for anything else.
    static std::optional<QStringList> listItems(const QVariant &value);
    // A single value as text; for a list, its items one a line.
    static QString valueText(const QString &key, const QVariant &value);
    // Local date and time, short; empty for an invalid time.
    static QString dateTime(const QDateTime &time);
    // The span between two times, "3m 05s"; empty when either is invalid.
    static QString span(const QDateTime &from, const QDateTime &to);
    // At most maxItems items, then a line saying how many more there are.
    static QStringList capped(const QStringList &items, int maxItems);
};
