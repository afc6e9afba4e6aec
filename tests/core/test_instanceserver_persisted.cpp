// InstanceServer over a real QueuePersister: replies wait for the disk, logs come from it.
#include "instanceserverfixture.h"

#include <QSqlDatabase>
#include <QSqlQuery>

using State = JobState;

namespace {

QString s(const char *text) {
    return QString::fromLatin1(text);
}

class InstanceServerPersisted : public InstanceServerFixture {
protected:
    bool persisted() const override { return true; }

    // Whether the job's row is in the database, read through a connection of its own.
    bool storedOnDisk(JobId id) {
        bool found = false;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
            db.setDatabaseName(persister->databasePath());
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            EXPECT_TRUE(db.open());
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT count(*) FROM jobs WHERE id = ?"));
            query.addBindValue(qint64(id));
            EXPECT_TRUE(query.exec());
            found = query.next() && query.value(0).toInt() == 1;
        }
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        return found;
    }
};

} // namespace

TEST_F(InstanceServerPersisted, AnAddedJobIsOnDiskWhenItsIdIsAnswered) {
    TestClient &client = connectClient();
    queue.drain();
    for (int i = 0; i < 5; ++i) {
        const JobId id = addJob(client, s("instant"));
        ASSERT_NE(id, 0u);
        EXPECT_TRUE(storedOnDisk(id)) << id;
    }
}

TEST_F(InstanceServerPersisted, ControlRepliesComeAfterTheCommit) {
    TestClient &client = connectClient();
    queue.drain();
    const JobId id = addJob(client, s("instant"));
    const QJsonObject reply = request(client, s("remove"), {{s("jobs"), ids({qint64(id)})}});
    EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    EXPECT_FALSE(storedOnDisk(id));
}

TEST_F(InstanceServerPersisted, LogComesFromTheStoreAndFollowRepeatsNothing) {
    TestClient &client = connectClient();
    const qint64 every = 1000;
    const JobId id = add(spec(s("spin"), {{s("total"), qint64(1) << 50}, {s("logEvery"), every}}));
    ASSERT_TRUE(waitUntil([&] { return queue.logTail(id).size() >= 5; }));
    const qint64 follow = client.sendCommand(
        s("log"), {{s("job"), qint64(id)}, {s("follow"), true}, {s("lines"), 0}});
    ASSERT_TRUE(waitForClient(client, [&] { return client.eventsOf(follow).size() >= 5; }));
    ASSERT_TRUE(queue.cancel(id).ok());
    const QJsonObject reply = waitForReply(client, follow);
    EXPECT_EQ(reply.value(s("state")).toString(), s("canceled")) << text(reply);

    QStringList lines;
    for (const QJsonObject &event : client.eventsOf(follow)) {
        for (const QJsonValue &line : event.value(s("lines")).toArray())
            lines.append(line.toString());
    }
    ASSERT_GE(lines.size(), 5);
    // The store keeps every line from the first: nothing lost, nothing twice.
    const int outOfStep = firstLineOutOfStep(lines, every, every);
    EXPECT_EQ(outOfStep, -1) << lines.value(outOfStep).toStdString();

    const QJsonObject all = request(client, s("log"), {{s("job"), qint64(id)}, {s("lines"), 0}});
    EXPECT_EQ(all.value(s("lines")).toArray(), QJsonArray::fromStringList(lines));
}
