// What cp -a keeps beyond names, modes and times, compared with a cp -a of
// the same tree by the tools that show it: hard links (stat link counts and
// inodes), holes (du allocated sizes), extended attributes (getfattr), ACLs
// (getfacl) and special files (find, stat).
#include "copyjobfixture.h"

#include <QFileInfo>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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
        // Bounded: a copy that opened a FIFO would wait for a writer forever.
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

// Every non-folder under src: its name, its link count, and the first name
// (in byte order) of the file it is, so that names of one file group alike.
const QString linkGroups =
    QStringLiteral("find src ! -type d -printf '%i %n %p\\n' | LC_ALL=C sort -k3 | "
                   "awk '{ if (!($1 in first)) first[$1] = $3; print $3, $2, first[$1] }'");

TEST_F(CopyJobParity, NamesThatAreHardLinksOfOneFileStayLinkedAsWithCpDashA) {
    writeFile(root + "/src/a.bin", randomBytes(3 * 1024 * 1024, 1));
    writeFile(root + "/src/other.bin", randomBytes(1024, 2));
    shell(QStringLiteral("mkdir -p src/sub && ln src/a.bin src/sub/b.bin && ln src/a.bin c.bin && "
                         "ln -s a.bin src/sl && ln src/sl src/sub/sl2"));
    // A name outside the tree does not count: inside the job a.bin has two names.
    const JobSnapshot job = copyAsCpDashAAndAsTheJob();
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();

    const QByteArray expected = inCp(linkGroups);
    ASSERT_TRUE(expected.contains("src/sub/b.bin 2 src/a.bin")) << expected.toStdString();
    EXPECT_EQ(inDst(linkGroups), expected);
    EXPECT_EQ(inDst(QStringLiteral("du -s -B1 src")), inCp(QStringLiteral("du -s -B1 src")));
    EXPECT_EQ(runShell(QStringLiteral("cmp src/a.bin dst/src/sub/b.bin"), tmp.path()).exitCode, 0);
    // Progress and bytes count the data once.
    EXPECT_EQ(job.total, 3 * 1024 * 1024 + 1024);
    EXPECT_EQ(job.done, job.total);
    EXPECT_EQ(job.result.details.value("bytes").toLongLong(), 3 * 1024 * 1024 + 1024);
    EXPECT_EQ(job.result.details.value("files").toLongLong(), 3);
    EXPECT_EQ(job.result.details.value("links").toLongLong(), 2);
}

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

TEST_F(CopyJobParity, ExtendedAttributesAndAclsAreKeptAsWithCpDashA) {
    writeFile(root + "/src/plain.txt", "plain");
    writeFile(root + "/src/tagged.txt", "tagged");
    writeFile(root + "/src/shared/before.txt", "before");
    shell(QStringLiteral(
        "setfattr -n user.comment -v 'kept by cp -a' src/tagged.txt && "
        "setfattr -n user.empty src/tagged.txt && "
        "setfacl -m u:nobody:rw,g:nogroup:r src/tagged.txt && "
        "setfacl -m u:nobody:rx src/shared && setfacl -d -m u:nobody:rwx src/shared && "
        "echo after > src/shared/after.txt && mkdir src/shared/inner && "
        "ln -s tagged.txt src/link"));
    if (::geteuid() == 0) { // trusted.* and security.* are root's, on files and links alike
        shell(QStringLiteral("setfattr -n trusted.origin -v test src/plain.txt && "
                             "setfattr -h -n trusted.origin -v link src/link && "
                             "setfattr -n security.label -v x src/plain.txt"));
    }
    // The destination's default ACL must not end up on the copies (cp -a removes it).
    shell(QStringLiteral(
        "setfacl -d -m u:nobody:r dst && mkdir -p cp && setfacl -d -m u:nobody:r cp"));
    const JobSnapshot job = copyAsCpDashAAndAsTheJob();
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();

    const QString attributes = QStringLiteral(
        "find src | LC_ALL=C sort | while IFS= read -r f; do getfattr -h -d -m - -- \"$f\"; done");
    const QByteArray expected = inCp(attributes);
    ASSERT_TRUE(expected.contains("user.comment=\"kept by cp -a\"")) << expected.toStdString();
    ASSERT_TRUE(expected.contains("system.posix_acl_default")) << expected.toStdString();
    EXPECT_EQ(inDst(attributes), expected);
    const QString acls =
        QStringLiteral("find src ! -type l | LC_ALL=C sort | xargs -d '\\n' getfacl -p");
    EXPECT_EQ(inDst(acls), inCp(acls));
    EXPECT_EQ(inDst(QStringLiteral("stat -c '%A %n' src src/*")),
              inCp(QStringLiteral("stat -c '%A %n' src src/*")));
}

TEST_F(CopyJobParity, FifosSocketsAndDevicesAreMadeAnewNeverOpenedAsWithCpDashA) {
    shell(QStringLiteral("mkdir -p src && mkfifo -m 640 src/pipe && mkfifo lone-pipe"));
    {
        const QByteArray socketPath = root + "/src/socket";
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        ASSERT_GE(fd, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        ASSERT_LT(size_t(socketPath.size()), sizeof address.sun_path);
        qstrcpy(address.sun_path, socketPath.constData());
        ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        ::close(fd); // the socket file stays
    }
    const bool asRoot = ::geteuid() == 0;
    if (asRoot) // as cp -a, only root makes device nodes
        shell(QStringLiteral("mknod -m 600 src/null c 1 3"));
    shell(QStringLiteral("touch -h -d '2021-03-04 05:06:07.5' src/pipe src/socket src"));

    JobSnapshot job = copyAsCpDashAAndAsTheJob();
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    const QString listing =
        QStringLiteral("find src -printf '%P|%y|%m|%T@|%U:%G\\n' | LC_ALL=C sort && "
                       "find src -type c -printf '%P ' -exec stat -c '%t:%T' {} ';'");
    const QByteArray expected = inCp(listing);
    ASSERT_TRUE(expected.contains("pipe|p|640|")) << expected.toStdString();
    ASSERT_TRUE(expected.contains("socket|s|")) << expected.toStdString();
    EXPECT_EQ(inDst(listing), expected);
    EXPECT_EQ(job.result.details.value("specials").toLongLong(), asRoot ? 3 : 2);
    EXPECT_TRUE(tempFiles(QStringLiteral("dst/src")).isEmpty());

    // Named as a source itself, a FIFO is made anew too.
    job = copyAsCpDashAAndAsTheJob(QStringLiteral("lone-pipe"));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(inDst(QStringLiteral("stat -c %F lone-pipe")), "fifo\n");
}

} // namespace
