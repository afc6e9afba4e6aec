#include "base/crossthreadcalls.h"

#include <QThread>

CrossThreadCalls::CrossThreadCalls(QObject *parent)
    : QObject(parent) {}

void CrossThreadCalls::post(std::function<void()> fn) {
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(std::move(fn));
        ++m_posted;
    }
    QMetaObject::invokeMethod(this, "runPending", Qt::QueuedConnection);
}

void CrossThreadCalls::call(std::function<void()> fn) {
    Q_ASSERT(QThread::currentThread() != thread());
    quint64 ticket = 0;
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(std::move(fn));
        ticket = ++m_posted;
    }
    QMetaObject::invokeMethod(this, "runPending", Qt::QueuedConnection);
    std::unique_lock lock(m_mutex);
    m_ran.wait(lock, [&] { return m_done >= ticket; });
}

void CrossThreadCalls::runPending() {
    // One wake-up may find several calls, or none (an earlier one ran them).
    for (;;) {
        std::function<void()> fn;
        {
            std::lock_guard lock(m_mutex);
            if (m_pending.empty())
                return;
            fn = std::move(m_pending.front());
            m_pending.pop_front();
        }
        fn();
        {
            std::lock_guard lock(m_mutex);
            ++m_done;
        }
        m_ran.notify_all();
    }
}
