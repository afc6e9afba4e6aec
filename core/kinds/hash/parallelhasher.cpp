#include "kinds/hash/parallelhasher.h"

#include "job/jobcontext.h"
#include "kinds/common/filehasher.h"
#include "kinds/common/poolfanout.h"

#include <QMutex>
#include <QThread>

#include <atomic>
#include <optional>
#include <vector>

ParallelHasher::ParallelHasher(HashAlgorithm algorithm, JobContext &context)
    : m_algorithm(algorithm)
    , m_context(context)
    , m_maxThreads(QThread::idealThreadCount()) {}

void ParallelHasher::setMaxThreads(int count) {
    m_maxThreads = qMax(1, count);
}

bool ParallelHasher::hashAll(const QList<QByteArray> &paths, const QList<qint64> &expectedSizes,
                             const ResultCallback &onResult, const KnownResults &known,
                             const FinishedCallback &onFinished) {
    const qsizetype count = paths.size();
    std::atomic<qsizetype> next{0};
    std::atomic<bool> stop{false};

    // Results wait here until every earlier one is reported.
    QMutex reportMutex;
    std::vector<std::optional<Result>> pending(static_cast<size_t>(count));
    qsizetype nextToReport = 0;

    const auto report = [&](qsizetype index, Result result) {
        // Outside the lock: a file done is done, whatever is still pending
        // before it (a resumable job records it at once).
        if (onFinished)
            onFinished(index, result);
        QMutexLocker lock(&reportMutex);
        pending[size_t(index)] = std::move(result);
        while (nextToReport < count && pending[size_t(nextToReport)]) {
            onResult(nextToReport, *pending[size_t(nextToReport)]);
            pending[size_t(nextToReport)].reset();
            ++nextToReport;
        }
    };

    const auto work = [&] {
        FileHasher hasher(m_algorithm);
        const FileHasher::BlockCallback onBlock = [&](qint64 bytes) {
            m_context.addDone(bytes);
            if (stop.load(std::memory_order_relaxed) || !m_context.checkpoint()) {
                stop.store(true, std::memory_order_relaxed);
                return false;
            }
            return true;
        };
        while (!stop.load(std::memory_order_relaxed)) {
            const qsizetype index = next.fetch_add(1);
            if (index >= count)
                return;
            // Also between files: a run of empty files must still pause and stop.
            if (!m_context.checkpoint()) {
                stop.store(true, std::memory_order_relaxed);
                return;
            }
            if (size_t(index) < known.size() && known[size_t(index)]) {
                if (index < expectedSizes.size())
                    m_context.addDone(expectedSizes[index]);
                Result result = *known[size_t(index)];
                result.reused = true;
                report(index, std::move(result));
                continue;
            }
            const FileHasher::Outcome outcome = hasher.hash(paths[index], onBlock);
            if (outcome == FileHasher::Outcome::Stopped)
                return;
            Result result;
            result.bytes = hasher.bytesHashed();
            result.stamp = hasher.stamp();
            if (outcome == FileHasher::Outcome::Hashed) {
                result.digest = hasher.digest();
            } else {
                result.error = hasher.errorString();
                if (index < expectedSizes.size())
                    m_context.addDone(qMax<qint64>(0, expectedSizes[index] - result.bytes));
            }
            report(index, std::move(result));
        }
    };

    // The calling thread plus helpers on the job's pool; helpers the pool starts
    // late find the work closed, so a busy pool cannot deadlock it.
    PoolFanOut::run(m_context.pool(), m_maxThreads, count, work);
    return !stop.load() && nextToReport == count;
}
