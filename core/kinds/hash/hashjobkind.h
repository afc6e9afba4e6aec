#pragma once

#include "kinds/common/typedjobkind.h"
#include "kinds/hash/hashjobparams.h"

// Hashes files and folders into a coreutils-compatible checksum manifest, or
// verifies files against one, like sha256sum / sha256sum -c (and sha512sum,
// sha1sum, md5sum, b2sum). See HashJobParams for the parameters.
//
// Hash mode: result.details has "files" and "bytes" (qint64), "manifest" (the
// manifest text, when no "output" was given) and, when some files could not be
// read, "unreadable" (QStringList); the job then fails naming the first, after
// hashing the rest (and writing them), as sha256sum does.
// Verify mode: logs what "sha256sum -c" prints, with its options (strict,
// ignore_missing, quiet, status, warn), and fails when it would exit 1; see
// ChecksumCheckReport for the lines, the verdict and result.details. Lines
// that are not checksum lines are skipped and counted, not fatal.
//
// Several files are hashed at once on the context's pool, up to
// QThread::idealThreadCount() at a time. Canceling never leaves a partial
// output manifest: it is written beside its final name as a temporary file
// the job tracks (AtomicOutputFile), and renamed once complete.
//
// Resumable: each file is recorded (JobContext::recordFinished) as soon as it
// is hashed, in whatever order the workers finish them (not held back until
// the files before it in the manifest are done), with
// item = its name as the manifest spells it and value = "SIZE:MTIME_NS:HEX"
// (see HashCheckpoints). A run that resumes an interrupted one does not read
// the files recorded whose size and modification time still match; it uses
// their digests in their turn, so the manifest, result and summary are those
// of a run from scratch, and logs "resumed: N files finished before the
// restart were skipped". Stateless: every method may be called from any thread.
class HashJobKind : public TypedJobKind<HashJobParams> {
public:
    // Initializes OpenSSL and fetches the digests on the constructing thread
    // (the main thread): OpenSSL keeps per-thread state for the thread that
    // first initializes it, and a pool thread may have exited by then.
    HashJobKind();
    QString name() const override;
    QString displayName() const override;
    int capabilities() const override { return Cancelable | Pausable | Resumable; }
    QList<JobField> fields() const override;

protected:
    QString title(const HashJobParams &params) const override;
    JobResult runWith(JobContext &context, const HashJobParams &params) const override;

private:
    static JobResult runHash(JobContext &context, const HashJobParams &params);
    static JobResult runVerify(JobContext &context, const HashJobParams &params);
};
