// InstanceServer: "log" and "log" with follow.
#include "instanceserverfixture.h"

#include <algorithm>

using State = JobState;

namespace {

QString s(const char *text) {
    return QString::fromLatin1(text);
}

class InstanceServerLog : public InstanceServerFixture {
protected:
    // Every line of the log events of a request, in the order received.
    static QStringList followedLines(const TestClient &client, qint64 id) {
        QStringList lines;
        for (const QJsonObject &event : client.eventsOf(id)) {
            EXPECT_EQ(event.value(s("event")).toString(), s("log"));
            for (const QJsonValue &line : event.value(s("lines")).toArray())
                lines.append(line.toString());
        }
        return lines;
    }
    static QStringList steps(qint64 every, qint64 total) {
        QStringList lines;
        for (qint64 step = every; step <= total; step += every)
            lines.append(QStringLiteral("step %1").arg(step));
        return lines;
    }
};

} // namespace

TEST_F(InstanceServerLog, GivesTheNewestLinesOfAJob) {
    TestClient &client = connectClient();
    const JobId id = add(spec(s("spin"), {{s("total"), 5000}, {s("logEvery"), 100}}));
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    QJsonObject reply = request(client, s("log"), {{s("job"), qint64(id)}, {s("lines"), 3}});
    ASSERT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    EXPECT_EQ(reply.value(s("lines")).toArray(),
              QJsonArray::fromStringList({s("step 4800"), s("step 4900"), s("step 5000")}));
    reply = request(client, s("log"), {{s("job"), qint64(id)}, {s("lines"), 0}});
    EXPECT_EQ(reply.value(s("lines")).toArray(), QJsonArray::fromStringList(steps(100, 5000)));
    reply = request(client, s("log"), {{s("job"), qint64(id)}});
    EXPECT_EQ(reply.value(s("lines")).toArray().size(), 50);

    EXPECT_EQ(request(client, s("log"), {{s("job"), 55}}).value(s("error")).toString(),
              s("no job 55"));
    EXPECT_EQ(request(client, s("log"), {{s("job"), qint64(id)}, {s("lines"), -2}})
                  .value(s("error"))
                  .toString(),
              s("'lines' must be a number of lines (0 for all)"));
    EXPECT_EQ(request(client, s("log"), {{s("job"), qint64(id)}, {s("follow"), s("yes")}})
                  .value(s("error"))
                  .toString(),
              s("'follow' must be true or false"));
    EXPECT_EQ(request(client, s("log"), {{s("job"), s("1")}}).value(s("error")).toString(),
              s("'job' must be a job id"));
}

TEST_F(InstanceServerLog, FollowSendsEveryLineOnceInOrderThenTheFinalState) {
    TestClient &client = connectClient();
    // Logging before, while and after the follow starts: a line lost or sent
    // twice shows as a gap or a repeat in the steps.
    const qint64 every = 1000;
    const JobId id = add(spec(s("spin"), {{s("total"), qint64(1) << 50}, {s("logEvery"), every}}));
    ASSERT_TRUE(waitUntil([&] { return queue.logTail(id).size() >= 5; }));
    const qint64 request = client.sendCommand(
        s("log"), {{s("job"), qint64(id)}, {s("follow"), true}, {s("lines"), 0}});
    ASSERT_TRUE(waitUntil([&] { return client.eventsOf(request).size() >= 5; }));
    ASSERT_TRUE(queue.cancel(id).ok());
    const QJsonObject reply = waitForReply(client, request);
    EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    EXPECT_EQ(reply.value(s("state")).toString(), s("canceled"));
    EXPECT_EQ(reply.value(s("error")).toString(), queue.job(id)->result.error);

    // Whatever the tail had dropped before the follow began, the rest is whole
    // up to the last line the job logged.
    const QStringList lines = followedLines(client, request);
    ASSERT_GE(lines.size(), 5);
    // The tail may begin with a note of lines dropped before the follow began.
    const auto firstStep = std::find_if(lines.cbegin(), lines.cend(), [](const QString &line) {
        return line.startsWith(QLatin1String("step "));
    });
    ASSERT_NE(firstStep, lines.cend());
    const QStringList fromFirstStep(firstStep, lines.cend());
    const int outOfStep = firstLineOutOfStep(fromFirstStep, firstStep->mid(5).toLongLong(), every);
    EXPECT_EQ(outOfStep, -1) << fromFirstStep.value(outOfStep).toStdString();
    EXPECT_EQ(lines.last(), queue.logTail(id, 1).value(0));
}

TEST_F(InstanceServerLog, FollowOfAFinishedJobSendsItsLinesAndEndsAtOnce) {
    TestClient &client = connectClient();
    const JobId id = add(spec(s("spin"), {{s("total"), 300}, {s("logEvery"), 100}}));
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    const qint64 request =
        client.sendCommand(s("log"), {{s("job"), qint64(id)}, {s("follow"), true}});
    EXPECT_EQ(waitForReply(client, request).value(s("state")).toString(), s("succeeded"));
    EXPECT_EQ(followedLines(client, request), steps(100, 300));
}

TEST_F(InstanceServerLog, FollowEndsWithTheErrorOfAFailedOrCanceledJob) {
    TestClient &client = connectClient();
    const JobId id = add(spec(s("spin"), {{s("total"), qint64(1) << 50}, {s("logEvery"), 100000}}));
    ASSERT_TRUE(waitForState(id, State::Running));
    const qint64 request =
        client.sendCommand(s("log"), {{s("job"), qint64(id)}, {s("follow"), true}});
    ASSERT_TRUE(waitUntil([&] { return !client.eventsOf(request).isEmpty(); }));
    ASSERT_TRUE(queue.cancel(id).ok());
    const QJsonObject reply = waitForReply(client, request);
    EXPECT_TRUE(reply.value(s("ok")).toBool());
    EXPECT_EQ(reply.value(s("state")).toString(), s("canceled"));
    EXPECT_EQ(reply.value(s("error")).toString(), queue.job(id)->result.error);
}

TEST_F(InstanceServerLog, FollowOfAJobRemovedBeforeItFinishedEndsWithAnError) {
    TestClient &client = connectClient();
    queue.setMaxRunning(1);
    const JobId running = addGate(s("r"));
    const JobId queued = addGate(s("q"));
    const qint64 request =
        client.sendCommand(s("log"), {{s("job"), qint64(queued)}, {s("follow"), true}});
    ASSERT_TRUE(waitUntil([&] { return !client.eventsOf(request).isEmpty(); }));
    ASSERT_TRUE(queue.remove(queued).ok());
    // A queued job removed is canceled on the way out: either ending is fine,
    // as long as the follow ends and says so.
    const QJsonObject reply = waitForReply(client, request);
    if (reply.value(s("ok")).toBool())
        EXPECT_EQ(reply.value(s("state")).toString(), s("canceled"));
    else
        EXPECT_EQ(reply.value(s("error")).toString(),
                  QStringLiteral("job %1 was removed").arg(queued));
    Q_UNUSED(running);
    fakes.gate->openAll();
}

TEST_F(InstanceServerLog, AClientLeavingDuringAFollowOrAWaitDoesNotHurtTheServer) {
    const JobId id = add(spec(s("spin"), {{s("total"), qint64(1) << 50}, {s("logEvery"), 50000}}));
    for (int round = 0; round < 5; ++round) {
        TestClient &client = connectClient();
        const qint64 follow =
            client.sendCommand(s("log"), {{s("job"), qint64(id)}, {s("follow"), true}});
        client.sendCommand(s("wait"), {{s("jobs"), ids({qint64(id)})}});
        ASSERT_TRUE(waitUntil([&] { return client.eventsOf(follow).size() >= 2; }));
        client.socket.abort();
    }
    // The job keeps logging to nobody; the server still serves.
    const qint64 before = queue.logTail(id).size();
    ASSERT_TRUE(waitUntil([&] { return queue.job(id)->done > 0 && before > 0; }));
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, State::Canceled));
    TestClient &client = connectClient();
    EXPECT_TRUE(request(client, s("hello")).value(s("ok")).toBool());
}
