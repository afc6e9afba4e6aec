// "list" as a stream: a queue far larger than one protocol line, the filters
// the instance applies, their errors, and a client that stops reading.
#include "instance/clientbacklog.h"
#include "instance/instanceprotocol.h"
#include "instanceserverfixture.h"

#include <QLocalSocket>

namespace {
QString s(const char *text) {
    return QString::fromUtf8(text);
}

QList<qint64> idsOf(const QJsonArray &jobs) {
    QList<qint64> ids;
    for (const QJsonValue &job : jobs)
        ids.append(job.toObject().value(s("id")).toInteger());
    return ids;
}

class InstanceServerListTest : public InstanceServerFixture {
protected:
    // count gate jobs with long titles, so that together they need several
    // protocol lines; two of them run, the rest are queued.
    QList<qint64> addMany(int count) {
        QList<qint64> ids;
        for (int i = 0; i < count; ++i) {
            JobSpec gate = spec(s("gate"), {{s("key"), s("big")}});
            gate.title = s("job %1 ").arg(i) + QString(1000, QLatin1Char('x'));
            ids.append(qint64(add(gate)));
        }
        return ids;
    }
};
} // namespace

TEST_F(InstanceServerListTest, AQueueOfManyLinesComesWholeInOrderInLinesWithinTheLimit) {
    const QList<qint64> added = addMany(3000); // over 3 MB of job objects
    TestClient &client = connectClient();
    const qint64 id = client.sendCommand(s("list"));
    const QJsonObject reply = waitForReply(client, id);
    ASSERT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    QJsonArray jobs;
    for (const QJsonObject &event : client.eventsOf(id)) {
        for (const QJsonValue &job : event.value(s("jobs")).toArray())
            jobs.append(job);
    }
    EXPECT_EQ(idsOf(jobs), added);
    EXPECT_EQ(reply.value(s("count")).toInteger(), 3000);
    EXPECT_GT(client.eventsOf(id).size(), 3);
    EXPECT_LE(client.longestLine, InstanceProtocol::maxLineBytes);
    EXPECT_EQ(jobs.at(2).toObject().value(s("state")).toString(), s("queued"));
    EXPECT_EQ(jobs.at(2).toObject().value(s("position")).toInt(), 2);
    fakes.gate->openAll();
}

TEST_F(InstanceServerListTest, StatesLimitAndSinceFilterOnTheInstance) {
    const QList<qint64> added = addMany(20);
    ASSERT_TRUE(waitForState(JobId(added[1]), JobState::Running));
    TestClient &client = connectClient();
    EXPECT_EQ(idsOf(listJobs(client, {{s("states"), QJsonArray{s("running")}}})), added.mid(0, 2));
    EXPECT_EQ(idsOf(listJobs(
                  client, {{s("states"), QJsonArray{s("queued"), s("running")}}, {s("limit"), 5}})),
              added.mid(0, 5));
    EXPECT_EQ(idsOf(listJobs(client, {{s("since"), added[15]}})), added.mid(16));
    EXPECT_EQ(idsOf(listJobs(client, {{s("since"), added[15]}, {s("limit"), 2}})),
              added.mid(16, 2));
    EXPECT_TRUE(listJobs(client, {{s("states"), QJsonArray{s("failed")}}}).isEmpty());
    EXPECT_TRUE(listJobs(client, {{s("since"), added.last()}}).isEmpty());
    fakes.gate->openAll();
}

TEST_F(InstanceServerListTest, BadFiltersAreRefusedNamingTheArgument) {
    TestClient &client = connectClient();
    const QList<std::pair<QJsonObject, QString>> cases{
        {{{s("states"), s("running")}}, s("'states' must be an array of job states")},
        {{{s("states"), QJsonArray{s("runing")}}}, s("'states' must be an array of job states")},
        {{{s("states"), QJsonArray{1}}}, s("'states' must be an array of job states")},
        {{{s("limit"), 0}}, s("'limit' must be a whole number of jobs, at least 1")},
        {{{s("limit"), 2.5}}, s("'limit' must be a whole number of jobs, at least 1")},
        {{{s("limit"), s("10")}}, s("'limit' must be a whole number of jobs, at least 1")},
        {{{s("since"), -1}}, s("'since' must be a job id (or 0)")},
        {{{s("since"), 1e300}}, s("'since' must be a job id (or 0)")},
    };
    for (const auto &[arguments, error] : cases) {
        const QJsonObject reply = request(client, s("list"), arguments);
        EXPECT_FALSE(reply.value(s("ok")).toBool()) << text(reply);
        EXPECT_TRUE(reply.value(s("error")).toString().startsWith(error)) << text(reply);
    }
}

// The instance paces the stream on what the client has read: one that reads
// nothing is not sent the whole list (the final reply waits), and once it
// reads, the rest follows.
TEST_F(InstanceServerListTest, AClientThatStopsReadingHoldsTheStreamNotTheWholeList) {
    addMany(8000); // about 9 MB of job objects, more than the instance sends ahead
    QLocalSocket reader;
    reader.setReadBufferSize(64 * 1024); // takes in no more than this until read
    reader.connectToServer(socketName);
    ASSERT_TRUE(waitUntil([&] { return reader.state() == QLocalSocket::ConnectedState; }));
    reader.write("{\"v\":1,\"id\":1,\"cmd\":\"list\"}\n");
    reader.flush();
    // It sends ahead up to its pace, and then no further: without the pacing
    // all 9 MB would be queued for the client within these two seconds.
    ASSERT_TRUE(waitUntil([&] { return server->backlog().total() > 1024 * 1024; }));
    EXPECT_FALSE(waitUntil([&] { return server->backlog().total() > 4 * 1024 * 1024; }, 2000))
        << server->backlog().total() << " bytes unread";

    QByteArray received;
    const bool ended = waitUntil(
        [&] {
            received += reader.readAll();
            return received.endsWith("\"ok\":true,\"v\":1}\n");
        },
        patienceMs);
    ASSERT_TRUE(ended) << received.size() << " bytes";
    const QList<QByteArray> lines = received.trimmed().split('\n');
    qint64 jobs = 0;
    for (const QByteArray &line : lines)
        jobs += QJsonDocument::fromJson(line).object().value(s("jobs")).toArray().size();
    EXPECT_EQ(jobs, 8000);
    EXPECT_EQ(QJsonDocument::fromJson(lines.last()).object().value(s("count")).toInteger(), 8000);
    fakes.gate->openAll();
}
