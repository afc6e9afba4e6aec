#include "parallelhasher.h"

#include "filehasher.h"
#include "jobcontext.h"

#include <QMutex>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace {

// Lets helper tasks join the work only while the caller is still inside
// hashAll(). Shared with the helpers so a late helper finds it closed rather
// than dangling; the caller waits (close()) only for helpers that entered.
// Standard primitives rather than QMutex/QWaitCondition: ThreadSanitizer
// cannot see QWaitCondition release a QMutex inside (uninstrumented) QtCore.
class Gate {
public:
    // True when the helper may run the work; then it must call leave().
    bool enter() {
        const std::lock_guard lock(m_mutex);
        if (m_closed)
            return false;
        ++m_active;
        return true;
    }
    void leave() {
        const std::lock_guard lock(m_mutex);
        if (--m_active == 0)
            m_idle.notify_all();
    }
    void close() {
        std::unique_lock lock(m_mutex);
        m_closed = true;
        m_idle.wait(lock, [this] { return m_active == 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_idle;
    int m_active = 0;
    bool m_closed = false;
};

// Closes the gate on every way out of hashAll(), exceptions included, so no
// helper outlives the stack it works on.
class GateCloser {
public:
    explicit GateCloser(Gate &gate)
        : m_gate(gate) {}
    ~GateCloser() { m_gate.close(); }
    GateCloser(const GateCloser &) = delete;
    GateCloser &operator=(const GateCloser &) = delete;

private:
    Gate &m_gate;
};

} // namespace

ParallelHasher::ParallelHasher(HashAlgorithm algorithm, JobContext &context)
    : m_algorithm(algorithm)
    , m_context(context)
    , m_maxThreads(QThread::idealThreadCount()) {}

void ParallelHasher::setMaxThreads(int count) {
    m_maxThreads = qMax(1, count);
}

bool ParallelHasher::hashAll(const QList<QByteArray> &paths, const QList<qint64> &expectedSizes,
                             const ResultCallback &onResult) {
    const qsizetype count = paths.size();
    std::atomic<qsizetype> next{0};
    std::atomic<bool> stop{false};

    // Results wait here until every earlier one is reported.
    QMutex reportMutex;
    std::vector<std::optional<Result>> pending(static_cast<size_t>(count));
    qsizetype nextToReport = 0;

    const auto report = [&](qsizetype index, Result result) {
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
            const FileHasher::Outcome outcome = hasher.hash(paths[index], onBlock);
            if (outcome == FileHasher::Outcome::Stopped)
                return;
            Result result;
            result.bytes = hasher.bytesHashed();
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

    const auto gate = std::make_shared<Gate>();
    {
        const GateCloser closer(*gate);
        QThreadPool *pool = m_context.pool();
        const qsizetype helpers = pool ? qMin<qsizetype>(m_maxThreads, count) - 1 : 0;
        for (qsizetype i = 0; i < helpers; ++i) {
            // The future is not kept: completion is tracked by the gate.
            (void)QtConcurrent::run(pool, [gate, &work] {
                if (!gate->enter())
                    return;
                struct Leave {
                    Gate &gate;
                    ~Leave() { gate.leave(); }
                } leave{*gate};
                work();
            });
        }
        work();
    }
    return !stop.load() && nextToReport == count;
}
