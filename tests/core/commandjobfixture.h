#pragma once

// A JobQueue with the built-in kinds and a temporary folder, for command jobs
// that run real processes. Waits are on conditions with generous bounds (the
// machine may be loaded), never sleeps.
#include "engine/jobqueue.h"
#include "kinds/builtinkinds.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>

class CommandJobFixture : public ::testing::Test {
protected:
    static constexpr int patienceMs = 60000;

    QTemporaryDir tmp;
    JobQueue queue{BuiltinKinds::registry()};
    QHash<JobId, QStringList> logs;

    void SetUp() override {
        ASSERT_TRUE(tmp.isValid());
        QObject::connect(&queue, &JobQueue::jobLogged, &queue,
                         [this](JobId id, const QStringList &lines) { logs[id] += lines; });
    }

    const JobKind &kind() const { return *queue.kinds().find(QStringLiteral("command")); }
    QString path(const QString &relative) const { return tmp.filePath(relative); }

    // `sh -c SCRIPT` in the temporary folder.
    QVariantMap shell(const QString &script, const QVariantMap &more = {}) const {
        QVariantMap params{{QStringLiteral("program"), QStringLiteral("sh")},
                           {QStringLiteral("arguments"), QStringList{QStringLiteral("-c"), script}},
                           {QStringLiteral("cwd"), tmp.path()}};
        params.insert(more);
        return params;
    }
    JobId add(const QVariantMap &params) {
        JobSpec spec;
        spec.kind = QStringLiteral("command");
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

    // The program's own text of the job's logged lines from one stream, in order.
    QStringList output(JobId id, const QString &stream = QStringLiteral("stdout")) const {
        QStringList lines;
        const QString tag = QLatin1Char(' ') + stream + QStringLiteral(": ");
        for (const QString &line : logs.value(id)) {
            const qsizetype at = line.indexOf(tag);
            if (at == 12) // after "HH:MM:SS.mmm"
                lines.append(line.mid(at + tag.size()));
        }
        return lines;
    }
    // Waits for the job to print a number on a line of its own (a pid) and returns it.
    pid_t waitForPid(JobId id, int index = 0) {
        pid_t pid = 0;
        waitUntil([&] {
            const QStringList lines = output(id);
            if (lines.size() <= index)
                return false;
            pid = pid_t(lines[index].toInt());
            return true;
        });
        return pid;
    }
    // The state letter in /proc/PID/stat (R, S, T, Z, ...); 0 when there is no such process.
    static char processState(pid_t pid) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return 0;
        const QByteArray text = stat.readAll();
        const qsizetype paren = text.lastIndexOf(')');
        return paren >= 0 && paren + 2 < text.size() ? text[paren + 2] : 0;
    }
    // Every process of the group pgid is stopped: 'T', or blocked in vfork()
    // ('D') on a child that is itself stopped before its exec. dash runs simple
    // commands with vfork(); a SIGSTOP to the group that lands between the
    // vfork() and the exec() stops the child there, and the shell then waits
    // for it uninterruptibly. No member of the group runs: that is paused.
    static bool isGroupStopped(pid_t pgid) {
        bool any = false;
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        QHash<pid_t, QPair<pid_t, char>> members; // pid -> (parent, state)
        for (const QString &entry : entries) {
            bool numeric = false;
            const pid_t pid = pid_t(entry.toInt(&numeric));
            if (!numeric)
                continue;
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            const QByteArray text = stat.readAll();
            const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
            if (fields.size() > 3 && fields[2].toInt() == pgid)
                members.insert(pid, {pid_t(fields[1].toInt()), fields[0].at(0)});
        }
        for (auto it = members.cbegin(); it != members.cend(); ++it) {
            any = true;
            const char state = it->second;
            if (state == 'T' || state == 't' || state == 'Z')
                continue;
            if (state != 'D')
                return false;
            bool waitsOnAStoppedChild = false;
            for (auto child = members.cbegin(); child != members.cend(); ++child)
                waitsOnAStoppedChild |= child->first == it.key() && child->second == 'T';
            if (!waitsOnAStoppedChild)
                return false;
        }
        return any;
    }
    // Gone, or a zombie waiting for init to reap it: in any case no longer running.
    static bool isGone(pid_t pid) {
        if (::kill(pid, 0) != 0 && errno == ESRCH)
            return true;
        return processState(pid) == 'Z' || processState(pid) == 0;
    }
};

inline void PrintTo(JobState state, std::ostream *os) {
    *os << jobStateName(state).toStdString();
}
