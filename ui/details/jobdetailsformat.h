#pragma once

#include "job/jobfield.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <QVariant>

#include <optional>

// Text for the details pane from the raw values of a job, read through its
// kind's fields (JobKind::fields()): parameter and result keys as the kind's
// labels in the kind's order, values as a person reads them (sizes, yes/no,
// durations, the words of a choice, dates in the local time zone), lists one
// item a line. Keys a kind does not describe are spelled out. Plain functions
// on values; GUI thread (they use tr()).
class JobDetailsFormat {
    Q_DECLARE_TR_FUNCTIONS(JobDetailsFormat)
public:
    // The kind's label for a key ("cwd" -> "Working folder", "pid" -> "Process
    // ID"); any other key spelled out: "skipped_count" -> "Skipped count",
    // "notBefore" -> "Not before".
    static QString keyLabel(const QString &key, const QList<JobField> &fields);
    // The keys of a job's parameters or result details in the kind's order (the
    // program before its arguments, sources before the destination, options
    // after); keys the kind does not describe follow, by name.
    static QStringList orderedKeys(const QVariantMap &values, const QList<JobField> &fields);
    // Whether a parameter names files or folders (a field of Type::Path holding
    // a text or a list): the pane shows these as links.
    static bool isPathParameter(const QString &key, const QVariant &value,
                                const QList<JobField> &fields);
    // path made absolute against baseDir (a job's base_dir parameter) when it
    // is relative; against the current folder when baseDir is empty too.
    static QString absolutePath(const QString &path, const QString &baseDir);
    // The items of a list value (QStringList, QVariantList); nullopt for anything else.
    static std::optional<QStringList> listItems(const QVariant &value);
    // A single value as text, as its field's type says; for a list, its items one a line.
    static QString valueText(const QString &key, const QVariant &value,
                             const QList<JobField> &fields);
    // Local date and time, short; empty for an invalid time.
    static QString dateTime(const QDateTime &time);
    // The span between two times, "3m 05s"; empty when either is invalid.
    static QString span(const QDateTime &from, const QDateTime &to);
    // At most maxItems items, then a line saying how many more there are.
    static QStringList capped(const QStringList &items, int maxItems);

private:
    // The text a field's type gives value; nullopt when the type says nothing
    // more than the value's own (a text, a path, a value of another shape).
    static std::optional<QString> typedText(JobField::Type type, const JobField *field,
                                            const QVariant &value);
};
