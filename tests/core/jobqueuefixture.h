#pragma once

#include "engine/jobqueue.h"
#include "fakejobkinds.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTest>
#include <QTimer>
#include <gtest/gtest.h>

// A queue over the fake kinds, and helpers that read as the tests' sentences.
// Waits are on conditions with generous bounds, never sleeps.
class JobQueueFixture : public ::testing::Test {
protected:
    static constexpr int patienceMs = 60000;

    FakeKinds fakes;
    JobQueue queue{fakes.registry};

    JobSpec spec(const QString &kind, QVariantMap params = {}) {
        JobSpec s;
        s.kind = kind;
        s.params = std::move(params);
        return s;
    }
    JobId add(const JobSpec &s) {
        auto id = queue.add(s);
        EXPECT_TRUE(id.ok()) << id.error().toStdString();
        return id.ok() ? *id : 0;
    }
    JobId addGate(const QString &key, JobPriority priority = JobPriority::Normal) {
        JobSpec s = spec(QStringLiteral("gate"), {{QStringLiteral("key"), key}});
        s.priority = priority;
        return add(s);
    }
    JobState stateOf(JobId id) const { return queue.job(id)->state; }
    bool waitForState(JobId id, JobState state, int timeoutMs = patienceMs) {
        return waitUntil([&] { return queue.job(id) && queue.job(id)->state == state; }, timeoutMs);
    }
    // Runs the event loop until the condition holds. Unlike QTest::qWaitFor,
    // which sleeps 10 ms between passes, this wakes on every event, so tests
    // that push thousands of jobs through see the queue's real pace.
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs = patienceMs) {
        QDeadlineTimer deadline(timeoutMs);
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (condition() || deadline.hasExpired())
                loop.quit();
        });
        QObject::connect(&queue, &JobQueue::jobStateChanged, &loop, [&] {
            if (condition())
                loop.quit();
        });
        if (condition())
            return true;
        poll.start(5);
        loop.exec();
        return condition();
    }
    // The job is inside its kind's run(), not only handed to the pool.
    bool waitUntilInsideRun(int running = 1) {
        return waitUntil([&] { return fakes.recorder->running.load() == running; });
    }
    // Lets a scheduled dispatch run: the queue decides in the next event-loop pass.
    void settle() {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
};

inline void PrintTo(JobState state, std::ostream *os) {
    *os << jobStateName(state).toStdString();
}
