#pragma once

// A JobQueue with the built-in kinds in a temporary folder, and helpers that
// read as the hash tests' sentences. Waits are on conditions with generous
// bounds, never sleeps.
#include "engine/jobqueue.h"
#include "hashtestsupport.h"
#include "kinds/builtinkinds.h"
#include "kinds/common/hashalgorithm.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

class HashJobFixture : public ::testing::Test {
protected:
    static constexpr int patienceMs = 120000;

    QTemporaryDir tmp;
    QByteArray root; // tmp's path, native
    JobQueue queue{BuiltinKinds::registry()};
    QHash<JobId, QByteArrayList> logs;

    void SetUp() override {
        // Summaries and messages group digits by the user's locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        ASSERT_TRUE(tmp.isValid());
        root = QFile::encodeName(tmp.path());
        // Lets the tests that drop root's privileges in.
        QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                              QFileDevice::ExeOther);
        QObject::connect(&queue, &JobQueue::jobLogged, &queue,
                         [this](JobId id, const QStringList &lines) {
                             for (const QString &line : lines)
                                 logs[id].append(line.toUtf8());
                         });
    }

    const JobKind &kind() const { return *queue.kinds().find(QStringLiteral("hash")); }
    QString path(const QByteArray &relative) const {
        return tmp.filePath(QString::fromUtf8(relative));
    }

    QVariantMap hashParams(const QStringList &paths, const QVariantMap &more = {}) const {
        QVariantMap params{{QStringLiteral("paths"), paths},
                           {QStringLiteral("base_dir"), tmp.path()}};
        params.insert(more);
        return params;
    }

    JobId add(const QVariantMap &params) {
        JobSpec spec;
        spec.kind = QStringLiteral("hash");
        spec.params = params;
        auto id = queue.add(spec);
        EXPECT_TRUE(id.ok()) << id.error().toStdString();
        return id.ok() ? *id : 0;
    }
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs = patienceMs) {
        return QTest::qWaitFor(condition, timeoutMs);
    }
    bool waitForState(JobId id, JobState state, int timeoutMs = patienceMs) {
        return waitUntil([&] { return queue.job(id) && queue.job(id)->state == state; }, timeoutMs);
    }
    // Queues a job and waits until it finished, whichever way.
    JobSnapshot run(const QVariantMap &params) {
        const JobId id = add(params);
        lastId = id;
        EXPECT_TRUE(waitUntil([&] { return queue.job(id) && isFinished(queue.job(id)->state); }));
        return queue.job(id).value_or(JobSnapshot{});
    }
    JobId lastId = 0;

    QString validationError(const QVariantMap &params) const {
        const auto result = kind().validate(params);
        EXPECT_FALSE(result.ok()) << "accepted";
        return result.error();
    }

    // The files the content tests hash: awkward names, empty files, nesting,
    // a file spanning several 1 MiB blocks, symlinks that folder scans skip.
    void makeTree() {
        writeFile(root + "/tree/plain.txt", "hello\n");
        writeFile(root + "/tree/with space.txt", randomBytes(5000, 1));
        writeFile(root + "/tree/\xc3\xbcn\xc3\xaf c\xc3\xb8\x64\xc3\xa9 \xe2\x9c\x93.txt",
                  randomBytes(100, 2));
        writeFile(root + "/tree/back\\slash.txt", randomBytes(10, 3));
        writeFile(root + "/tree/new\nline.txt", randomBytes(10, 4));
        writeFile(root + "/tree/carriage\rreturn.txt", randomBytes(10, 5));
        writeFile(root + "/tree/empty", {});
        writeFile(root + "/tree/Upper.txt", "U");
        writeFile(root + "/tree/sub.txt", "s");
        writeFile(root + "/tree/sub/a.txt", "a");
        writeFile(root + "/tree/sub/deeper/nested.bin", randomBytes(3 * 1024 * 1024 + 17, 6));
        ASSERT_TRUE(QDir().mkpath(path("tree/sub/deeper/empty folder")));
        writeFile(root + "/single.bin", randomBytes(1024 * 1024, 7));
        ASSERT_TRUE(QFile::link(QStringLiteral("plain.txt"), path("tree/link-to-plain")));
        ASSERT_TRUE(QFile::link(QStringLiteral("sub"), path("tree/linkdir")));
    }

    // What `find -H ARG -type f | LC_ALL=C sort | xargs TOOL` prints for each
    // folder argument, or `TOOL ARG` for a file, run in tmp.
    QByteArray toolManifest(const QString &tool, const QStringList &arguments,
                            const QString &toolOptions = {}) {
        QString script = QStringLiteral("{ ");
        for (const QString &argument : arguments) {
            const QString quoted = QString::fromUtf8(shellQuote(argument.toUtf8()));
            script +=
                QFileInfo(path(argument.toUtf8())).isDir()
                    ? QStringLiteral("find -H %1 -type f -print0 | LC_ALL=C sort -z; ").arg(quoted)
                    : QStringLiteral("printf '%s\\0' %1; ").arg(quoted);
        }
        script += QStringLiteral("} | xargs -0 %1 %2").arg(tool, toolOptions);
        const ShellResult result = runShell(script, tmp.path());
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return result.out;
    }
};

inline void PrintTo(JobState state, std::ostream *os) {
    *os << jobStateName(state).toStdString();
}

inline void PrintTo(HashAlgorithm algorithm, std::ostream *os) {
    *os << hashAlgorithmName(algorithm).toStdString();
}
