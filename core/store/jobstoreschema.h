#pragma once

#include "base/expected.h"

#include <QSqlDatabase>

// The store's tables and their migrations. The version lives in PRAGMA
// user_version; each migration step takes the database from version N to N+1
// in one transaction (its statements and the new user_version commit together),
// so schema version 2 only adds a step to the list in jobstoreschema.cpp.
//
// Thread: the caller's, on a connection that thread opened.
class JobStoreSchema {
public:
    // The version this build writes (JobStore::schemaVersion).
    static int currentVersion();

    // PRAGMA user_version; an error holds the driver's text (e.g. "file is not a database").
    static Expected<int> version(QSqlDatabase &db);

    // Applies the steps from `from` up to currentVersion(). A failing step is
    // rolled back and named in the error; the steps before it stay applied.
    static Status migrate(QSqlDatabase &db, int from);
};
