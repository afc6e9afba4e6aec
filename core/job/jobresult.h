#pragma once

#include <QString>
#include <QVariantMap>

// What a finished job run hands back. A non-empty error means the job failed;
// the error is a sentence a person can act on ("cannot read /x: permission denied").
struct JobResult {
    QString error;
    QString summary;     // one line for a person, e.g. "1,204 files, 38.2 GB, 2 mismatches"
    QVariantMap details; // kind-specific, e.g. {"mismatched": QStringList{...}}

    static JobResult failure(QString message, QString summary = {}, QVariantMap details = {}) {
        return JobResult{std::move(message), std::move(summary), std::move(details)};
    }
    bool failed() const { return !error.isEmpty(); }
};
