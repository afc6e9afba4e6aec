// InstanceServer: bad messages, oversized lines, garbage, many clients, socket rights.
#include "instance/instanceprotocol.h"
#include "instanceserverfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cstring>
#include <iostream>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

QString s(const char *text) {
    return QString::fromLatin1(text);
}

class InstanceServerRobustness : public InstanceServerFixture {
protected:
    // Sends raw bytes and then a hello; returns the replies that came before the
    // hello's (all of them, so the test can look at the errors).
    QList<QJsonObject> sendThenHello(TestClient &client, const QByteArray &bytes) {
        const qsizetype before = client.received.size();
        client.sendRaw(bytes);
        client.lastId += 1000; // never an id the raw bytes use
        const qint64 hello = client.sendCommand(s("hello"));
        const QJsonObject reply = waitForReply(client, hello);
        EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
        QList<QJsonObject> errors = client.received.mid(before);
        errors.removeLast();
        return errors;
    }
    QString onlyError(TestClient &client, const QByteArray &bytes) {
        const QList<QJsonObject> replies = sendThenHello(client, bytes);
        EXPECT_EQ(replies.size(), 1) << bytes.left(80).toStdString();
        if (replies.isEmpty())
            return {};
        EXPECT_FALSE(replies[0].value(s("ok")).toBool());
        EXPECT_EQ(replies[0].value(s("v")).toInt(), 1);
        return replies[0].value(s("error")).toString();
    }
};

} // namespace

TEST_F(InstanceServerRobustness, BadMessagesGetErrorRepliesAndTheConnectionGoesOn) {
    TestClient &client = connectClient();
    EXPECT_TRUE(onlyError(client, "{not json\n").startsWith(s("malformed message: ")));
    EXPECT_EQ(onlyError(client, "[1,2,3]\n"),
              s("malformed message: a request must be a JSON object"));
    EXPECT_EQ(onlyError(client, "{\"id\":4,\"cmd\":\"hello\"}\n"),
              s("unsupported protocol version (missing); this instance speaks 1"));
    EXPECT_EQ(onlyError(client, "{\"v\":2,\"id\":4,\"cmd\":\"hello\"}\n"),
              s("unsupported protocol version 2; this instance speaks 1"));
    EXPECT_EQ(onlyError(client, "{\"v\":1,\"cmd\":\"hello\"}\n"),
              s("'id' must be an integer chosen by the client"));
    EXPECT_EQ(onlyError(client, "{\"v\":1,\"id\":1.5,\"cmd\":\"hello\"}\n"),
              s("'id' must be an integer chosen by the client"));
    EXPECT_EQ(onlyError(client, "{\"v\":1,\"id\":7,\"cmd\":3}\n"),
              s("'cmd' must be the name of a command"));
    EXPECT_EQ(onlyError(client, "{\"v\":1,\"id\":7,\"cmd\":\"frobnicate\"}\n"),
              s("unknown command 'frobnicate'"));
    EXPECT_EQ(onlyError(client, "{\"v\":1,\"id\":7,\"cmd\":\"show\",\"job\":\"x\"}\n"),
              s("'job' must be a job id"));
    EXPECT_EQ(onlyError(client, "{\"v\":1,\"id\":7,\"cmd\":\"add\",\"spec\":{\"kind\":1}}\n"),
              s("'kind' must be the name of a job kind"));
    EXPECT_TRUE(onlyError(client, "\n").startsWith(s("malformed message: ")));

    // The error echoes the request's id when it has a usable one, else null.
    const QList<QJsonObject> replies = sendThenHello(client, "{\"v\":9,\"id\":12}\n[]\n");
    ASSERT_EQ(replies.size(), 2);
    EXPECT_EQ(replies[0].value(s("id")).toInt(), 12);
    EXPECT_TRUE(replies[1].value(s("id")).isNull());
    EXPECT_TRUE(replies[1].contains(s("id")));
    EXPECT_TRUE(client.unparsable.isEmpty());
}

TEST_F(InstanceServerRobustness, LinesSplitAcrossWritesAndSeveralInOneWriteAreEachAnswered) {
    TestClient &client = connectClient();
    client.sendRaw("{\"v\":1,\"id\":1,");
    settle();
    client.sendRaw("\"cmd\":\"hello\"}\n{\"v\":1,\"id\":2,\"cmd\":\"list\"}\n{\"v\":1,\"id\":3,");
    client.sendRaw("\"cmd\":\"hello\"}\n");
    for (qint64 id : {1, 2, 3})
        EXPECT_TRUE(waitForReply(client, id).value(s("ok")).toBool()) << id;
}

TEST_F(InstanceServerRobustness, AnOversizedLineIsRefusedAndThatConnectionClosed) {
    TestClient &big = connectClient();
    TestClient &other = connectClient();
    QByteArray huge = "{\"v\":1,\"id\":1,\"cmd\":\"hello\",\"pad\":\"";
    huge += QByteArray(InstanceProtocol::maxLineBytes, 'x');
    huge += "\"}\n";
    big.sendRaw(huge);
    ASSERT_TRUE(waitUntil([&] { return big.socket.state() == QLocalSocket::UnconnectedState; }));
    ASSERT_EQ(big.received.size(), 1);
    EXPECT_FALSE(big.received[0].value(s("ok")).toBool());
    EXPECT_EQ(big.received[0].value(s("error")).toString(), s("message too large (over 1 MiB)"));

    // Also without a newline at all: the server does not wait for one forever.
    TestClient &endless = connectClient();
    endless.sendRaw(QByteArray(InstanceProtocol::maxLineBytes + 10, '['));
    ASSERT_TRUE(
        waitUntil([&] { return endless.socket.state() == QLocalSocket::UnconnectedState; }));
    ASSERT_EQ(endless.received.size(), 1);
    EXPECT_EQ(endless.received[0].value(s("error")).toString(),
              s("message too large (over 1 MiB)"));

    // A line of exactly the limit is fine.
    TestClient &limit = connectClient();
    QByteArray exact = "{\"v\":1,\"id\":5,\"cmd\":\"hello\",\"pad\":\"";
    exact += QByteArray(InstanceProtocol::maxLineBytes - exact.size() - 2, 'y') + "\"}";
    ASSERT_EQ(exact.size(), InstanceProtocol::maxLineBytes);
    limit.sendRaw(exact + '\n');
    EXPECT_TRUE(waitForReply(limit, 5).value(s("ok")).toBool());

    EXPECT_TRUE(request(other, s("hello")).value(s("ok")).toBool());
    TestClient &fresh = connectClient();
    EXPECT_TRUE(request(fresh, s("hello")).value(s("ok")).toBool());
}

TEST_F(InstanceServerRobustness, ManyClientsAtOnceEachGetTheirOwnReplies) {
    std::vector<TestClient *> many;
    for (int i = 0; i < 20; ++i)
        many.push_back(&connectClient());
    std::vector<qint64> ids;
    for (TestClient *client : many) {
        client->lastId = 100;
        ids.push_back(
            client->sendCommand(s("add"), {{s("spec"), QJsonObject{{s("kind"), s("instant")}}}}));
    }
    for (std::size_t i = 0; i < many.size(); ++i) {
        const QJsonObject reply = waitForReply(*many[i], ids[i]);
        EXPECT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
        EXPECT_EQ(many[i]->received.size(), 1);
    }
    EXPECT_EQ(queue.count(), 20);
}

TEST_F(InstanceServerRobustness, GarbageNeverStopsTheServerFromAnsweringHello) {
    // TASKDECK_FUZZ_SEED=N replays a failed run.
    const quint32 seed = qEnvironmentVariableIsSet("TASKDECK_FUZZ_SEED")
                             ? quint32(qEnvironmentVariableIntValue("TASKDECK_FUZZ_SEED"))
                             : QRandomGenerator::global()->generate();
    std::cout << "fuzz seed: " << seed << std::endl;
    SCOPED_TRACE(testing::Message() << "fuzz seed " << seed);
    QRandomGenerator random(seed);
    const QList<QByteArray> fragments{"{",
                                      "}",
                                      "[",
                                      "]",
                                      "\"",
                                      ":",
                                      ",",
                                      "\\",
                                      "\\u0000",
                                      "\\ud800",
                                      "null",
                                      "true",
                                      "false",
                                      "\"v\"",
                                      "\"id\"",
                                      "\"cmd\"",
                                      "\"v\":1",
                                      "\"id\":",
                                      "1e999",
                                      "-0",
                                      "1.5",
                                      "123456789012345678901234567890",
                                      "\"hello\"",
                                      "\"list\"",
                                      "\"show\"",
                                      "\"log\"",
                                      "\"wait\"",
                                      "\"cancel\"",
                                      "\"jobs\"",
                                      "\"job\"",
                                      "\"spec\"",
                                      "\"kind\"",
                                      "\"params\"",
                                      "\"follow\"",
                                      "\"lines\"",
                                      "\"after\"",
                                      "\"not_before\"",
                                      "\"priority\"",
                                      QByteArray("\0", 1),
                                      "\xff\xfe",
                                      "\xc3\x28",
                                      "\xe2\x82",
                                      "\xf0\x9f\x92\xa9",
                                      " ",
                                      "\t",
                                      "\r",
                                      "\"\xc0\xaf\""};
    const auto randomBytes = [&] {
        QByteArray bytes;
        const int length = random.bounded(4096);
        while (bytes.size() < length) {
            switch (random.bounded(4)) {
            case 0: // raw random bytes
                for (int i = random.bounded(1, 32); i > 0; --i)
                    bytes.append(char(random.bounded(256)));
                break;
            case 1: // deep nesting
                bytes.append(QByteArray(random.bounded(1, 2000), random.bounded(2) ? '[' : '{'));
                break;
            case 2: // a plausible request, often broken
                bytes.append("{\"v\":1,\"id\":");
                bytes.append(QByteArray::number(random.bounded(1000)));
                bytes.append(",\"cmd\":");
                bytes.append(fragments[random.bounded(fragments.size())]);
                break;
            default:
                bytes.append(fragments[random.bounded(fragments.size())]);
            }
        }
        return bytes;
    };

    TestClient *client = &connectClient();
    for (int sample = 0; sample < 2000; ++sample) {
        // A fresh connection now and then; a closed one (after "shutdown" by
        // chance, say) is replaced too.
        if (sample % 50 == 0 || client->socket.state() != QLocalSocket::ConnectedState) {
            clients.clear();
            client = &connectClient();
        }
        const QByteArray bytes = randomBytes();
        client->sendRaw(bytes + '\n');
        client->lastId += 1000000; // never the id of a garbage request
        const qint64 hello = client->sendCommand(s("hello"));
        const bool answered =
            waitForClient(*client, [&] { return client->replyTo(hello).has_value(); });
        ASSERT_TRUE(answered) << "sample " << sample << ": "
                              << bytes.toBase64().left(400).toStdString();
        ASSERT_TRUE(client->replyTo(hello)->value(s("ok")).toBool());
        ASSERT_TRUE(client->unparsable.isEmpty());
        client->received.clear();
    }
    clients.clear();
    fakes.gate->openAll();
}

TEST_F(InstanceServerRobustness, OnlyTheUserCanOpenTheSocket) {
    const QFileInfo socket(server->socketPath());
    ASSERT_TRUE(socket.exists()) << server->socketPath().toStdString();
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                      QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    EXPECT_EQ(socket.permissions() & others, QFile::Permissions())
        << std::hex << int(socket.permissions());
    EXPECT_TRUE(socket.permissions() & QFile::WriteOwner);
}

TEST_F(InstanceServerRobustness, ListeningReplacesAStaleSocketFile) {
    // A kill -9 leaves the socket file; the next instance (holding the lock) takes its place.
    QTemporaryDir other;
    const QString name = InstancePaths::socketName(other.path());
    {
        // Bound, then closed without unlinking: what a killed instance leaves.
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strcpy(address.sun_path, QFile::encodeName(name).constData());
        ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        ::close(fd);
    }
    ASSERT_TRUE(QFileInfo::exists(name));
    InstanceServer second(&queue, nullptr);
    const Status listening = second.listen(name);
    ASSERT_TRUE(listening.ok()) << listening.error().toStdString();
    TestClient client(name);
    const qint64 id = client.sendCommand(s("hello"));
    EXPECT_TRUE(waitForReply(client, id).value(s("ok")).toBool());
}

TEST_F(InstanceServerRobustness, AFileThatIsNotASocketIsNeverDeletedToListen) {
    QTemporaryDir other;
    const QString name = InstancePaths::socketName(other.path());
    QFile file(name);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("keep me");
    file.close();
    InstanceServer second(&queue, nullptr);
    const Status listening = second.listen(name);
    ASSERT_FALSE(listening.ok());
    EXPECT_TRUE(listening.error().contains(s("not a socket"))) << listening.error().toStdString();
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), "keep me");
}

TEST_F(InstanceServerRobustness, ListenNamesTheSocketWhenItCannot) {
    InstanceServer other(&queue, nullptr);
    const QString bad = dataDir.path() + s("/no/such/folder/x.sock");
    const Status listening = other.listen(bad);
    ASSERT_FALSE(listening.ok());
    EXPECT_TRUE(listening.error().contains(bad)) << listening.error().toStdString();
}

TEST_F(InstanceServerRobustness, AServerDeletedByItsShutdownHandlerClosesItsClientsCleanly) {
    QTemporaryDir other;
    const QString name = InstancePaths::socketName(other.path());
    auto *headless = new InstanceServer(&queue, nullptr);
    headless->setHeadless(true);
    ASSERT_TRUE(headless->listen(name).ok());
    QObject::connect(headless, &InstanceServer::shutdownRequested, [&] {
        delete headless;
        headless = nullptr;
    });
    TestClient client(name);
    // More requests after the shutdown in the same write: the handler runs from
    // the event loop, not inside the server's reading.
    client.sendRaw(
        "{\"v\":1,\"id\":1,\"cmd\":\"shutdown\"}\n{\"v\":1,\"id\":2,\"cmd\":\"hello\"}\n");
    ASSERT_TRUE(waitForClient(client, [&] { return headless == nullptr; }));
    EXPECT_TRUE(waitForClient(
        client, [&] { return client.socket.state() == QLocalSocket::UnconnectedState; }));
    ASSERT_TRUE(client.replyTo(1).has_value());
    EXPECT_TRUE(client.replyTo(1)->value(QStringLiteral("ok")).toBool());
}
