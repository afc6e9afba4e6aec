// CrossThreadCalls: functions run on the object's thread, in the order posted.
#include "base/crossthreadcalls.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>
#include <gtest/gtest.h>

#include <vector>

TEST(CrossThreadCalls, PostedCallsRunOnItsThreadInOrderAndCallWaitsForThem) {
    QThread thread;
    CrossThreadCalls calls;
    calls.moveToThread(&thread);
    thread.start();

    std::vector<int> order; // written on `thread` only, until call() returns
    std::vector<QThread *> ranOn;
    for (int i = 0; i < 100; ++i)
        calls.post([&, i] {
            order.push_back(i);
            ranOn.push_back(QThread::currentThread());
        });
    calls.call([&] { order.push_back(100); }); // after every post before it
    ASSERT_EQ(order.size(), 101u);
    for (int i = 0; i <= 100; ++i)
        EXPECT_EQ(order[size_t(i)], i);
    for (QThread *ran : ranOn)
        EXPECT_EQ(ran, &thread);

    thread.quit();
    thread.wait();
}

TEST(CrossThreadCalls, AnswersPostedBackRunWhenTheirThreadTakesThem) {
    QThread thread;
    CrossThreadCalls storeSide;
    storeSide.moveToThread(&thread);
    CrossThreadCalls answers; // on this (the test's) thread
    thread.start();

    int answer = 0;
    storeSide.post([&answers, &answer] { answers.post([&answer] { answer = 42; }); });
    const QDeadlineTimer deadline(60000);
    while (answer == 0 && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    EXPECT_EQ(answer, 42);

    thread.quit();
    thread.wait();
}
