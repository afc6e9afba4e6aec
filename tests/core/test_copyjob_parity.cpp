// What cp -a keeps beyond names, modes and times, compared with a cp -a of
// the same tree by the tools that show it: holes (du allocated sizes).
#include "copyjobfixture.h"

#include <QFileInfo>

#include <unistd.h>

namespace {

class CopyJobParity : public CopyJobFixture {
protected:
    // cp -a src into cp/, then the job copies src into dst/.
    JobSnapshot copyAsCpDashAAndAsTheJob(const QString &source = QStringLiteral("src")) {
        const ShellResult cp =
            runShell(QStringLiteral("mkdir -p cp && cp -a %1 cp/").arg(source), tmp.path());
        EXPECT_EQ(cp.exitCode, 0) << cp.err.toStdString();
        const JobId id = add(copyParams({source}));
        EXPECT_TRUE(waitUntil([&] { return isFinished(queue.job(id)->state); }, 30000));
        return queue.job(id).value_or(JobSnapshot{});
    }
    // The output of script run in cp/ and in dst/.
    QByteArray inCp(const QString &script) const { return inTree("cp", script); }
    QByteArray inDst(const QString &script) const { return inTree("dst", script); }
    QByteArray inTree(const QString &tree, const QString &script) const {
        const ShellResult result = runShell(script, path(tree));
        EXPECT_EQ(result.exitCode, 0) << script.toStdString() << ": " << result.err.toStdString();
        return result.out;
    }
    void shell(const QString &script) const {
        const ShellResult result = runShell(script, tmp.path());
        ASSERT_EQ(result.exitCode, 0) << script.toStdString() << ": " << result.err.toStdString();
    }
};

TEST_F(CopyJobParity, ASparseFileKeepsItsHolesAsWithCpDashA) {
    // 1 GiB long, a few data blocks: at the start, in the middle, the last byte;
    // and one that ends in a hole.
    shell(QStringLiteral(
        "mkdir src && truncate -s 1G src/sparse.img && "
        "printf start | dd of=src/sparse.img conv=notrunc status=none && "
        "head -c 65536 /dev/urandom | dd of=src/sparse.img bs=1M seek=300 conv=notrunc "
        "status=none && printf z | dd of=src/sparse.img bs=1 seek=1073741823 conv=notrunc "
        "status=none && printf head > src/tail-hole.img && truncate -s 100M src/tail-hole.img"));
    const JobSnapshot job = copyAsCpDashAAndAsTheJob();
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();

    const QString sizes = QStringLiteral("du -B1 src/sparse.img src/tail-hole.img && "
                                         "stat -c '%s %n' src/sparse.img src/tail-hole.img");
    const QByteArray expected = inCp(sizes);
    EXPECT_EQ(inDst(sizes), expected);
    const qint64 allocated =
        inDst(QStringLiteral("du -B1 src/sparse.img")).split('\t')[0].toLongLong();
    EXPECT_LT(allocated, 1024 * 1024) << "the holes were written as zeros";
    for (const char *file : {"sparse.img", "tail-hole.img"}) {
        EXPECT_EQ(runShell(QStringLiteral("cmp src/%1 dst/src/%1").arg(file), tmp.path()).exitCode,
                  0)
            << file;
    }
    EXPECT_EQ(job.total, (qint64(1) << 30) + 100 * 1024 * 1024);
    EXPECT_EQ(job.done, job.total);
}

} // namespace
