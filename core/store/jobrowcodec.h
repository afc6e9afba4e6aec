#pragma once

#include "job/storedjob.h"

#include <QString>

class QSqlQuery;

// A job's snapshot as a row of the store's jobs table and back. Parameters
// and result details are JSON text (QJsonDocument::fromVariant): lists come
// back as QVariantList, integers as qlonglong, so kinds' validate() accepts
// them; times are ISO 8601 UTC with milliseconds. Not kept: speed and ETA
// (they mean nothing after a restart).
class JobRowCodec {
public:
    // INSERT OR REPLACE of a whole row, with positional placeholders for bind().
    static QString upsertSql();
    // Binds every column of upsertSql() in order.
    static void bind(QSqlQuery &query, const JobSnapshot &job, bool resumeOnStart);

    // SELECT of every column, in queue order, for read().
    static QString selectSql();
    // The current row of a selectSql() query. A state this build does not know
    // loads as Failed with an error saying so; an unknown priority as Normal,
    // an unknown unit as Items.
    static StoredJob read(const QSqlQuery &query);

    // How a time is stored: ISO 8601 UTC with milliseconds, a null for an invalid time.
    static QVariant timeValue(const QDateTime &time);
};
