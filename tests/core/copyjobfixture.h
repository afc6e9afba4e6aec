#pragma once

// A JobQueue with the built-in kinds in a temporary folder, and helpers that
// read as the copy tests' sentences. Waits are on conditions (the event loop
// wakes on every queue signal and every 2 ms), never sleeps.
#include "engine/jobqueue.h"
#include "hashtestsupport.h"
#include "kinds/builtinkinds.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

class CopyJobFixture : public ::testing::Test {
protected:
    static constexpr int patienceMs = 120000;

    QTemporaryDir tmp;
    QByteArray root; // tmp's path, native
    JobQueue queue{BuiltinKinds::registry()};

    void SetUp() override {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        ASSERT_TRUE(tmp.isValid());
        root = QFile::encodeName(tmp.path());
        // Lets the tests that drop root's privileges in.
        QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                              QFileDevice::ExeOther);
        ASSERT_TRUE(QDir().mkpath(path("dst")));
    }

    const JobKind &kind() const { return *queue.kinds().find(QStringLiteral("copy")); }
    QString path(const QString &relative) const { return tmp.filePath(relative); }

    QVariantMap copyParams(const QStringList &sources, const QString &destination = "dst",
                           const QVariantMap &more = {}) const {
        QVariantMap params{{QStringLiteral("sources"), sources},
                           {QStringLiteral("destination"), destination},
                           {QStringLiteral("base_dir"), tmp.path()}};
        params.insert(more);
        return params;
    }

    JobId add(const QVariantMap &params) {
        JobSpec spec;
        spec.kind = QStringLiteral("copy");
        spec.params = params;
        auto id = queue.add(spec);
        EXPECT_TRUE(id.ok()) << id.error().toStdString();
        return id.ok() ? *id : 0;
    }
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs = patienceMs) {
        QDeadlineTimer deadline(timeoutMs);
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (condition() || deadline.hasExpired())
                loop.quit();
        });
        QObject::connect(&queue, &JobQueue::jobStateChanged, &loop, [&] {
            if (condition())
                loop.quit();
        });
        if (condition())
            return true;
        poll.start(2);
        loop.exec();
        return condition();
    }
    bool waitForState(JobId id, JobState state) {
        return waitUntil([&] { return queue.job(id) && queue.job(id)->state == state; });
    }
    // Queues a copy and waits until it finished, whichever way.
    JobSnapshot run(const QVariantMap &params) {
        const JobId id = add(params);
        EXPECT_TRUE(waitUntil([&] { return queue.job(id) && isFinished(queue.job(id)->state); }));
        return queue.job(id).value_or(JobSnapshot{});
    }
    QString validationError(const QVariantMap &params) const {
        const auto result = kind().validate(params);
        EXPECT_FALSE(result.ok()) << "accepted";
        return result.error();
    }
    QByteArray read(const QString &relative) const {
        QFile file(path(relative));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }
    // Names in folder that a copy uses for its temporary files.
    QStringList tempFiles(const QString &folder) const {
        return QDir(path(folder))
            .entryList({QStringLiteral(".*.taskdeck-*")}, QDir::Files | QDir::Hidden);
    }
};

inline void PrintTo(JobState state, std::ostream *os) {
    *os << jobStateName(state).toStdString();
}
