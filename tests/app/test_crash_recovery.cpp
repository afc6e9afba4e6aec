// The queue survives kill -9: a headless instance is started on one data
// folder, given jobs of every kind through its socket, and killed at random
// moments, round after round. After each kill the database must pass
// integrity_check and no output file under its final name may be partial;
// after each restart every acknowledged job must be there exactly once, in the
// order it was added, and a job once seen finished must still be finished the
// same way, and a command once seen finished never runs again (each command
// counts its runs in a marker file). At the end the restarted instance must
// finish every job. The random seed is printed; TASKDECK_CRASH_SEED replays it.
#include "headlessfixture.h"
#include "instance/instancepaths.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QImage>
#include <QImageReader>
#include <QLocalSocket>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <cstdio>
#include <functional>
#include <map>
#include <set>

namespace {
constexpr int rounds = 20;
constexpr int jobsPerRound = 20;
constexpr int sourceFiles = 4;
constexpr int patienceMs = 120000; // a loaded 2-core machine, ASan

// The instance protocol spoken directly: adds are pipelined, which a client
// process per job could not do, so kills land among unanswered requests.
class ProtocolClient {
public:
    bool connect(const QString &socketName) {
        socket.connectToServer(socketName);
        return socket.waitForConnected(patienceMs);
    }
    int send(const QString &command, QJsonObject arguments = {}) {
        arguments.insert(QStringLiteral("v"), 1);
        arguments.insert(QStringLiteral("id"), ++lastId);
        arguments.insert(QStringLiteral("cmd"), command);
        socket.write(QJsonDocument(arguments).toJson(QJsonDocument::Compact) + '\n');
        socket.flush();
        return lastId;
    }
    using EventHandler = std::function<void(const QJsonObject &)>;
    // The next final reply (events go to onEvent, if given); nullopt when the
    // connection ends.
    std::optional<QJsonObject> nextReply(int timeoutMs = patienceMs,
                                         const EventHandler &onEvent = {}) {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (socket.canReadLine()) {
                const QJsonObject message = QJsonDocument::fromJson(socket.readLine()).object();
                if (message.contains(QStringLiteral("ok")))
                    return message;
                if (onEvent)
                    onEvent(message);
            }
            if (socket.state() != QLocalSocket::ConnectedState || deadline.hasExpired() ||
                !socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
                return std::nullopt;
        }
    }
    std::optional<QJsonObject> request(const QString &command, const QJsonObject &arguments = {},
                                       int timeoutMs = patienceMs,
                                       const EventHandler &onEvent = {}) {
        send(command, arguments);
        return nextReply(timeoutMs, onEvent);
    }

    QLocalSocket socket;
    int lastId = 0;
};

class CrashRecovery : public HeadlessFixture {
protected:
    void SetUp() override {
        HeadlessFixture::SetUp();
        // The test computes the socket's name as the instance does.
        qputenv("XDG_RUNTIME_DIR", environment.value(QStringLiteral("XDG_RUNTIME_DIR")).toUtf8());
        QDir(home.path()).mkpath(QStringLiteral("src/files"));
        QDir(home.path()).mkpath(QStringLiteral("src/photos"));
        QDir(home.path()).mkpath(QStringLiteral("out"));
        for (int i = 0; i < sourceFiles; ++i) {
            QFile file(path(QStringLiteral("src/files/f%1.bin").arg(i)));
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
            QByteArray bytes(256 * 1024, char('a' + i));
            for (int j = 0; j < bytes.size(); j += 4096)
                bytes[j] = char(QRandomGenerator::global()->bounded(256));
            file.write(bytes);
            sources.insert(QStringLiteral("f%1.bin").arg(i), bytes);
            QImage picture(160, 120, QImage::Format_RGB32);
            picture.fill(QColor::fromHsv(i * 60, 200, 200));
            ASSERT_TRUE(picture.save(path(QStringLiteral("src/photos/p%1.png").arg(i)), "png"));
        }
    }

    // The spec of the n-th job: hash, copy, images and command in turn.
    QJsonObject specFor(int n) {
        const QString out = path(QStringLiteral("out"));
        QJsonObject params;
        QString kind;
        switch (n % 4) {
        case 0:
            kind = QStringLiteral("hash");
            params = {{"paths", QJsonArray{path(QStringLiteral("src/files"))}},
                      {"output", QStringLiteral("%1/hash-%2.sha256").arg(out).arg(n)}};
            break;
        case 1:
            kind = QStringLiteral("copy");
            QDir(out).mkpath(QStringLiteral("copy-%1").arg(n));
            params = {{"sources", QJsonArray{path(QStringLiteral("src/files"))}},
                      {"destination", QStringLiteral("%1/copy-%2").arg(out).arg(n)},
                      {"verify", true}};
            break;
        case 2:
            kind = QStringLiteral("images");
            params = {{"paths", QJsonArray{path(QStringLiteral("src/photos"))}},
                      {"output", QStringLiteral("%1/img-%2").arg(out).arg(n)},
                      {"max_width", 80},
                      {"format", QStringLiteral("png")}};
            break;
        default:
            kind = QStringLiteral("command");
            // Counts its own runs: a command must never run twice unasked.
            params = {{"program", QStringLiteral("sh")},
                      {"arguments", QJsonArray{QStringLiteral("-c"),
                                               QStringLiteral("echo run >> \"$1\"; echo job"),
                                               QStringLiteral("sh"), runsFile(n)}}};
            break;
        }
        kinds[n] = kind;
        return {{"kind", kind}, {"params", params}, {"title", QStringLiteral("job %1").arg(n)}};
    }

    QString socketName() const { return InstancePaths::socketName(dataDir); }

    QString runsFile(int n) const { return path(QStringLiteral("out/command-%1.runs").arg(n)); }
    // How many times the n-th job's command has started.
    int runsOf(int n) const {
        QFile file(runsFile(n));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return int(file.readAll().count('\n'));
    }

    bool connectTo(ProtocolClient &client, QProcess *instance) {
        if (!instance->waitForStarted(patienceMs))
            return false;
        return QTest::qWaitFor(
                   [&] {
                       if (instance->state() != QProcess::Running)
                           return true;
                       ProtocolClient probe;
                       return probe.connect(socketName()) &&
                              probe.request(QStringLiteral("hello"), {}, 5000).has_value();
                   },
                   timeoutMs) &&
               instance->state() == QProcess::Running && client.connect(socketName());
    }

    // Every job "list" streams in its "jobs" events.
    QJsonArray listJobs(ProtocolClient &client) {
        QJsonArray jobs;
        const auto reply =
            client.request(QStringLiteral("list"), {}, patienceMs, [&](const QJsonObject &event) {
                for (const QJsonValue &job : event.value(QStringLiteral("jobs")).toArray())
                    jobs.append(job);
            });
        EXPECT_TRUE(reply && reply->value(QStringLiteral("ok")).toBool());
        return jobs;
    }

    // The database as the killed instance left it.
    void expectDatabaseIntact(int round) {
        const QString connection = QStringLiteral("crash-check-%1").arg(round);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(dataDir + QStringLiteral("/taskdeck.db"));
            ASSERT_TRUE(db.open());
            QSqlQuery query(db);
            ASSERT_TRUE(query.exec(QStringLiteral("PRAGMA integrity_check")));
            ASSERT_TRUE(query.next());
            EXPECT_EQ(query.value(0).toString(), QStringLiteral("ok")) << "round " << round;
        }
        QSqlDatabase::removeDatabase(connection);
    }

    // Every output file under its final name is whole (temporary names may be partial).
    void expectNoPartialOutputs(bool requireComplete = false, const std::set<int> &succeeded = {}) {
        for (const auto &[n, kind] : kinds) {
            const QString out = path(QStringLiteral("out"));
            const bool complete = requireComplete && succeeded.count(n);
            if (kind == QLatin1String("hash")) {
                QFile manifest(QStringLiteral("%1/hash-%2.sha256").arg(out).arg(n));
                if (!manifest.exists()) {
                    EXPECT_FALSE(complete) << "job " << n << " has no manifest";
                    continue;
                }
                ASSERT_TRUE(manifest.open(QIODevice::ReadOnly));
                const QList<QByteArray> lines = manifest.readAll().trimmed().split('\n');
                EXPECT_EQ(lines.size(), sourceFiles) << manifest.fileName().toStdString();
                for (const QByteArray &line : lines) {
                    const QString name = QFileInfo(QString::fromUtf8(line.mid(66))).fileName();
                    EXPECT_EQ(line.left(64), QCryptographicHash::hash(sources.value(name),
                                                                      QCryptographicHash::Sha256)
                                                 .toHex())
                        << line.toStdString();
                }
            } else if (kind == QLatin1String("copy")) {
                for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
                    QFile copy(QStringLiteral("%1/copy-%2/files/%3").arg(out).arg(n).arg(it.key()));
                    if (!copy.exists()) {
                        EXPECT_FALSE(complete) << copy.fileName().toStdString() << " missing";
                        continue;
                    }
                    ASSERT_TRUE(copy.open(QIODevice::ReadOnly));
                    EXPECT_TRUE(copy.readAll() == it.value())
                        << copy.fileName().toStdString() << " is partial";
                }
            } else if (kind == QLatin1String("images")) {
                for (int i = 0; i < sourceFiles; ++i) {
                    const QString image =
                        QStringLiteral("%1/img-%2/p%3.png").arg(out).arg(n).arg(i);
                    if (!QFile::exists(image)) {
                        EXPECT_FALSE(complete) << image.toStdString() << " missing";
                        continue;
                    }
                    QImageReader reader(image);
                    const QImage read = reader.read();
                    EXPECT_EQ(read.size(), QSize(80, 60))
                        << image.toStdString() << ": " << reader.errorString().toStdString();
                }
            }
        }
    }

    QHash<QString, QByteArray> sources;
    std::map<int, QString> kinds; // job number (n) -> kind
};
} // namespace

TEST_F(CrashRecovery, EveryAcknowledgedJobSurvivesKillNineInOrderAndNothingIsHalfWritten) {
    const quint32 seed = qEnvironmentVariableIsSet("TASKDECK_CRASH_SEED")
                             ? qEnvironmentVariable("TASKDECK_CRASH_SEED").toUInt()
                             : QRandomGenerator::global()->generate();
    std::printf("seed %u (TASKDECK_CRASH_SEED=%u replays this run)\n", seed, seed);
    std::fflush(stdout);
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    QRandomGenerator random(seed);

    std::vector<qint64> acknowledged;       // job ids, in the order they were added
    std::map<qint64, int> numberOf;         // job id -> n (its spec)
    std::map<qint64, QString> finalState;   // finished jobs as first seen
    std::map<qint64, int> runsWhenFinished; // commands seen finished -> runs then
    int next = 0;
    int killsWhileRunning = 0;
    for (int round = 0; round < rounds; ++round) {
        SCOPED_TRACE(testing::Message() << "round " << round);
        QProcess *instance = launchInstance();
        ProtocolClient client;
        ASSERT_TRUE(connectTo(client, instance)) << instance->readAllStandardError().toStdString();

        // What the restart brought back.
        const QJsonArray jobs = listJobs(client);
        std::vector<qint64> listed;
        std::map<qint64, QString> stateOf;
        for (const QJsonValue &value : jobs) {
            const QJsonObject job = value.toObject();
            const qint64 id = job.value(QStringLiteral("id")).toInteger();
            listed.push_back(id);
            stateOf[id] = job.value(QStringLiteral("state")).toString();
        }
        ASSERT_TRUE(std::is_sorted(listed.begin(), listed.end()) &&
                    std::adjacent_find(listed.begin(), listed.end()) == listed.end())
            << "jobs lost their order or appear twice";
        for (qint64 id : acknowledged)
            ASSERT_TRUE(stateOf.count(id)) << "acknowledged job " << id << " is gone";
        for (const auto &[id, state] : finalState)
            EXPECT_EQ(stateOf[id], state) << "finished job " << id << " changed";
        for (const auto &[id, state] : stateOf) {
            if (state == QLatin1String("succeeded") || state == QLatin1String("failed") ||
                state == QLatin1String("canceled"))
                finalState.emplace(id, state);
        }
        for (const auto &[id, state] : finalState) {
            if (!numberOf.count(id) || kinds[numberOf[id]] != QLatin1String("command"))
                continue;
            const int runs = runsOf(numberOf[id]);
            const auto seen = runsWhenFinished.emplace(id, runs).first;
            EXPECT_EQ(runs, seen->second) << "command job " << id << " ran again after it was "
                                          << "seen " << state.toStdString();
            EXPECT_EQ(runs, 1) << "command job " << id << " seen " << state.toStdString();
        }

        // New jobs, pipelined; the kill lands after a random number of answers,
        // sometimes only once jobs run (so it hits running jobs and their writes).
        std::map<int, int> numberOfRequest;
        for (int i = 0; i < jobsPerRound; ++i) {
            const int n = next++;
            numberOfRequest[client.send(QStringLiteral("add"), {{"spec", specFor(n)}})] = n;
        }
        const int answersBeforeKill = int(random.bounded(jobsPerRound + 1));
        for (int answered = 0; answered < answersBeforeKill; ++answered) {
            const auto reply = client.nextReply();
            ASSERT_TRUE(reply.has_value());
            ASSERT_TRUE(reply->value(QStringLiteral("ok")).toBool())
                << reply->value(QStringLiteral("error")).toString().toStdString();
            const qint64 id = reply->value(QStringLiteral("job"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
            acknowledged.push_back(id);
            numberOf[id] = numberOfRequest[reply->value(QStringLiteral("id")).toInt()];
        }
        if (random.bounded(2) == 0) {
            ProtocolClient watcher;
            ASSERT_TRUE(watcher.connect(socketName()));
            killsWhileRunning += QTest::qWaitFor(
                [&] {
                    for (const QJsonValue &value : listJobs(watcher)) {
                        if (value.toObject().value(QStringLiteral("state")).toString() ==
                            QLatin1String("running"))
                            return true;
                    }
                    return false;
                },
                10000);
        }
        instance->kill(); // SIGKILL: no clean-up of any kind
        ASSERT_TRUE(instance->waitForFinished(timeoutMs));

        expectDatabaseIntact(round);
        expectNoPartialOutputs();
    }

    // The last life finishes everything.
    QProcess *instance = launchInstance();
    ProtocolClient client;
    ASSERT_TRUE(connectTo(client, instance));
    QJsonArray ids;
    for (qint64 id : acknowledged)
        ids.append(id);
    // Commands a kill interrupted stay interrupted (running one twice may not be
    // safe): retry them, as a person would, so that every job can finish.
    int interrupted = 0;
    std::set<qint64> retried;
    for (const QJsonValue &value : listJobs(client)) {
        const QJsonObject job = value.toObject();
        if (job.value(QStringLiteral("state")).toString() == QLatin1String("interrupted")) {
            ++interrupted;
            retried.insert(job.value(QStringLiteral("id")).toInteger());
            EXPECT_EQ(job.value(QStringLiteral("kind")).toString(), QStringLiteral("command"))
                << "a resumable job stayed interrupted: "
                << job.value(QStringLiteral("title")).toString().toStdString();
            client.request(QStringLiteral("retry"), {{"jobs", QJsonArray{job.value("id")}}});
        }
    }
    const auto waited = client.request(QStringLiteral("wait"), {{"jobs", ids}}, 10 * timeoutMs);
    ASSERT_TRUE(waited && waited->value(QStringLiteral("ok")).toBool());
    std::set<int> succeeded;
    for (const QJsonValue &value : waited->value(QStringLiteral("jobs")).toArray()) {
        const QJsonObject job = value.toObject();
        const qint64 id = job.value(QStringLiteral("id")).toInteger();
        EXPECT_EQ(job.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"))
            << "job " << id << ": " << job.value(QStringLiteral("error")).toString().toStdString();
        succeeded.insert(numberOf[id]);
        if (kinds[numberOf[id]] == QLatin1String("command")) {
            // Once, or twice when a kill interrupted it and it was retried here.
            const int runs = runsOf(numberOf[id]);
            EXPECT_GE(runs, 1) << "command job " << id;
            EXPECT_LE(runs, retried.count(id) ? 2 : 1)
                << "command job " << id << " ran " << runs << " times";
        }
    }
    expectNoPartialOutputs(true, succeeded);
    // Every temporary file a killed run left was deleted when its job came back.
    QStringList leftovers;
    QDirIterator files(path(QStringLiteral("out")), QDir::Files | QDir::Hidden | QDir::System,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        if (file.contains(QStringLiteral(".taskdeck-")))
            leftovers.append(file);
    }
    EXPECT_TRUE(leftovers.isEmpty()) << leftovers.join(QLatin1Char('\n')).toStdString();
    EXPECT_GE(acknowledged.size(), size_t(rounds)); // the kills did not starve the test
    std::printf("%d kills (%d while jobs ran); %zu jobs acknowledged of %d sent; %d interrupted "
                "commands retried; all %zu succeeded\n",
                rounds, killsWhileRunning, acknowledged.size(), next, interrupted,
                succeeded.size());
}

TEST_F(CrashRecovery, ACommandOutlivesNoKillNineOfItsInstanceAndComesBackInterrupted) {
    QProcess *instance = launchInstance();
    ProtocolClient client;
    ASSERT_TRUE(connectTo(client, instance));
    // Each prints the pid of a process that left its session, then runs on.
    const auto addCommand = [&](const QString &name) {
        const QString script =
            QStringLiteral("setsid sleep 1000 & echo $! > %1.pid; echo $$ >> %1.runs; sleep 1000")
                .arg(path(name));
        const auto reply = client.request(
            QStringLiteral("add"),
            {{"spec",
              QJsonObject{{"kind", QStringLiteral("command")},
                          {"params", QJsonObject{{"program", QStringLiteral("sh")},
                                                 {"arguments",
                                                  QJsonArray{QStringLiteral("-c"), script}}}}}}});
        EXPECT_TRUE(reply && reply->value(QStringLiteral("ok")).toBool());
        return reply ? reply->value(QStringLiteral("job")).toObject().value("id").toInteger() : 0;
    };
    const qint64 running = addCommand(QStringLiteral("running"));
    const qint64 paused = addCommand(QStringLiteral("paused"));
    const auto pidIn = [&](const QString &name) {
        QFile file(path(name + QStringLiteral(".pid")));
        return file.open(QIODevice::ReadOnly) ? qint64(file.readAll().trimmed().toLongLong()) : 0;
    };
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return pidIn(QStringLiteral("running")) > 0 && pidIn(QStringLiteral("paused")) > 0; },
        timeoutMs));
    ASSERT_TRUE(client.request(QStringLiteral("pause"), {{"jobs", QJsonArray{paused}}})
                    ->value(QStringLiteral("ok"))
                    .toBool());
    const qint64 escapedRunning = pidIn(QStringLiteral("running"));
    const qint64 escapedPaused = pidIn(QStringLiteral("paused"));
    const auto gone = [](qint64 pid) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray text = stat.readAll();
        return text.mid(text.lastIndexOf(')') + 2, 1) == "Z";
    };
    ASSERT_FALSE(gone(escapedRunning));

    instance->kill();
    ASSERT_TRUE(instance->waitForFinished(timeoutMs));
    // Nothing either job started runs on, the stopped one included.
    EXPECT_TRUE(
        QTest::qWaitFor([&] { return gone(escapedRunning) && gone(escapedPaused); }, 30000));

    QProcess *next = launchInstance();
    ProtocolClient again;
    ASSERT_TRUE(connectTo(again, next));
    QHash<qint64, QString> states;
    for (const QJsonValue &value : listJobs(again))
        states.insert(value.toObject().value("id").toInteger(),
                      value.toObject().value("state").toString());
    EXPECT_EQ(states.value(running), QStringLiteral("interrupted"));
    EXPECT_EQ(states.value(paused), QStringLiteral("interrupted"));
    // Nothing started a second copy meanwhile.
    QFile runs(path(QStringLiteral("running.runs")));
    ASSERT_TRUE(runs.open(QIODevice::ReadOnly));
    EXPECT_EQ(runs.readAll().count('\n'), 1);
}
