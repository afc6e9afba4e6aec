// The shell client end to end: a headless instance as a child process, the
// client commands as a script would run them.
#include "headlessfixture.h"

namespace {
QStringList commandJob(const QString &script) {
    return {QStringLiteral("command"), QStringLiteral("--"), QStringLiteral("sh"),
            QStringLiteral("-c"), script};
}

QJsonDocument parse(const QByteArray &bytes) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError)
        << error.errorString().toStdString() << ": " << bytes.toStdString();
    return document;
}

QList<qint64> idsInOrder(const QJsonArray &jobs) {
    QList<qint64> ids;
    for (const QJsonValue &job : jobs)
        ids.append(job.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}
} // namespace

class ClientCommands : public HeadlessFixture {
protected:
    void SetUp() override {
        HeadlessFixture::SetUp();
        QDir(home.path()).mkpath(QStringLiteral("files/sub"));
        QDir(home.path()).mkpath(QStringLiteral("dest"));
        QFile file(path(QStringLiteral("files/sub/a.txt")));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("some bytes\n");
        file.close();
        startInstance();
    }
};

TEST_F(ClientCommands, AddedJobsAreListedInOrderWithTheirFields) {
    const qint64 hash = add({QStringLiteral("hash"), QStringLiteral("--not-before"), farFuture,
                             QStringLiteral("files")}); // relative: against the client's cwd
    const qint64 copy = add({QStringLiteral("copy"), QStringLiteral("--not-before"), farFuture,
                             QStringLiteral("--priority"), QStringLiteral("high"),
                             QStringLiteral("--title"), QStringLiteral("Back up"),
                             path(QStringLiteral("files")), path(QStringLiteral("dest"))});
    const qint64 command =
        add({QStringLiteral("command"), QStringLiteral("--not-before"), farFuture,
             QStringLiteral("--group"), QStringLiteral("night"), QStringLiteral("--after"),
             QString::number(hash), QStringLiteral("--"), QStringLiteral("echo"),
             QStringLiteral("hi")});
    const QJsonArray jobs = list();
    ASSERT_EQ(jobs.size(), 3);
    // The high-priority copy may sort first; positions follow queue order.
    for (int i = 0; i < jobs.size(); ++i) {
        const QJsonObject job = jobs.at(i).toObject();
        for (const char *key :
             {"id", "kind", "title", "state", "position", "priority", "progress", "error"})
            EXPECT_TRUE(job.contains(QLatin1String(key))) << key;
        EXPECT_EQ(job.value(QStringLiteral("position")).toInt(), i);
        EXPECT_EQ(job.value(QStringLiteral("state")).toString(), QStringLiteral("waiting"));
        EXPECT_EQ(job.value(QStringLiteral("progress")).toDouble(), 0.0);
        EXPECT_EQ(job.value(QStringLiteral("error")).toString(), QString());
    }
    const QJsonObject hashJob = job(hash);
    EXPECT_EQ(hashJob.value(QStringLiteral("kind")).toString(), QStringLiteral("hash"));
    EXPECT_EQ(hashJob.value(QStringLiteral("priority")).toString(), QStringLiteral("normal"));
    // A relative path is relative to the client's folder, not the instance's.
    EXPECT_EQ(hashJob.value(QStringLiteral("params"))
                  .toObject()
                  .value(QStringLiteral("base_dir"))
                  .toString(),
              home.path());
    const QJsonObject copyJob = job(copy);
    EXPECT_EQ(copyJob.value(QStringLiteral("kind")).toString(), QStringLiteral("copy"));
    EXPECT_EQ(copyJob.value(QStringLiteral("title")).toString(), QStringLiteral("Back up"));
    EXPECT_EQ(copyJob.value(QStringLiteral("priority")).toString(), QStringLiteral("high"));
    const QJsonObject commandJobObject = job(command);
    EXPECT_EQ(commandJobObject.value(QStringLiteral("group")).toString(), QStringLiteral("night"));
    EXPECT_EQ(commandJobObject.value(QStringLiteral("after")).toArray(), QJsonArray{hash});

    const CliOutcome table = client({QStringLiteral("list")});
    EXPECT_EQ(table.exitCode, 0);
    EXPECT_TRUE(table.out.contains("Back up")) << table.out.toStdString();
    EXPECT_TRUE(table.out.contains("waiting")) << table.out.toStdString();
}

TEST_F(ClientCommands, AddRefusesBadArgumentsWithExitTwo) {
    struct Case {
        QStringList arguments;
        const char *mentions;
    };
    const QList<Case> cases{
        {{QStringLiteral("add"), QStringLiteral("teleport")}, "teleport"},
        {{QStringLiteral("add"), QStringLiteral("hash"), QStringLiteral("--priority"),
          QStringLiteral("urgent"), QStringLiteral("files")},
         "urgent"},
        {{QStringLiteral("add"), QStringLiteral("hash"), QStringLiteral("--after"),
          QStringLiteral("x1"), QStringLiteral("files")},
         "x1"},
        {{QStringLiteral("add"), QStringLiteral("hash"), QStringLiteral("--not-before"),
          QStringLiteral("soonish"), QStringLiteral("files")},
         "soonish"},
        {{QStringLiteral("add"), QStringLiteral("hash"), QStringLiteral("--frobnicate")},
         "frobnicate"},
        {{QStringLiteral("add"), QStringLiteral("hash"), QStringLiteral("--ignore-missing"),
          QStringLiteral("files")},
         "the --ignore-missing option is meaningful only when verifying checksums"},
        {{QStringLiteral("show"), QStringLiteral("abc")}, "abc"},
        {{QStringLiteral("move"), QStringLiteral("1"), QStringLiteral("sideways")}, "sideways"},
        {{QStringLiteral("log"), QStringLiteral("1"), QStringLiteral("--lines"),
          QStringLiteral("-4")},
         "-4"},
    };
    for (const Case &c : cases) {
        const CliOutcome result = client(c.arguments);
        EXPECT_EQ(result.exitCode, 2) << c.arguments.join(' ').toStdString();
        EXPECT_TRUE(result.err.startsWith("taskdeck: ")) << result.err.toStdString();
        EXPECT_TRUE(result.err.contains(c.mentions)) << result.err.toStdString();
    }
    EXPECT_TRUE(list().isEmpty());
}

TEST_F(ClientCommands, AddRefusesAJobThatRunWouldRefuseWithTheSameMessageAndExitTwo) {
    // Checked as `run` checks them: in the shell, before anything is queued.
    const QList<QStringList> jobs{
        {QStringLiteral("hash"), path(QStringLiteral("no-such-folder"))},
        {QStringLiteral("hash"), QStringLiteral("--output"),
         path(QStringLiteral("files/sub/a.txt")), path(QStringLiteral("files"))},
        {QStringLiteral("copy"), path(QStringLiteral("no-such-folder")),
         path(QStringLiteral("dest"))},
    };
    for (const QStringList &job : jobs) {
        const CliOutcome ran = run(QStringList{QStringLiteral("run")} + job);
        const CliOutcome added = client(QStringList{QStringLiteral("add")} + job);
        EXPECT_EQ(ran.exitCode, 2) << job.join(' ').toStdString();
        EXPECT_EQ(added.exitCode, 2) << added.err.toStdString();
        const QByteArray reason = ran.err.split('\n').value(0).mid(int(qstrlen("taskdeck: ")));
        EXPECT_FALSE(reason.isEmpty()) << ran.err.toStdString();
        EXPECT_TRUE(added.err.contains(reason))
            << "run said: " << ran.err.toStdString() << "add said: " << added.err.toStdString();
    }
    EXPECT_TRUE(list().isEmpty());
}

// `add hash` reads its parameters as `run hash` does: sha256sum's options too.
TEST_F(ClientCommands, AddHashTakesTheVerifyOptionsOfSha256sum) {
    QFile manifest(path(QStringLiteral("files/SUMS")));
    ASSERT_TRUE(manifest.open(QIODevice::WriteOnly));
    manifest.write(QByteArray(64, 'a') + "  sub/a.txt\n");
    manifest.close();
    const qint64 id = add({QStringLiteral("hash"), QStringLiteral("--not-before"), farFuture,
                           QStringLiteral("--strict"), QStringLiteral("--status"),
                           QStringLiteral("-w"), QStringLiteral("--ignore-missing"),
                           QStringLiteral("--verify"), QStringLiteral("files/SUMS")});
    const QJsonObject params = job(id).value(QStringLiteral("params")).toObject();
    EXPECT_EQ(params.value(QStringLiteral("verify")).toString(),
              path(QStringLiteral("files/SUMS")));
    EXPECT_EQ(params.value(QStringLiteral("strict")), QJsonValue(true));
    EXPECT_EQ(params.value(QStringLiteral("ignore_missing")), QJsonValue(true));
    // The last of --quiet, --status and --warn wins, as in coreutils.
    EXPECT_EQ(params.value(QStringLiteral("warn")), QJsonValue(true));
    EXPECT_FALSE(params.contains(QStringLiteral("status")));
    EXPECT_FALSE(params.contains(QStringLiteral("quiet")));
}

TEST_F(ClientCommands, ShowWaitAndLogOfACommandThatEchoes) {
    const qint64 id = add(commandJob(QStringLiteral("echo first line; echo second line")));
    const CliOutcome waited = client({QStringLiteral("wait"), QString::number(id)});
    EXPECT_EQ(waited.exitCode, 0) << waited.err.toStdString();
    EXPECT_TRUE(waited.out.contains("succeeded")) << waited.out.toStdString();

    const CliOutcome log = client({QStringLiteral("log"), QString::number(id)});
    EXPECT_EQ(log.exitCode, 0) << log.err.toStdString();
    EXPECT_TRUE(log.out.contains("first line")) << log.out.toStdString();
    EXPECT_LT(log.out.indexOf("first line"), log.out.indexOf("second line"));

    const CliOutcome shown = client({QStringLiteral("show"), QString::number(id)});
    EXPECT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    EXPECT_TRUE(shown.out.contains("succeeded")) << shown.out.toStdString();
    const QJsonObject job =
        parse(client({QStringLiteral("show"), QString::number(id), QStringLiteral("--json")}).out)
            .object();
    EXPECT_EQ(job.value(QStringLiteral("id")).toInteger(), id);
    EXPECT_EQ(job.value(QStringLiteral("kind")).toString(), QStringLiteral("command"));
    EXPECT_EQ(job.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
    EXPECT_EQ(job.value(QStringLiteral("progress")).toDouble(), 1.0);

    const CliOutcome unknown = client({QStringLiteral("show"), QStringLiteral("4242")});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(unknown.err.contains("4242")) << unknown.err.toStdString();
}

TEST_F(ClientCommands, LogFollowPrintsLinesAsTheyComeAndEndsWithTheJob) {
    // The job logs, then waits for a file the test creates once the first
    // line has reached the follower, then logs again.
    const qint64 id = add(
        commandJob(QStringLiteral("echo before; while [ ! -e %1 ]; do sleep 0.05; done; echo after")
                       .arg(path(QStringLiteral("go")))));
    QProcess follow;
    follow.setProcessEnvironment(environment);
    follow.start(QStringLiteral(TASKDECK_BINARY),
                 {QStringLiteral("log"), QString::number(id), QStringLiteral("--follow"),
                  QStringLiteral("--data-dir"), dataDir});
    QByteArray out;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            out += follow.readAllStandardOutput();
            return out.contains("before\n") || follow.state() == QProcess::NotRunning;
        },
        timeoutMs));
    ASSERT_EQ(follow.state(), QProcess::Running) << follow.readAllStandardError().toStdString();
    QFile(path(QStringLiteral("go"))).open(QIODevice::WriteOnly);
    ASSERT_TRUE(follow.waitForFinished(timeoutMs));
    out += follow.readAllStandardOutput();
    EXPECT_EQ(follow.exitCode(), 0) << follow.readAllStandardError().toStdString();
    EXPECT_EQ(out.count("before\n"), 1) << out.toStdString();
    EXPECT_EQ(out.count("after\n"), 1) << out.toStdString();

    const qint64 failing = add(commandJob(QStringLiteral("echo broken; exit 3")));
    const CliOutcome failed =
        client({QStringLiteral("log"), QString::number(failing), QStringLiteral("--follow")});
    EXPECT_EQ(failed.exitCode, 1);
    EXPECT_TRUE(failed.out.contains("broken")) << failed.out.toStdString();
    EXPECT_TRUE(failed.err.contains("failed")) << failed.err.toStdString();
}

TEST_F(ClientCommands, ActionsOnAnUnknownJobExitOneNamingIt) {
    const qint64 id = add({QStringLiteral("hash"), QStringLiteral("--not-before"), farFuture,
                           QStringLiteral("files")});
    for (const char *action : {"cancel", "pause", "resume", "retry", "remove"}) {
        const CliOutcome result = client({QLatin1String(action), QString::number(id + 1000)});
        EXPECT_EQ(result.exitCode, 1) << action;
        EXPECT_TRUE(result.err.contains(QByteArray::number(id + 1000))) << result.err.toStdString();
        EXPECT_TRUE(result.err.startsWith("taskdeck: ")) << result.err.toStdString();
    }
    for (const char *command : {"wait", "log", "show"}) {
        const CliOutcome result = client({QLatin1String(command), QString::number(id + 1000)});
        EXPECT_EQ(result.exitCode, 1) << command;
        EXPECT_TRUE(result.err.contains(QByteArray::number(id + 1000))) << result.err.toStdString();
    }
    EXPECT_EQ(list().size(), 1);
}

TEST_F(ClientCommands, PauseResumeCancelRetryRemoveAJob) {
    const qint64 id = add({QStringLiteral("hash"), QStringLiteral("--not-before"), farFuture,
                           QStringLiteral("files")});
    EXPECT_EQ(client({QStringLiteral("pause"), QString::number(id)}).exitCode, 0);
    EXPECT_TRUE(reachesState(id, QStringLiteral("paused"))) << stateOf(id).toStdString();
    EXPECT_EQ(client({QStringLiteral("resume"), QString::number(id)}).exitCode, 0);
    EXPECT_TRUE(reachesState(id, QStringLiteral("waiting"))) << stateOf(id).toStdString();
    EXPECT_EQ(client({QStringLiteral("cancel"), QString::number(id)}).exitCode, 0);
    EXPECT_TRUE(reachesState(id, QStringLiteral("canceled"))) << stateOf(id).toStdString();
    // Resuming a canceled job does not apply: exit 1, naming the job.
    const CliOutcome refused = client({QStringLiteral("resume"), QString::number(id)});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.err.contains(QByteArray::number(id))) << refused.err.toStdString();
    EXPECT_EQ(client({QStringLiteral("retry"), QString::number(id)}).exitCode, 0);
    EXPECT_TRUE(reachesState(id, QStringLiteral("waiting"))) << stateOf(id).toStdString();
    const CliOutcome removed =
        client({QStringLiteral("remove"), QString::number(id), QStringLiteral("--json")});
    EXPECT_EQ(removed.exitCode, 0) << removed.err.toStdString();
    EXPECT_TRUE(parse(removed.out).object().value(QStringLiteral("ok")).toBool());
    EXPECT_TRUE(list().isEmpty());
}

TEST_F(ClientCommands, MoveReordersTheQueue) {
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids.append(add({QStringLiteral("hash"), QStringLiteral("--not-before"), farFuture,
                        QStringLiteral("files")}));
    EXPECT_EQ(
        client({QStringLiteral("move"), QString::number(ids[2]), QStringLiteral("top")}).exitCode,
        0);
    EXPECT_EQ(idsInOrder(list()), (QList<qint64>{ids[2], ids[0], ids[1]}));
    const CliOutcome down = client({QStringLiteral("move"), QString::number(ids[2]),
                                    QStringLiteral("down"), QStringLiteral("--json")});
    EXPECT_EQ(down.exitCode, 0);
    EXPECT_EQ(parse(down.out).object().value(QStringLiteral("position")).toInt(), 1);
    EXPECT_EQ(client({QStringLiteral("move"), QString::number(ids[0]), QStringLiteral("bottom")})
                  .exitCode,
              0);
    EXPECT_EQ(idsInOrder(list()), (QList<qint64>{ids[2], ids[1], ids[0]}));
}

TEST_F(ClientCommands, PauseAllResumeAllAndDrain) {
    QList<qint64> ids;
    for (int i = 0; i < 2; ++i)
        ids.append(add({QStringLiteral("hash"), QStringLiteral("--not-before"), farFuture,
                        QStringLiteral("files")}));
    EXPECT_EQ(client({QStringLiteral("pause-all")}).exitCode, 0);
    for (const qint64 id : ids)
        EXPECT_TRUE(reachesState(id, QStringLiteral("paused"))) << stateOf(id).toStdString();
    EXPECT_EQ(client({QStringLiteral("resume-all")}).exitCode, 0);
    for (const qint64 id : ids)
        EXPECT_TRUE(reachesState(id, QStringLiteral("waiting"))) << stateOf(id).toStdString();

    EXPECT_EQ(client({QStringLiteral("drain")}).exitCode, 0);
    const qint64 held = add(commandJob(QStringLiteral("echo held")));
    EXPECT_NE(stateOf(held), QStringLiteral("succeeded")); // nothing new starts while draining
    // And it says why (it printed "waiting: -").
    const CliOutcome shown = client({QStringLiteral("show"), QString::number(held)});
    EXPECT_TRUE(shown.out.contains("the queue is draining")) << shown.out.toStdString();
    EXPECT_EQ(client({QStringLiteral("resume-all")}).exitCode, 0);
    EXPECT_EQ(client({QStringLiteral("wait"), QString::number(held)}).exitCode, 0);
}

TEST_F(ClientCommands, WaitExitsZeroOnlyWhenEveryJobSucceeded) {
    const qint64 good = add(commandJob(QStringLiteral("true")));
    const qint64 alsoGood = add(commandJob(QStringLiteral("echo fine")));
    const CliOutcome allGood =
        client({QStringLiteral("wait"), QString::number(good), QString::number(alsoGood)});
    EXPECT_EQ(allGood.exitCode, 0) << allGood.err.toStdString();
    EXPECT_EQ(allGood.out.count("succeeded"), 2) << allGood.out.toStdString();

    const qint64 bad = add(commandJob(QStringLiteral("exit 7")));
    const CliOutcome oneBad = client({QStringLiteral("wait"), QString::number(good),
                                      QString::number(bad), QStringLiteral("--json")});
    EXPECT_EQ(oneBad.exitCode, 1);
    const QJsonArray jobs = parse(oneBad.out).array();
    ASSERT_EQ(jobs.size(), 2);
    EXPECT_EQ(jobs.at(1).toObject().value(QStringLiteral("state")).toString(),
              QStringLiteral("failed"));
    EXPECT_FALSE(jobs.at(1).toObject().value(QStringLiteral("error")).toString().isEmpty());
}

TEST_F(ClientCommands, AddJsonPrintsTheJobObject) {
    const CliOutcome added =
        client({QStringLiteral("add"), QStringLiteral("hash"), QStringLiteral("--json"),
                QStringLiteral("--not-before"), QStringLiteral("23:59"), QStringLiteral("files")});
    EXPECT_EQ(added.exitCode, 0) << added.err.toStdString();
    const QJsonObject job = parse(added.out).object();
    EXPECT_EQ(job.value(QStringLiteral("kind")).toString(), QStringLiteral("hash"));
    // HH:MM is the next such time: within a day from now.
    const QDateTime notBefore =
        QDateTime::fromString(job.value(QStringLiteral("not_before")).toString(), Qt::ISODate);
    ASSERT_TRUE(notBefore.isValid())
        << job.value(QStringLiteral("not_before")).toString().toStdString();
    EXPECT_EQ(notBefore.toLocalTime().time(), QTime(23, 59));
    EXPECT_GT(notBefore, QDateTime::currentDateTime().addSecs(-60));
    EXPECT_LE(notBefore, QDateTime::currentDateTime().addDays(1));
    EXPECT_EQ(idsInOrder(list()), QList<qint64>{job.value(QStringLiteral("id")).toInteger()});
}

TEST_F(ClientCommands, DataDirMayComeRightAfterAddOrAfterTheKind) {
    const CliOutcome before = run({QStringLiteral("add"), QStringLiteral("--data-dir"), dataDir,
                                   QStringLiteral("hash"), QStringLiteral("files")});
    EXPECT_EQ(before.exitCode, 0) << before.err.toStdString();
    const CliOutcome after = run({QStringLiteral("add"), QStringLiteral("hash"),
                                  QStringLiteral("--data-dir"), dataDir, QStringLiteral("files")});
    EXPECT_EQ(after.exitCode, 0) << after.err.toStdString();
    EXPECT_EQ(list().size(), 2);
}

TEST_F(ClientCommands, ListFiltersByStateLimitAndSinceAndRefusesBadOnesWithExitTwo) {
    const qint64 done = add(commandJob(QStringLiteral("true")));
    const qint64 running = add(commandJob(QStringLiteral("sleep 300")));
    QList<qint64> later;
    for (int i = 0; i < 3; ++i)
        later.append(add({QStringLiteral("hash"), QStringLiteral("--not-before"), farFuture,
                          QStringLiteral("files")}));
    const auto listed = [&](QStringList filter) {
        const CliOutcome outcome =
            client(QStringList{QStringLiteral("list"), QStringLiteral("--json")} + filter);
        EXPECT_EQ(outcome.exitCode, 0) << outcome.err.toStdString();
        return idsInOrder(parse(outcome.out).array());
    };
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return listed({QStringLiteral("--state"), QStringLiteral("finished")}) ==
                   QList<qint64>{done};
        },
        timeoutMs));
    EXPECT_EQ(listed({QStringLiteral("--state"), QStringLiteral("running,succeeded")}),
              (QList<qint64>{done, running}));
    EXPECT_EQ(listed({QStringLiteral("--state"), QStringLiteral("waiting"),
                      QStringLiteral("--state"), QStringLiteral("running")}),
              (QList<qint64>{running, later[0], later[1], later[2]}));
    EXPECT_EQ(listed({QStringLiteral("--since"), QString::number(running),
                      QStringLiteral("--limit"), QStringLiteral("2")}),
              later.mid(0, 2));
    EXPECT_EQ(listed({QStringLiteral("--state"), QStringLiteral("failed")}), QList<qint64>{});

    const CliOutcome table =
        client({QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("running")});
    EXPECT_EQ(table.exitCode, 0);
    EXPECT_EQ(table.out.count('\n'), 2) << table.out.toStdString(); // the header and one row
    EXPECT_TRUE(table.out.contains("sleep 300")) << table.out.toStdString();

    for (const QStringList &bad :
         {QStringList{QStringLiteral("--state"), QStringLiteral("sleeping")},
          QStringList{QStringLiteral("--state"), QStringLiteral(",")},
          QStringList{QStringLiteral("--limit"), QStringLiteral("0")},
          QStringList{QStringLiteral("--limit"), QStringLiteral("many")},
          QStringList{QStringLiteral("--since"), QStringLiteral("-4")}}) {
        const CliOutcome refused = client(QStringList{QStringLiteral("list")} + bad);
        EXPECT_EQ(refused.exitCode, 2) << bad.join(' ').toStdString();
        EXPECT_TRUE(refused.err.contains(bad.at(0).toUtf8())) << refused.err.toStdString();
    }
    EXPECT_EQ(client({QStringLiteral("cancel"), QString::number(running)}).exitCode, 0);
}

TEST_F(ClientCommands, AddEachQueuesAJobPerLineWithItsPlaceholders) {
    QFile lines(path(QStringLiteral("lines.txt")));
    ASSERT_TRUE(lines.open(QIODevice::WriteOnly));
    lines.write("photos/a.jpg\n\n/srv/b.tar.gz\r\nc\n");
    lines.close();
    const CliOutcome added =
        client({QStringLiteral("add"), QStringLiteral("command"), QStringLiteral("--each"),
                path(QStringLiteral("lines.txt")), QStringLiteral("--title"),
                QStringLiteral("convert {/}"), QStringLiteral("--"), QStringLiteral("echo"),
                QStringLiteral("{}"), QStringLiteral("{.}.png"), QStringLiteral("{/}"),
                QStringLiteral("{/.}"), QStringLiteral("{//}"), QStringLiteral("{x}")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    QList<qint64> ids;
    for (const QByteArray &line : added.out.trimmed().split('\n'))
        ids.append(line.toLongLong());
    ASSERT_EQ(ids.size(), 3) << added.out.toStdString();
    EXPECT_EQ(idsInOrder(list()), ids);
    const auto arguments = [&](qint64 id) {
        QStringList words;
        for (const QJsonValue &word : job(id)
                                          .value(QStringLiteral("params"))
                                          .toObject()
                                          .value(QStringLiteral("arguments"))
                                          .toArray())
            words.append(word.toString());
        return words;
    };
    EXPECT_EQ(arguments(ids[0]),
              (QStringList{"photos/a.jpg", "photos/a.png", "a.jpg", "a", "photos", "{x}"}));
    EXPECT_EQ(arguments(ids[1]),
              (QStringList{"/srv/b.tar.gz", "/srv/b.tar.png", "b.tar.gz", "b.tar", "/srv", "{x}"}));
    EXPECT_EQ(arguments(ids[2]), (QStringList{"c", "c.png", "c", "c", ".", "{x}"}));
    EXPECT_EQ(job(ids[1]).value(QStringLiteral("title")).toString(),
              QStringLiteral("convert b.tar.gz"));

    // Without a placeholder the line is the last argument; '-' reads stdin.
    const CliOutcome fromStdin =
        client({QStringLiteral("add"), QStringLiteral("hash"), QStringLiteral("--each"),
                QStringLiteral("-"), QStringLiteral("--json")},
               "files\nfiles/sub\n");
    ASSERT_EQ(fromStdin.exitCode, 0) << fromStdin.err.toStdString();
    const QJsonArray hashIds = parse(fromStdin.out).array();
    ASSERT_EQ(hashIds.size(), 2);
    const QJsonObject second = job(hashIds[1].toInteger());
    EXPECT_EQ(second.value(QStringLiteral("kind")).toString(), QStringLiteral("hash"));
    EXPECT_TRUE(second.value(QStringLiteral("params"))
                    .toObject()
                    .value(QStringLiteral("paths"))
                    .toVariant()
                    .toStringList()
                    .contains(QStringLiteral("files/sub")))
        << QJsonDocument(second).toJson().toStdString();
}

TEST_F(ClientCommands, AddEachIsAllOrNothingAndNamesTheLineOrTheFileItRefuses) {
    const qsizetype before = list().size();
    const CliOutcome badLine = client({QStringLiteral("add"), QStringLiteral("hash"),
                                       QStringLiteral("--each"), QStringLiteral("-")},
                                      "files\nmissing-folder\nfiles/sub\n");
    EXPECT_EQ(badLine.exitCode, 2);
    EXPECT_TRUE(badLine.err.contains("line 2 of standard input (missing-folder)"))
        << badLine.err.toStdString();
    EXPECT_TRUE(badLine.out.isEmpty()) << badLine.out.toStdString();

    ASSERT_TRUE(QDir(home.path()).mkpath(QStringLiteral("a-folder")));
    const QList<std::pair<QByteArray, QString>> badSources{
        {"is a folder", path(QStringLiteral("a-folder"))},
        {"is a device", QStringLiteral("/dev/zero")},
        {"cannot read", path(QStringLiteral("no-such-list"))},
        {"has no lines", QStringLiteral("-")},
    };
    for (const auto &[message, source] : badSources) {
        const CliOutcome refused =
            client({QStringLiteral("add"), QStringLiteral("command"), QStringLiteral("--each"),
                    source, QStringLiteral("--"), QStringLiteral("true")},
                   "\n\n");
        EXPECT_EQ(refused.exitCode, 2) << source.toStdString();
        EXPECT_TRUE(refused.err.contains(message)) << refused.err.toStdString();
    }
    EXPECT_EQ(list().size(), before);
}

// The instance takes the lines in parts (each under the protocol's line
// limit) and queues them with the last: 5,000 long lines are over 1 MiB.
TEST_F(ClientCommands, AddEachOfMoreThanOneLineOfProtocolComesWhole) {
    QByteArray input;
    const QString pad(200, QLatin1Char('p'));
    for (int i = 0; i < 5000; ++i)
        input += QStringLiteral("%1-%2\n").arg(i).arg(pad).toUtf8();
    const CliOutcome added =
        client({QStringLiteral("add"), QStringLiteral("command"), QStringLiteral("--each"),
                QStringLiteral("-"), QStringLiteral("--not-before"), farFuture,
                QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("{}")},
               input);
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    const QList<QByteArray> printed = added.out.trimmed().split('\n');
    ASSERT_EQ(printed.size(), 5000);
    const QJsonArray jobs = list();
    ASSERT_EQ(jobs.size(), 5000);
    EXPECT_EQ(jobs.last().toObject().value(QStringLiteral("id")).toInteger(),
              printed.last().toLongLong());
    EXPECT_EQ(jobs.last()
                  .toObject()
                  .value(QStringLiteral("params"))
                  .toObject()
                  .value(QStringLiteral("arguments"))
                  .toArray()
                  .at(0)
                  .toString(),
              QStringLiteral("4999-") + pad);
}
