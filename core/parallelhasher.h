#pragma once

#include "hashalgorithm.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

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
        QByteArray digest; // binary; empty when the file could not be read
        QString error;     // "cannot read /x: permission denied"; empty on success
        qint64 bytes = 0;  // bytes hashed
    };
    // Called once per file in list order (index 0, 1, ...), never two at once,
    // from whichever worker thread completed the run of results. Must not block
    // for long: other workers wait to report meanwhile (they keep hashing).
    using ResultCallback = std::function<void(qsizetype index, const Result &result)>;

    ParallelHasher(HashAlgorithm algorithm, JobContext &context);

    // Default: QThread::idealThreadCount(). Values below 1 count as 1.
    int maxThreads() const { return m_maxThreads; }
    void setMaxThreads(int count);

    // Hashes paths (native encoding). expectedSizes (optional, same length)
    // lets progress skip the rest of a file that fails part-way. Blocks until
    // done; returns false when the job was canceled, in which case results
    // from some index onward were never reported.
    bool hashAll(const QList<QByteArray> &paths, const QList<qint64> &expectedSizes,
                 const ResultCallback &onResult);

private:
    HashAlgorithm m_algorithm;
    JobContext &m_context;
    int m_maxThreads;
};
