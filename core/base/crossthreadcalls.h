#pragma once

#include <QObject>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

// Runs functions on the thread this object lives on, one at a time, in the
// order they were posted. The hand-off is a std::mutex-guarded queue (woken by
// a queued Qt call that carries nothing), so ThreadSanitizer sees every call's
// captures cross threads; Qt's own event queue, which it cannot see, carries
// no data. Used between the queue's thread and the store thread.
//
// Thread: post() and call() from any thread; call() never from this object's own.
class CrossThreadCalls : public QObject {
    Q_OBJECT
public:
    explicit CrossThreadCalls(QObject *parent = nullptr);

    // Runs fn later on this object's thread; returns at once.
    void post(std::function<void()> fn);
    // Runs fn on this object's thread and waits until it has run; what it wrote
    // is visible to the caller afterwards.
    void call(std::function<void()> fn);
    // Runs what is waiting now (on this object's thread), e.g. to take replies
    // in before the event loop would.
    Q_INVOKABLE void runPending();

private:
    std::mutex m_mutex;
    std::condition_variable m_ran;
    std::deque<std::function<void()>> m_pending;
    quint64 m_posted = 0;
    quint64 m_done = 0;
};
