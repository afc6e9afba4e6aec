#include "kinds/common/poolfanout.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <condition_variable>
#include <memory>
#include <mutex>

namespace {

// Lets helper tasks join the work only while the caller is still inside
// run(). Shared with the helpers so a late helper finds it closed rather than
// dangling. Standard primitives rather than QMutex/QWaitCondition:
// ThreadSanitizer cannot see QWaitCondition release a QMutex inside
// (uninstrumented) QtCore.
class Gate {
public:
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

// Closes the gate on every way out of run(), so no helper outlives the
// caller's stack.
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

void PoolFanOut::run(QThreadPool *pool, int maxThreads, qsizetype itemCount,
                     const std::function<void()> &work) {
    const auto gate = std::make_shared<Gate>();
    const GateCloser closer(*gate);
    const qsizetype helpers = pool ? qMin<qsizetype>(qMax(1, maxThreads), itemCount) - 1 : 0;
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
