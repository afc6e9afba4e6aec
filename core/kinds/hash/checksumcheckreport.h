#pragma once

#include "job/jobresult.h"
#include "kinds/hash/checksummanifest.h"
#include "kinds/hash/hashjobparams.h"

#include <QList>
#include <QString>
#include <QStringList>

class JobContext;

// What a verify run tells, as "sha256sum -c" of coreutils 9.1 tells it, each
// line to the job's log (JobContext::log):
// - per file checked, in manifest order: "NAME: OK", "NAME: FAILED", or the
//   reason naming the file ("cannot read /x/NAME: permission denied") and
//   then "NAME: FAILED open or read" (ChecksumManifest::formatCheckLine);
// - with HashJobParams::CheckOutput::Warn, "MANIFEST: 3: improperly formatted
//   SHA256 checksum line" in its turn among them;
// - at the end "WARNING: 1 line is improperly formatted", "WARNING: 2 listed
//   files could not be read", "WARNING: 1 computed checksum did NOT match"
//   (each only when not zero), "MANIFEST: no file was verified" (with
//   ignore_missing, when nothing was), or instead of all of them "MANIFEST:
//   no properly formatted checksum lines found".
// Quiet leaves out the OK lines; Status every line but the reasons naming an
// unreadable file and "no properly formatted checksum lines found" (as
// --status does). The verdict follows coreutils: the run succeeds when some
// file matched and none failed, and, with strict, no line was malformed.
//
// Thread: one per run. The add*() calls come in manifest order, never two at
// once (from the hasher's ordered result callback, or the job's thread for
// addIgnored() before hashing starts); finish() on the job's thread, last.
class ChecksumCheckReport {
public:
    // manifest must outlive the report.
    ChecksumCheckReport(JobContext &context, const HashJobParams &params, HashAlgorithm algorithm,
                        const ChecksumManifest::Parsed &manifest);

    void addMatch(const ChecksumManifest::Entry &entry, qint64 bytes);
    void addMismatch(const ChecksumManifest::Entry &entry, qint64 bytes);
    void addUnreadable(const ChecksumManifest::Entry &entry, const QString &error, qint64 bytes);
    // A file that does not exist, not checked because of ignore_missing.
    void addIgnored(const ChecksumManifest::Entry &entry);

    // Logs the closing warnings and returns the run's result. details: "ok"
    // (int), "mismatched", "missing" (unreadable included) and "ignored"
    // (QStringList), "improperly_formatted" (int), "files" (checked) and
    // "bytes" (qint64).
    JobResult finish();

private:
    void logCheck(const ChecksumManifest::Entry &entry, QByteArrayView status);
    // A warning or a reason: logged, and shown as the job's diagnostic.
    void warn(const QString &text);
    void logMalformedBefore(int line);
    void logClosingWarnings();
    QString failureMessage() const;
    QString summary() const;

    JobContext &m_context;
    const HashJobParams &m_params;
    HashAlgorithm m_algorithm;
    const ChecksumManifest::Parsed &m_manifest;
    qsizetype m_nextMalformed = 0; // index into m_manifest.malformedLines
    int m_ok = 0;
    qint64 m_bytes = 0;
    QStringList m_mismatched;
    QStringList m_missing;
    QStringList m_ignored;
    QStringList m_bad; // mismatched and missing, in manifest order
};
