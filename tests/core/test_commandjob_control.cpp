// Cancel and pause of running commands: the whole process group is signaled,
// and nothing the command started outlives the job, not even what left its
// process group and session (the supervisor is their subreaper).
#include "commandjobfixture.h"

#include "kinds/command/supervisedprocess.h"

#include <QElapsedTimer>
#include <QProcess>

class CommandJobControl : public CommandJobFixture {};

TEST_F(CommandJobControl, CancelingKillsTheProgramAndItsGrandchildren) {
    const JobId id = add(shell(QStringLiteral("sleep 100 & echo $!; wait")));
    const pid_t grandchild = waitForPid(id);
    ASSERT_GT(grandchild, 0);
    ASSERT_FALSE(isGone(grandchild));
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    EXPECT_EQ(queue.job(id)->result.error, QStringLiteral("canceled"));
    EXPECT_TRUE(waitUntil([&] { return isGone(grandchild); }, 10000));
}

TEST_F(CommandJobControl, AProgramIgnoringSigtermIsKilledAfterTheGracePeriod) {
    const JobId id = add(shell(QStringLiteral("trap '' TERM; sleep 100 & echo $!; wait; wait"),
                               {{QStringLiteral("grace_seconds"), 0.3}}));
    const pid_t grandchild = waitForPid(id);
    ASSERT_GT(grandchild, 0);
    QElapsedTimer stopping;
    stopping.start();
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    EXPECT_GE(stopping.elapsed(), 250);
    EXPECT_TRUE(waitUntil([&] { return isGone(grandchild); }, 10000));
}

TEST_F(CommandJobControl, BackgroundChildrenDoNotOutliveAProgramThatExited) {
    const JobSnapshot job = run(shell(QStringLiteral("sleep 100 > /dev/null 2>&1 & echo $!")));
    ASSERT_EQ(job.state, JobState::Succeeded);
    ASSERT_TRUE(waitUntil([&] { return !output(lastId).isEmpty(); }));
    const pid_t grandchild = pid_t(output(lastId).first().toInt());
    ASSERT_GT(grandchild, 0);
    EXPECT_TRUE(waitUntil([&] { return isGone(grandchild); }, 10000));
}

TEST_F(CommandJobControl, PausingStopsTheWholeGroupAndResumingContinuesIt) {
    const JobId id = add(shell(QStringLiteral(
        "echo $$; sleep 100 & echo $!; while true; do echo tick; sleep 0.02; done")));
    const pid_t program = waitForPid(id, 0);
    const pid_t grandchild = waitForPid(id, 1);
    ASSERT_GT(program, 0);
    ASSERT_GT(grandchild, 0);

    ASSERT_TRUE(queue.pause(id).ok());
    EXPECT_EQ(queue.job(id)->state, JobState::Paused);
    // The shell may be caught in vfork() with its child stopped before exec: it
    // then waits in 'D' for that stopped child, which is as stopped as it gets.
    ASSERT_TRUE(waitUntil([&] {
        const char state = processState(program);
        return (state == 'T' || state == 'D') && processState(grandchild) == 'T';
    })) << processState(program)
        << processState(grandchild);
    EXPECT_TRUE(
        waitUntil([&] { return queue.job(id)->status.startsWith(QStringLiteral("Paused")); }));

    ASSERT_TRUE(queue.resume(id).ok());
    ASSERT_TRUE(
        waitUntil([&] { return processState(program) != 'T' && processState(grandchild) != 'T'; }));
    const qsizetype ticks = output(id).size();
    EXPECT_TRUE(waitUntil([&] { return output(id).size() > ticks + 2; }));

    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    EXPECT_TRUE(waitUntil([&] { return isGone(program) && isGone(grandchild); }, 10000));
}

TEST_F(CommandJobControl, CancelingAPausedCommandEndsIt) {
    const JobId id = add(shell(QStringLiteral("echo $$; while true; do sleep 0.05; done")));
    const pid_t program = waitForPid(id);
    ASSERT_TRUE(queue.pause(id).ok());
    ASSERT_TRUE(waitUntil([&] { return isGroupStopped(program); }));
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    EXPECT_TRUE(waitUntil([&] { return isGone(program); }, 10000));
}

TEST_F(CommandJobControl, AProcessThatLeftTheSessionDiesWhenTheProgramExits) {
    const JobSnapshot job = run(shell(QStringLiteral("setsid sleep 1000 & echo $!")));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    ASSERT_TRUE(waitUntil([&] { return !output(lastId).isEmpty(); }));
    const pid_t escaped = pid_t(output(lastId).first().toInt());
    ASSERT_GT(escaped, 0);
    EXPECT_TRUE(waitUntil([&] { return isGone(escaped); }, 10000));
}

TEST_F(CommandJobControl, ADoubleForkedDaemonDiesWithTheJob) {
    // The classic daemon: fork, setsid, fork again, the first child exits.
    const JobSnapshot job = run(
        shell(QStringLiteral("(setsid sh -c 'sleep 1000 & echo $! > daemon.pid' &) ; sleep 0.2")));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    QFile pidFile(path(QStringLiteral("daemon.pid")));
    ASSERT_TRUE(waitUntil([&] { return pidFile.exists() && pidFile.size() > 0; }));
    ASSERT_TRUE(pidFile.open(QIODevice::ReadOnly));
    const pid_t daemon = pid_t(pidFile.readAll().trimmed().toInt());
    ASSERT_GT(daemon, 0);
    EXPECT_TRUE(waitUntil([&] { return isGone(daemon); }, 10000));
}

TEST_F(CommandJobControl, CancelingEndsWhatLeftTheProcessGroupToo) {
    const JobId id =
        add(shell(QStringLiteral("setsid sleep 1000 & echo $!; while :; do sleep 0.05; done")));
    const pid_t escaped = waitForPid(id);
    ASSERT_GT(escaped, 0);
    ASSERT_FALSE(isGone(escaped));
    ASSERT_TRUE(queue.cancel(id).ok());
    ASSERT_TRUE(waitForState(id, JobState::Canceled));
    EXPECT_TRUE(waitUntil([&] { return isGone(escaped); }, 10000));
}

// The program's parent is the small supervisor program, exec'd: starting a job
// must not copy the instance (a fork of it costs time in proportion to its
// memory, and a copy of it would hold all its pages while the job runs).
TEST_F(CommandJobControl, TheProgramRunsUnderTheSupervisorProgramWithOnlyItsOwnDescriptors) {
    const JobSnapshot job =
        run(shell(QStringLiteral("echo $PPID; ls /proc/self/fd | wc -l; "
                                 "cat /proc/$PPID/status | grep -E '^(Name|Threads):'")));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    ASSERT_TRUE(waitUntil([&] { return output(lastId).size() >= 4; }));
    const QStringList lines = output(lastId);
    // ls itself holds 0, 1, 2 and the descriptor of the folder it reads.
    EXPECT_EQ(lines.at(1).trimmed(), QStringLiteral("4")) << lines.join('|').toStdString();
    EXPECT_TRUE(lines.at(2).contains(QStringLiteral("taskdeck-super")))
        << lines.join('|').toStdString();
    EXPECT_TRUE(lines.at(3).endsWith(QStringLiteral("\t1"))) << lines.join('|').toStdString();
}

TEST(SupervisorProgram, IsFoundAndRefusesToRunByHand) {
    const QString supervisor = SupervisedProcess::supervisorProgram();
    ASSERT_FALSE(supervisor.isEmpty());
    QProcess byHand;
    // Without the status pipe on descriptor 3, as from a shell.
    byHand.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"),
                  QStringLiteral("exec 3>&-; exec \"$0\" 1 - / /bin/true true"), supervisor});
    ASSERT_TRUE(byHand.waitForFinished(10000));
    EXPECT_EQ(byHand.exitCode(), 2);
    EXPECT_TRUE(byHand.readAllStandardError().contains("not a command to run by hand"));
}
