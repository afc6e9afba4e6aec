#pragma once

// A headless Taskdeck on a temporary data folder, and the shell client run
// against it: the real binary (TASKDECK_BINARY), its own HOME and XDG folders
// so nothing touches the user's files. The instance is killed in TearDown.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

#include <memory>

struct CliOutcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class HeadlessFixture : public ::testing::Test {
protected:
    // Generous: a loaded 2-core machine, ASan.
    static constexpr int timeoutMs = 120000;

    void SetUp() override {
        ASSERT_TRUE(home.isValid());
        QDir(home.path()).mkpath(QStringLiteral("run"));
        QFile::setPermissions(home.filePath(QStringLiteral("run")), QFileDevice::ReadOwner |
                                                                        QFileDevice::WriteOwner |
                                                                        QFileDevice::ExeOwner);
        environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                           home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("share")));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"),
                           home.filePath(QStringLiteral("cache")));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
        dataDir = home.filePath(QStringLiteral("data"));
    }

    void TearDown() override {
        for (auto &process : instances) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(timeoutMs);
            }
        }
    }

    QString path(const QString &relative) const { return home.filePath(relative); }

    // A client command after a leading --data-dir (options after a command
    // job's program would be the program's); waits for it to end.
    // input: what the command reads on stdin.
    CliOutcome client(const QStringList &arguments, const QByteArray &input = {}) const {
        return run(QStringList{QStringLiteral("--data-dir"), dataDir} + arguments, input);
    }

    CliOutcome run(const QStringList &arguments, const QByteArray &input = {}) const {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(home.path());
        process.start(QStringLiteral(TASKDECK_BINARY), arguments);
        process.write(input);
        process.closeWriteChannel();
        EXPECT_TRUE(process.waitForFinished(timeoutMs)) << arguments.join(' ').toStdString();
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardOutput(), process.readAllStandardError()};
    }

    // Starts `taskdeck --headless --data-dir dataDir` without waiting.
    QProcess *launchInstance() {
        instances.push_back(std::make_unique<QProcess>());
        QProcess *process = instances.back().get();
        process->setProcessEnvironment(environment);
        process->setWorkingDirectory(home.path());
        process->start(QStringLiteral(TASKDECK_BINARY),
                       {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dataDir});
        return process;
    }

    // Starts an instance and waits until `taskdeck list` reaches it.
    QProcess *startInstance() {
        QProcess *process = launchInstance();
        EXPECT_TRUE(process->waitForStarted(timeoutMs));
        const bool up = QTest::qWaitFor(
            [&] {
                return process->state() != QProcess::Running ||
                       client({QStringLiteral("list")}).exitCode == 0;
            },
            timeoutMs);
        EXPECT_TRUE(up && process->state() == QProcess::Running)
            << "the headless instance did not come up: "
            << process->readAllStandardError().toStdString();
        return process;
    }

    // `taskdeck add ...`: the new job's id (0 after a failed expectation).
    qint64 add(const QStringList &arguments) const {
        const CliOutcome result = client(QStringList{QStringLiteral("add")} + arguments);
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        bool ok = false;
        const qint64 id = result.out.trimmed().toLongLong(&ok);
        EXPECT_TRUE(ok && id > 0) << "add printed: " << result.out.toStdString();
        return ok ? id : 0;
    }

    // `taskdeck list --json`, parsed.
    QJsonArray list() const {
        const CliOutcome result = client({QStringLiteral("list"), QStringLiteral("--json")});
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
        EXPECT_TRUE(document.isArray()) << error.errorString().toStdString();
        return document.array();
    }

    QJsonObject job(qint64 id) const {
        for (const QJsonValue &value : list()) {
            if (value.toObject().value(QStringLiteral("id")).toInteger() == id)
                return value.toObject();
        }
        return {};
    }

    QString stateOf(qint64 id) const { return job(id).value(QStringLiteral("state")).toString(); }

    // Polls `taskdeck list` until the job is in that state.
    bool reachesState(qint64 id, const QString &state) const {
        return QTest::qWaitFor([&] { return stateOf(id) == state; }, timeoutMs);
    }

    QTemporaryDir home;
    QString dataDir;
    QProcessEnvironment environment;
    std::vector<std::unique_ptr<QProcess>> instances;
};

// A start time no test reaches: the job waits.
inline const QString farFuture = QStringLiteral("2099-01-01T00:00:00Z");
