// InstanceServer: the commands of the instance protocol against a real queue.
#include "instanceserverfixture.h"

#include <QCoreApplication>
#include <QSignalSpy>

using State = JobState;

namespace {

QString s(const char *text) {
    return QString::fromLatin1(text);
}

class InstanceServerTest : public InstanceServerFixture {};

} // namespace

TEST_F(InstanceServerTest, HelloTellsTheVersionPidModeAndDataFolder) {
    TestClient &client = connectClient();
    const QJsonObject reply = request(client, s("hello"));
    EXPECT_EQ(reply.value(s("v")).toInt(), 1);
    EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    EXPECT_EQ(reply.value(s("version")).toInt(), 1);
    EXPECT_EQ(reply.value(s("pid")).toInteger(), QCoreApplication::applicationPid());
    EXPECT_FALSE(reply.value(s("headless")).toBool());
    EXPECT_EQ(reply.value(s("data_dir")).toString(), dataDir.path());

    server->setHeadless(true);
    EXPECT_TRUE(request(client, s("hello")).value(s("headless")).toBool());
}

TEST_F(InstanceServerTest, AddedJobIsInTheQueueAndInTheList) {
    TestClient &client = connectClient();
    const JobId blocker = addGate(s("block"));
    const QJsonObject reply = addRequest(client, s("gate"), {{s("key"), s("k")}},
                                         {{s("title"), s("my gate")}, {s("priority"), s("low")}});
    ASSERT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    const QJsonObject job = reply.value(s("job")).toObject();
    const JobId id = JobId(job.value(s("id")).toInteger());
    ASSERT_TRUE(queue.job(id).has_value());
    EXPECT_EQ(queue.job(id)->spec.title, s("my gate"));
    EXPECT_EQ(queue.job(id)->spec.priority, JobPriority::Low);
    EXPECT_EQ(job.value(s("position")).toInt(), 1);

    const QJsonArray jobs = listJobs(client);
    ASSERT_EQ(jobs.size(), 2);
    EXPECT_EQ(jobs[0].toObject().value(s("id")).toInteger(), qint64(blocker));
    EXPECT_EQ(jobs[1].toObject().value(s("id")).toInteger(), qint64(id));
    EXPECT_EQ(jobs[1].toObject().value(s("position")).toInt(), 1);
    EXPECT_EQ(jobs[1].toObject().value(s("title")).toString(), s("my gate"));
    fakes.gate->openAll();
}

TEST_F(InstanceServerTest, AddWithAfterGroupAndStartTimeKeepsThem) {
    TestClient &client = connectClient();
    const JobId first = addGate(s("first"));
    const QDateTime later = QDateTime::currentDateTimeUtc().addDays(1);
    const QJsonObject reply = addRequest(client, s("instant"), {},
                                         {{s("after"), ids({qint64(first)})},
                                          {s("group"), s("disk")},
                                          {s("not_before"), later.toString(Qt::ISODate)}});
    ASSERT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    const QJsonObject job = reply.value(s("job")).toObject();
    EXPECT_EQ(job.value(s("after")).toArray(), ids({qint64(first)}));
    EXPECT_EQ(job.value(s("group")).toString(), s("disk"));
    EXPECT_EQ(QDateTime::fromString(job.value(s("not_before")).toString(), Qt::ISODateWithMs)
                  .toSecsSinceEpoch(),
              later.toSecsSinceEpoch());
    EXPECT_EQ(job.value(s("state")).toString(), s("waiting"));
    fakes.gate->openAll();
}

TEST_F(InstanceServerTest, AddRefusesABadKindOrBadParametersAndAddsNothing) {
    TestClient &client = connectClient();
    const QJsonObject unknownKind = addRequest(client, s("nosuchkind"));
    EXPECT_FALSE(unknownKind.value(s("ok")).toBool());
    EXPECT_TRUE(unknownKind.value(s("error")).toString().contains(s("nosuchkind")))
        << text(unknownKind);

    const QJsonObject badParams = addRequest(client, s("instant"), {{s("invalid"), true}});
    EXPECT_FALSE(badParams.value(s("ok")).toBool());
    EXPECT_EQ(badParams.value(s("error")).toString(), s("invalid parameter 'invalid'"));

    const QJsonObject badPriority =
        addRequest(client, s("instant"), {}, {{s("priority"), s("urgent")}});
    EXPECT_EQ(badPriority.value(s("error")).toString(),
              s("unknown priority 'urgent': use low, normal or high"));
    const QJsonObject badAfter = addRequest(client, s("instant"), {}, {{s("after"), s("3")}});
    EXPECT_EQ(badAfter.value(s("error")).toString(), s("'after' must be an array of job ids"));
    const QJsonObject badTime =
        addRequest(client, s("instant"), {}, {{s("not_before"), s("tomorrow")}});
    EXPECT_TRUE(badTime.value(s("error")).toString().startsWith(s("'not_before' must be")))
        << text(badTime);
    const QJsonObject noSpec = request(client, s("add"));
    EXPECT_TRUE(noSpec.value(s("error")).toString().contains(s("'spec'"))) << text(noSpec);

    EXPECT_EQ(queue.count(), 0);
}

TEST_F(InstanceServerTest, ListHasEveryFieldOfTheJobObject) {
    TestClient &client = connectClient();
    const JobId id = addJob(client, s("instant"), {{s("message"), s("hi")}});
    ASSERT_TRUE(waitForState(id, State::Succeeded));
    const QJsonArray jobs = listJobs(client);
    ASSERT_EQ(jobs.size(), 1);
    const QJsonObject job = jobs[0].toObject();
    for (const char *field :
         {"id",         "kind",        "title",    "state",      "position",   "priority",
          "progress",   "done",        "total",    "unit",       "status",     "speed",
          "eta",        "wait_reason", "error",    "summary",    "group",      "after",
          "not_before", "params",      "added_at", "started_at", "finished_at"})
        EXPECT_TRUE(job.contains(s(field))) << field;
    EXPECT_FALSE(job.contains(s("details")));
    EXPECT_EQ(job.value(s("kind")).toString(), s("instant"));
    EXPECT_EQ(job.value(s("state")).toString(), s("succeeded"));
    EXPECT_EQ(job.value(s("priority")).toString(), s("normal"));
    EXPECT_EQ(job.value(s("progress")).toDouble(), 1.0);
    EXPECT_EQ(job.value(s("summary")).toString(), s("done"));
    EXPECT_EQ(job.value(s("error")).toString(), QString());
    EXPECT_TRUE(job.value(s("not_before")).isNull());
    EXPECT_EQ(job.value(s("params")).toObject().value(s("message")).toString(), s("hi"));
    const QDateTime finished =
        QDateTime::fromString(job.value(s("finished_at")).toString(), Qt::ISODateWithMs);
    EXPECT_TRUE(finished.isValid());
    EXPECT_EQ(finished.timeSpec(), Qt::UTC);
}

TEST_F(InstanceServerTest, ShowGivesDetailsAndNamesAnUnknownJob) {
    TestClient &client = connectClient();
    const JobId id = addJob(client, s("fail"), {{s("message"), s("disk on fire")}});
    ASSERT_TRUE(waitForState(id, State::Failed));
    const QJsonObject job =
        request(client, s("show"), {{s("job"), qint64(id)}}).value(s("job")).toObject();
    EXPECT_TRUE(job.value(s("details")).isObject());
    EXPECT_EQ(job.value(s("state")).toString(), s("failed"));
    EXPECT_EQ(job.value(s("error")).toString(), s("disk on fire"));
    const QJsonObject unknown = request(client, s("show"), {{s("job"), 999}});
    EXPECT_FALSE(unknown.value(s("ok")).toBool());
    EXPECT_EQ(unknown.value(s("error")).toString(), s("no job 999"));
}

TEST_F(InstanceServerTest, ControlCommandsReportEachJobAndNameUnknownOnes) {
    TestClient &client = connectClient();
    const JobId running = addGate(s("run"));
    const JobId queued = addGate(s("queued"));
    queue.setMaxRunning(1);
    ASSERT_TRUE(waitForState(running, State::Running));

    QJsonObject reply = request(client, s("pause"), {{s("jobs"), ids({qint64(queued), 777})}});
    EXPECT_FALSE(reply.value(s("ok")).toBool());
    const QJsonArray results = reply.value(s("results")).toArray();
    ASSERT_EQ(results.size(), 2);
    EXPECT_EQ(results[0].toObject().value(s("id")).toInteger(), qint64(queued));
    EXPECT_TRUE(results[0].toObject().value(s("ok")).toBool());
    EXPECT_FALSE(results[1].toObject().value(s("ok")).toBool());
    EXPECT_EQ(results[1].toObject().value(s("error")).toString(), s("no job 777"));
    EXPECT_EQ(reply.value(s("error")).toString(), s("no job 777"));
    EXPECT_EQ(stateOf(queued), State::Paused);

    reply = request(client, s("resume"), {{s("jobs"), ids({qint64(queued)})}});
    EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    EXPECT_NE(stateOf(queued), State::Paused);

    reply = request(client, s("cancel"), {{s("jobs"), ids({qint64(running), qint64(queued)})}});
    EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    ASSERT_TRUE(waitForState(running, State::Canceled));
    ASSERT_TRUE(waitForState(queued, State::Canceled));

    reply = request(client, s("retry"), {{s("jobs"), ids({qint64(queued)})}});
    EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    EXPECT_FALSE(isFinished(stateOf(queued)));

    // A refusal by the queue is reported for that job, with the queue's reason.
    reply = request(client, s("retry"), {{s("jobs"), ids({qint64(queued)})}});
    EXPECT_FALSE(reply.value(s("ok")).toBool());
    EXPECT_FALSE(
        reply.value(s("results")).toArray()[0].toObject().value(s("error")).toString().isEmpty());

    reply = request(client, s("remove"), {{s("jobs"), ids({qint64(running), 778})}});
    EXPECT_FALSE(reply.value(s("ok")).toBool());
    EXPECT_FALSE(queue.job(running).has_value());
    fakes.gate->openAll();
}

TEST_F(InstanceServerTest, ControlRefusesJobsThatAreNotAListOfIds) {
    TestClient &client = connectClient();
    for (const QJsonValue &jobs :
         {QJsonValue(s("1")), QJsonValue(3), QJsonValue(QJsonArray{1.5}),
          QJsonValue(QJsonArray{-1}), QJsonValue(QJsonArray{s("x")}), QJsonValue()}) {
        const QJsonObject reply = request(client, s("cancel"), {{s("jobs"), jobs}});
        EXPECT_EQ(reply.value(s("error")).toString(), s("'jobs' must be an array of job ids"))
            << text(reply);
    }
}

TEST_F(InstanceServerTest, MoveReordersAndAnswersWithTheJob) {
    TestClient &client = connectClient();
    queue.setMaxRunning(1);
    const JobId a = addGate(s("a"));
    const JobId b = addGate(s("b"));
    const JobId c = addGate(s("c"));
    QJsonObject reply = request(client, s("move"), {{s("job"), qint64(c)}, {s("to"), s("top")}});
    ASSERT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    EXPECT_EQ(reply.value(s("job")).toObject().value(s("position")).toInt(), 0);
    EXPECT_EQ(queue.order(), (QList<JobId>{c, a, b}));

    reply = request(client, s("move"), {{s("job"), qint64(c)}, {s("to"), s("down")}});
    EXPECT_EQ(queue.order(), (QList<JobId>{a, c, b}));
    reply = request(client, s("move"), {{s("job"), qint64(c)}, {s("to"), s("sideways")}});
    EXPECT_EQ(reply.value(s("error")).toString(), s("'to' must be one of top, up, down, bottom"));
    reply = request(client, s("move"), {{s("job"), 4242}, {s("to"), s("up")}});
    EXPECT_EQ(reply.value(s("error")).toString(), s("no job 4242"));
    fakes.gate->openAll();
}

TEST_F(InstanceServerTest, PauseAllResumeAllAndDrainReachTheQueue) {
    TestClient &client = connectClient();
    const JobId id = addGate(s("g"));
    EXPECT_TRUE(request(client, s("pause-all")).value(s("ok")).toBool());
    EXPECT_EQ(stateOf(id), State::Paused);
    EXPECT_TRUE(request(client, s("resume-all")).value(s("ok")).toBool());
    EXPECT_NE(stateOf(id), State::Paused);
    EXPECT_TRUE(request(client, s("drain")).value(s("ok")).toBool());
    EXPECT_TRUE(queue.isDraining());
    fakes.gate->openAll();
}

TEST_F(InstanceServerTest, WaitAnswersOnceEveryJobHasFinished) {
    TestClient &client = connectClient();
    const JobId done = add(spec(s("instant")));
    ASSERT_TRUE(waitForState(done, State::Succeeded));
    const JobId gated = addGate(s("wait"));
    const JobId failing = add(spec(s("fail"), {{s("message"), s("nope")}}));
    const qint64 waitRequest = client.sendCommand(
        s("wait"), {{s("jobs"), ids({qint64(done), qint64(gated), qint64(failing)})}});
    ASSERT_TRUE(waitForState(failing, State::Failed));
    ASSERT_TRUE(waitForState(gated, State::Running));
    request(client, s("hello")); // served in order: the wait has been seen
    EXPECT_FALSE(client.replyTo(waitRequest).has_value());

    fakes.gate->open(s("wait"));
    const QJsonObject reply = waitForReply(client, waitRequest);
    EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    const QJsonArray jobs = reply.value(s("jobs")).toArray();
    ASSERT_EQ(jobs.size(), 3);
    EXPECT_EQ(jobs[0].toObject().value(s("state")).toString(), s("succeeded"));
    EXPECT_EQ(jobs[1].toObject().value(s("state")).toString(), s("succeeded"));
    EXPECT_EQ(jobs[2].toObject().value(s("state")).toString(), s("failed"));
    EXPECT_EQ(jobs[2].toObject().value(s("error")).toString(), s("nope"));
}

TEST_F(InstanceServerTest, WaitNamesAnUnknownJobAtOnceAndARemovedOneWhenItGoes) {
    TestClient &client = connectClient();
    EXPECT_EQ(request(client, s("wait"), {{s("jobs"), ids({31})}}).value(s("error")).toString(),
              s("no job 31"));
    queue.setMaxRunning(1);
    const JobId running = addGate(s("r"));
    const JobId queued = addGate(s("q"));
    const qint64 id = client.sendCommand(s("wait"), {{s("jobs"), ids({qint64(queued)})}});
    // Requests are served in order: once hello is answered, the wait is on.
    request(client, s("hello"));
    ASSERT_TRUE(queue.remove(queued).ok());
    EXPECT_EQ(waitForReply(client, id).value(s("error")).toString(),
              QStringLiteral("job %1 was removed").arg(queued));
    Q_UNUSED(running);
    fakes.gate->openAll();
}

TEST_F(InstanceServerTest, ActivateAsksTheWindowToComeForwardButAHeadlessOneRefuses) {
    TestClient &client = connectClient();
    QSignalSpy activated(server.get(), &InstanceServer::activationRequested);
    EXPECT_TRUE(request(client, s("activate")).value(s("ok")).toBool());
    EXPECT_EQ(activated.count(), 1);

    server->setHeadless(true);
    const QJsonObject refused = request(client, s("activate"));
    EXPECT_FALSE(refused.value(s("ok")).toBool());
    EXPECT_EQ(refused.value(s("error")).toString(),
              QStringLiteral("a headless instance (pid %1) owns %2; it has no window")
                  .arg(QCoreApplication::applicationPid())
                  .arg(dataDir.path()));
    EXPECT_EQ(activated.count(), 1);
}

TEST_F(InstanceServerTest, ShutdownStopsOnlyAHeadlessInstanceAfterReplying) {
    TestClient &client = connectClient();
    QSignalSpy shutdown(server.get(), &InstanceServer::shutdownRequested);
    EXPECT_FALSE(request(client, s("shutdown")).value(s("ok")).toBool());
    EXPECT_EQ(shutdown.count(), 0);
    server->setHeadless(true);
    EXPECT_TRUE(request(client, s("shutdown")).value(s("ok")).toBool());
    EXPECT_TRUE(shutdown.count() == 1 || shutdown.wait(patienceMs));
    EXPECT_EQ(shutdown.count(), 1);
}
