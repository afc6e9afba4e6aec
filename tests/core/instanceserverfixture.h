#pragma once

#include "instance/instancepaths.h"
#include "instance/instanceserver.h"
#include "jobqueuefixture.h"
#include "store/queuepersister.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QTemporaryDir>

#include <deque>
#include <memory>

inline void PrintTo(const QString &text, std::ostream *os) {
    *os << '"' << text.toStdString() << '"';
}

// Checks that lines are "step N" lines `every` apart from firstStep, with no
// line missing or repeated. A job logging in a tight loop may outrun the
// queue's sampling on a starved machine; the queue then drops its oldest
// unsampled lines and says so ("[K log lines dropped]"): the gap must be
// exactly those K lines. Returns the index of the first line out of order, or -1.
inline int firstLineOutOfStep(const QStringList &lines, qint64 firstStep, qint64 every) {
    qint64 expected = firstStep;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.startsWith(QLatin1String("[")) &&
            line.endsWith(QLatin1String(" log lines dropped]"))) {
            expected += line.mid(1).section(QLatin1Char(' '), 0, 0).toLongLong() * every;
            continue;
        }
        if (line != QStringLiteral("step %1").arg(expected))
            return i;
        expected += every;
    }
    return -1;
}

// A test's end of the instance protocol: sends lines, collects every line the
// server sends back. Never blocks: the server runs in this same thread, so
// waiting is done by the fixture's event loop (waitUntil).
class TestClient {
public:
    explicit TestClient(const QString &socketName) {
        QObject::connect(&socket, &QLocalSocket::readyRead, [this] { readLines(); });
        socket.connectToServer(socketName);
    }

    void sendRaw(const QByteArray &bytes) { socket.write(bytes); }
    void send(const QJsonObject &message) {
        sendRaw(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    }
    // Sends {"v":1, "id":<new>, "cmd":command, ...arguments}; returns the id.
    qint64 sendCommand(const QString &command, QJsonObject arguments = {}) {
        arguments.insert(QStringLiteral("v"), 1);
        arguments.insert(QStringLiteral("id"), ++lastId);
        arguments.insert(QStringLiteral("cmd"), command);
        send(arguments);
        return lastId;
    }
    // The final reply (it has "ok") to request id, if it came.
    std::optional<QJsonObject> replyTo(qint64 id) const {
        for (const QJsonObject &message : received) {
            if (message.value(QStringLiteral("id")).toInteger(-1) == id &&
                message.contains(QStringLiteral("ok")))
                return message;
        }
        return std::nullopt;
    }
    QList<QJsonObject> eventsOf(qint64 id) const {
        QList<QJsonObject> events;
        for (const QJsonObject &message : received) {
            if (message.value(QStringLiteral("id")).toInteger(-1) == id &&
                message.contains(QStringLiteral("event")))
                events.append(message);
        }
        return events;
    }

    QLocalSocket socket;
    QList<QJsonObject> received;
    qsizetype longestLine = 0;    // of all received, without its '\n'
    QList<QByteArray> unparsable; // lines that were not JSON objects (must stay empty)
    qint64 lastId = 0;

private:
    void readLines() {
        buffer += socket.readAll();
        qsizetype start = 0;
        for (qsizetype end; (end = buffer.indexOf('\n', start)) >= 0; start = end + 1) {
            const QByteArray line = buffer.sliced(start, end - start);
            longestLine = std::max(longestLine, line.size());
            const QJsonDocument document = QJsonDocument::fromJson(line);
            if (document.isObject())
                received.append(document.object());
            else
                unparsable.append(line);
        }
        buffer.remove(0, start);
    }
    QByteArray buffer;
};

// A queue over the fake kinds with an instance server listening in a temporary
// data folder (without a persister unless persisted()), and clients for it.
class InstanceServerFixture : public JobQueueFixture {
protected:
    QTemporaryDir dataDir;
    QString socketName = InstancePaths::socketName(dataDir.path());
    std::unique_ptr<QueuePersister> persister; // only when persisted()
    std::unique_ptr<InstanceServer> server;

    // True: the server gets a real QueuePersister on the data folder.
    virtual bool persisted() const { return false; }

    void SetUp() override {
        ASSERT_TRUE(dataDir.isValid());
        if (persisted()) {
            persister = std::make_unique<QueuePersister>(&queue, dataDir.path());
            const auto opened = persister->open(RecoveryPolicy::ResumeSafeKinds, 30);
            ASSERT_TRUE(opened.ok()) << opened.error().toStdString();
        }
        server = std::make_unique<InstanceServer>(&queue, persister.get());
        server->setDataDir(dataDir.path());
        const Status listening = server->listen(socketName);
        ASSERT_TRUE(listening.ok()) << listening.error().toStdString();
    }

    TestClient &connectClient() {
        clients.push_back(std::make_unique<TestClient>(socketName));
        TestClient &client = *clients.back();
        EXPECT_TRUE(
            waitUntil([&] { return client.socket.state() == QLocalSocket::ConnectedState; }));
        return client;
    }
    // Sends the command and waits for its final reply (an empty object if none came).
    QJsonObject request(TestClient &client, const QString &command, QJsonObject arguments = {}) {
        const qint64 id = client.sendCommand(command, std::move(arguments));
        return waitForReply(client, id);
    }
    // "list" with the arguments: the jobs of its "jobs" events, in order; the
    // final reply's count must agree.
    QJsonArray listJobs(TestClient &client, QJsonObject arguments = {}) {
        const qint64 id = client.sendCommand(QStringLiteral("list"), std::move(arguments));
        const QJsonObject reply = waitForReply(client, id);
        EXPECT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << text(reply);
        QJsonArray jobs;
        for (const QJsonObject &event : client.eventsOf(id)) {
            EXPECT_EQ(event.value(QStringLiteral("event")).toString(), QStringLiteral("jobs"));
            for (const QJsonValue &job : event.value(QStringLiteral("jobs")).toArray())
                jobs.append(job);
        }
        EXPECT_EQ(reply.value(QStringLiteral("count")).toInteger(), jobs.size()) << text(reply);
        return jobs;
    }
    QJsonObject waitForReply(TestClient &client, qint64 id) {
        EXPECT_TRUE(waitForClient(client, [&] { return client.replyTo(id).has_value(); }))
            << "no reply to request " << id;
        return client.replyTo(id).value_or(QJsonObject());
    }
    // Runs the event loop until the condition holds, looking again whenever the
    // client receives something (waitUntil looks every 5 ms: too slow for the
    // thousands of round trips of the fuzz test).
    bool waitForClient(TestClient &client, const std::function<bool()> &condition,
                       int timeoutMs = patienceMs) {
        if (condition())
            return true;
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        // Connected after the client's own reader, so its lines are parsed by then.
        QObject::connect(&client.socket, &QLocalSocket::readyRead, &loop, [&] {
            if (condition())
                loop.quit();
        });
        QObject::connect(&client.socket, &QLocalSocket::disconnected, &loop, &QEventLoop::quit);
        timeout.start(timeoutMs);
        loop.exec();
        return condition();
    }
    // {"v":1, "id":id, ...}: "ok" and "error" of a reply, for messages.
    static std::string text(const QJsonObject &message) {
        return QJsonDocument(message).toJson(QJsonDocument::Compact).toStdString();
    }
    static QJsonArray ids(std::initializer_list<qint64> list) {
        QJsonArray array;
        for (qint64 id : list)
            array.append(id);
        return array;
    }
    QJsonObject addRequest(TestClient &client, const QString &kind, QJsonObject params = {},
                           QJsonObject extra = {}) {
        QJsonObject spec{{QStringLiteral("kind"), kind}, {QStringLiteral("params"), params}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            spec.insert(it.key(), it.value());
        return request(client, QStringLiteral("add"), {{QStringLiteral("spec"), spec}});
    }
    // Adds through the protocol and returns the new job's id (0 on failure).
    JobId addJob(TestClient &client, const QString &kind, QJsonObject params = {}) {
        const QJsonObject reply = addRequest(client, kind, std::move(params));
        EXPECT_TRUE(reply.value(QStringLiteral("ok")).toBool()) << text(reply);
        return JobId(
            reply.value(QStringLiteral("job")).toObject().value(QStringLiteral("id")).toInteger());
    }

    std::deque<std::unique_ptr<TestClient>> clients;
};
