#pragma once

#include "kinds/common/filestamp.h"
#include "kinds/common/hashalgorithm.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

class JobContext;

// Hashes a list of files on up to maxThreads() threads at once: the calling
// thread plus helper tasks started with QtConcurrent::run on context.pool().
// Each worker reads in large blocks, adds each block to the job's progress
// (context.addDone) and calls context.checkpoint() per block, so pause and
// cancel take effect within a block's time.
//
// Helpers that the pool starts late (because its threads are busy) find no
// work left and return without touching anything: the caller never waits for
// a task that has not started, so nesting on a full pool cannot deadlock.
//
// Thread: construct and call hashAll() on the job's thread. The context must
// outlive hashAll().
class ParallelHasher {
public:
    struct Result {
        QByteArray digest;   // binary; empty when the file could not be read
        QString error;       // "cannot read /x: permission denied"; empty on success
        qint64 bytes = 0;    // bytes hashed
        FileStamp stamp;     // the file as opened (see FileHasher::stamp())
        bool reused = false; // given in `known`, not read
    };
    // Per file (same order as the paths): a result an earlier run recorded,
    // or none to hash the file.
    using KnownResults = std::vector<std::optional<Result>>;
    // Called once per file in list order (index 0, 1, ...), never two at once,
    // from whichever worker thread completed the run of results. Must not block
    // for long: other workers wait to report meanwhile (they keep hashing).
    using ResultCallback = std::function<void(qsizetype index, const Result &result)>;
    // Called once per file as soon as it is done (read or reused), from the
    // worker that did it, in whatever order the workers finish, possibly on
    // several threads at once: it must be thread-safe. Before the file's
    // ResultCallback, which may wait for earlier files that are slower.
    using FinishedCallback = std::function<void(qsizetype index, const Result &result)>;

    ParallelHasher(HashAlgorithm algorithm, JobContext &context);

    // Default: QThread::idealThreadCount(). Values below 1 count as 1.
    int maxThreads() const { return m_maxThreads; }
    void setMaxThreads(int count);

    // Hashes paths (native encoding). expectedSizes (optional, same length)
    // lets progress skip the rest of a file that fails part-way. Blocks until
    // done; returns false when the job was canceled, in which case results
    // from some index onward were never reported.
    // known (optional; empty or one per path): files with a result there are
    // not read; that result is reported in their turn (with reused set) and
    // their expected size added to progress at once.
    // onFinished (optional): see FinishedCallback; a file canceled part-way
    // is never reported to it.
    bool hashAll(const QList<QByteArray> &paths, const QList<qint64> &expectedSizes,
                 const ResultCallback &onResult, const KnownResults &known = {},
                 const FinishedCallback &onFinished = {});

private:
    HashAlgorithm m_algorithm;
    JobContext &m_context;
    int m_maxThreads;
};
