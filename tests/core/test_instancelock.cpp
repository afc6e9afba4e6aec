// InstanceLock, InstancePaths and JobJson: the pieces around the instance server.
#include "base/privatefolder.h"
#include "instance/clientbacklog.h"
#include "instance/instancelock.h"
#include "instance/instancepaths.h"
#include "instance/jobjson.h"
#include "otheruser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

namespace {
QString s(const char *text) {
    return QString::fromLatin1(text);
}
} // namespace

TEST(InstanceLock, ASecondLockOnTheSameFolderFailsAndNamesTheOwner) {
    QTemporaryDir dir;
    const QString data = dir.path() + s("/data");
    InstanceLock first(data);
    ASSERT_TRUE(first.tryAcquire()) << first.error().toStdString();
    EXPECT_TRUE(QFile::exists(InstancePaths::lockFilePath(data)));

    InstanceLock second(data);
    EXPECT_FALSE(second.tryAcquire());
    EXPECT_FALSE(second.isHeld());
    EXPECT_EQ(second.ownerPid(), QCoreApplication::applicationPid());
    EXPECT_EQ(second.error(), QStringLiteral("another Taskdeck instance (pid %1) already owns %2")
                                  .arg(QCoreApplication::applicationPid())
                                  .arg(data));
    // A plain QLockFile (another process would use one) is refused too.
    QLockFile plain(InstancePaths::lockFilePath(data));
    EXPECT_FALSE(plain.tryLock(0));
}

TEST(InstanceLock, IsFreeAgainOnceTheHolderIsGone) {
    QTemporaryDir dir;
    {
        InstanceLock first(dir.path());
        ASSERT_TRUE(first.tryAcquire());
    }
    EXPECT_FALSE(QFile::exists(InstancePaths::lockFilePath(dir.path())));
    InstanceLock again(dir.path());
    EXPECT_TRUE(again.tryAcquire());
}

TEST(InstanceLock, TakesOverALockLeftByAProcessThatDied) {
    QTemporaryDir dir;
    const QString path = InstancePaths::lockFilePath(dir.path());
    // What QLockFile writes, with a pid no process can have (above Linux's pid_max).
    QByteArray contents;
    {
        QLockFile real(path);
        ASSERT_TRUE(real.tryLock(0));
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        contents = file.readAll();
    }
    const qsizetype firstLineEnd = contents.indexOf('\n');
    ASSERT_GT(firstLineEnd, 0);
    contents.replace(0, firstLineEnd, "99999999");
    QFile stale(path);
    ASSERT_TRUE(stale.open(QIODevice::WriteOnly));
    stale.write(contents);
    stale.close();

    InstanceLock lock(dir.path());
    EXPECT_TRUE(lock.tryAcquire()) << lock.error().toStdString();
    EXPECT_TRUE(lock.isHeld());
}

TEST(InstanceLock, SaysWhyWhenTheFolderCannotBeMade) {
    QTemporaryDir dir;
    QFile file(dir.path() + s("/plainfile"));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    InstanceLock lock(dir.path() + s("/plainfile/data"));
    EXPECT_FALSE(lock.tryAcquire());
    EXPECT_EQ(lock.ownerPid(), 0);
    EXPECT_TRUE(lock.error().contains(s("plainfile/data"))) << lock.error().toStdString();
}

TEST(InstancePaths, DataDirIsTheOptionMadeAbsoluteOrTheUsersAppDataFolder) {
    EXPECT_EQ(InstancePaths::dataDir(s("/tmp/a/../b/")), s("/tmp/b"));
    EXPECT_EQ(InstancePaths::dataDir(s("rel")), QDir::current().absoluteFilePath(s("rel")));
    EXPECT_TRUE(InstancePaths::dataDir().endsWith(s("/Taskdeck/taskdeck")))
        << InstancePaths::dataDir().toStdString();
    EXPECT_EQ(InstancePaths::lockFilePath(s("/d")), s("/d/taskdeck.lock"));
}

TEST(InstancePaths, SocketIsInTheDataFolderUnlessThatPathIsTooLong) {
    EXPECT_EQ(InstancePaths::socketName(s("/home/a/data")), s("/home/a/data/taskdeck.sock"));
    EXPECT_TRUE(InstancePaths::socketFolder(s("/home/a/data")).isEmpty());
    const QString deep = s("/tmp/") + QString(120, QLatin1Char('d'));
    const QString name = InstancePaths::socketName(deep);
    EXPECT_LT(name.toUtf8().size(), InstancePaths::maxSocketPathBytes);
    EXPECT_TRUE(name.startsWith(InstancePaths::socketFolder(deep) + s("/"))) << name.toStdString();
    EXPECT_TRUE(name.endsWith(s(".sock")));
    EXPECT_EQ(name, InstancePaths::socketName(deep)); // the client finds the same one
    EXPECT_NE(name, InstancePaths::socketName(deep + s("x")));
}

namespace {
// The environment a socket folder is chosen from, for one test.
class SocketFolderTest : public ::testing::Test {
protected:
    QTemporaryDir tmp;
    QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
    QByteArray savedTmp = qgetenv("TMPDIR");
    const QString deep = s("/tmp/") + QString(120, QLatin1Char('d'));
    void SetUp() override { qputenv("TMPDIR", QFile::encodeName(tmp.path())); }
    void TearDown() override {
        savedRuntime.isNull() ? qunsetenv("XDG_RUNTIME_DIR")
                              : qputenv("XDG_RUNTIME_DIR", savedRuntime);
        savedTmp.isNull() ? qunsetenv("TMPDIR") : qputenv("TMPDIR", savedTmp);
    }
    static mode_t modeOf(const QString &path) {
        struct stat info {};
        ::lstat(QFile::encodeName(path).constData(), &info);
        return info.st_mode & 07777;
    }
};
} // namespace

TEST_F(SocketFolderTest, WithoutARuntimeFolderItIsAPrivateFolderOfTheUserNeverTheTempFolderItself) {
    qunsetenv("XDG_RUNTIME_DIR");
    const QString folder = InstancePaths::socketFolder(deep);
    EXPECT_EQ(folder, tmp.path() + s("/taskdeck-%1").arg(::geteuid()));
    ASSERT_TRUE(InstancePaths::prepareSocketFolder(deep).ok());
    EXPECT_EQ(modeOf(folder), 0700u);
    EXPECT_TRUE(InstancePaths::checkSocketFolder(deep).ok());
}

TEST_F(SocketFolderTest, AUsableRuntimeFolderGetsATaskdeckFolderOfItsOwn) {
    const QString runtime = tmp.path() + s("/run");
    ASSERT_TRUE(QDir().mkdir(runtime));
    QFile::setPermissions(runtime,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    EXPECT_EQ(InstancePaths::socketFolder(deep), runtime + s("/taskdeck"));
    ASSERT_TRUE(InstancePaths::prepareSocketFolder(deep).ok());
    EXPECT_EQ(modeOf(runtime + s("/taskdeck")), 0700u);
}

TEST_F(SocketFolderTest, ARuntimeFolderOthersMayWriteToIsNotTrusted) {
    const QString runtime = tmp.path() + s("/shared");
    ASSERT_TRUE(QDir().mkdir(runtime));
    ASSERT_EQ(::chmod(QFile::encodeName(runtime).constData(), 01777), 0);
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    EXPECT_EQ(InstancePaths::socketFolder(deep), tmp.path() + s("/taskdeck-%1").arg(::geteuid()));
}

TEST_F(SocketFolderTest, AFolderPlantedAsALinkOrOpenToOthersIsRefusedByBothSides) {
    qunsetenv("XDG_RUNTIME_DIR");
    const QString folder = InstancePaths::socketFolder(deep);
    const QString elsewhere = tmp.path() + s("/elsewhere");
    ASSERT_TRUE(QDir().mkdir(elsewhere));
    ASSERT_TRUE(QFile::link(elsewhere, folder));
    Status prepared = InstancePaths::prepareSocketFolder(deep);
    ASSERT_FALSE(prepared.ok());
    EXPECT_TRUE(prepared.error().contains(folder)) << prepared.error().toStdString();
    EXPECT_TRUE(prepared.error().contains(s("symbolic link"))) << prepared.error().toStdString();
    EXPECT_FALSE(InstancePaths::checkSocketFolder(deep).ok());

    ASSERT_TRUE(QFile::remove(folder));
    ASSERT_TRUE(QDir().mkdir(folder));
    ASSERT_EQ(::chmod(QFile::encodeName(folder).constData(), 0777), 0);
    prepared = InstancePaths::prepareSocketFolder(deep);
    ASSERT_FALSE(prepared.ok());
    EXPECT_TRUE(prepared.error().contains(s("open to other users")))
        << prepared.error().toStdString();
    const Status checked = InstancePaths::checkSocketFolder(deep);
    ASSERT_FALSE(checked.ok());
    EXPECT_TRUE(checked.error().contains(folder));
}

TEST_F(SocketFolderTest, AFolderOfAnotherUserIsRefusedNamingItsOwner) {
    QString why;
    const std::optional<OtherUser> other = OtherUser::get(&why);
    if (!other)
        GTEST_SKIP() << why.toStdString();
    qunsetenv("XDG_RUNTIME_DIR");
    const QString folder = InstancePaths::socketFolder(deep);
    ASSERT_TRUE(QDir().mkdir(folder));
    ASSERT_EQ(::chmod(QFile::encodeName(folder).constData(), 0700), 0);
    ASSERT_EQ(::chown(QFile::encodeName(folder).constData(), other->uid, other->gid), 0);
    const Status prepared = InstancePaths::prepareSocketFolder(deep);
    ASSERT_FALSE(prepared.ok());
    EXPECT_TRUE(prepared.error().contains(other->name)) << prepared.error().toStdString();
    EXPECT_FALSE(InstancePaths::checkSocketFolder(deep).ok());
}

TEST(PrivateFolder, ANewDataFolderAndItsParentsAreTheOwnersAloneWhateverTheUmask) {
    QTemporaryDir tmp;
    const mode_t old = ::umask(0);
    const QString data = tmp.path() + s("/share/Taskdeck/data");
    const Expected<QString> prepared = PrivateFolder::prepare(data);
    ::umask(old);
    ASSERT_TRUE(prepared.ok()) << prepared.error().toStdString();
    EXPECT_TRUE(prepared->isEmpty()) << prepared->toStdString();
    for (const QString &folder : {tmp.path() + s("/share"), data}) {
        struct stat info {};
        ASSERT_EQ(::stat(QFile::encodeName(folder).constData(), &info), 0);
        EXPECT_EQ(info.st_mode & 0777, 0700u) << folder.toStdString();
    }
}

TEST(PrivateFolder, AnOpenDataFolderIsTightenedWithItsFilesAndSaysSoOnce) {
    QTemporaryDir tmp;
    const QString data = tmp.path() + s("/data");
    ASSERT_TRUE(QDir().mkpath(data + s("/logs")));
    for (const QString &file : {s("/taskdeck.db"), s("/taskdeck.db-wal"), s("/logs/1.log")}) {
        QFile f(data + file);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    }
    const QByteArray native = QFile::encodeName(data);
    ::chmod(native.constData(), 0755);
    ::chmod((native + "/logs").constData(), 0755);
    ::chmod((native + "/taskdeck.db").constData(), 0644);
    ::chmod((native + "/logs/1.log").constData(), 0644);
    const Expected<QString> prepared = PrivateFolder::prepare(data);
    ASSERT_TRUE(prepared.ok()) << prepared.error().toStdString();
    EXPECT_TRUE(prepared->contains(data)) << prepared->toStdString();
    EXPECT_TRUE(prepared->contains(s("0755"))) << prepared->toStdString();
    const auto mode = [](const QByteArray &path) {
        struct stat info {};
        ::lstat(path.constData(), &info);
        return info.st_mode & 0777;
    };
    EXPECT_EQ(mode(native), 0700u);
    EXPECT_EQ(mode(native + "/logs"), 0700u);
    EXPECT_EQ(mode(native + "/taskdeck.db"), 0600u);
    EXPECT_EQ(mode(native + "/logs/1.log"), 0600u);
    const Expected<QString> again = PrivateFolder::prepare(data);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->isEmpty()) << again->toStdString();
}

TEST(PrivateFolder, ADataFolderThatIsALinkIsRefused) {
    QTemporaryDir tmp;
    ASSERT_TRUE(QDir().mkdir(tmp.path() + s("/real")));
    ASSERT_TRUE(QFile::link(tmp.path() + s("/real"), tmp.path() + s("/data")));
    const Expected<QString> prepared = PrivateFolder::prepare(tmp.path() + s("/data"));
    ASSERT_FALSE(prepared.ok());
    EXPECT_TRUE(prepared.error().contains(s("symbolic link"))) << prepared.error().toStdString();
}

TEST(ClientBacklog, AClientPastItsOwnLimitOrItsShareOfAFullBacklogIsDropped) {
    ClientBacklog backlog(1000, 600);
    for (int i = 0; i < 4; ++i)
        backlog.join();
    EXPECT_TRUE(backlog.dropReason(500).isEmpty());
    EXPECT_FALSE(backlog.dropReason(601).isEmpty()); // its own limit
    backlog.queued(900);
    EXPECT_TRUE(backlog.dropReason(300).isEmpty()); // all together still within the limit
    backlog.queued(200);
    EXPECT_EQ(backlog.share(), 250);
    EXPECT_FALSE(backlog.dropReason(300).isEmpty()); // over its share of a full backlog
    EXPECT_TRUE(backlog.dropReason(200).isEmpty());  // a reader that keeps up stays
    backlog.written(600);
    EXPECT_TRUE(backlog.dropReason(300).isEmpty());
    backlog.leave(500);
    EXPECT_EQ(backlog.total(), 0);
}

TEST(JobJson, SpecRoundTripsThroughJson) {
    JobSpec spec;
    spec.kind = s("hash");
    spec.params = {{s("path"), s("/x")}, {s("recursive"), true}};
    spec.title = s("T");
    spec.priority = JobPriority::High;
    spec.after = {3, 4};
    spec.group = s("disk");
    spec.notBefore = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
    const auto back = JobJson::specFromJson(JobJson::specToJson(spec));
    ASSERT_TRUE(back.ok()) << back.error().toStdString();
    EXPECT_EQ(back->kind, spec.kind);
    EXPECT_EQ(back->params, spec.params);
    EXPECT_EQ(back->title, spec.title);
    EXPECT_EQ(back->priority, spec.priority);
    EXPECT_EQ(back->after, spec.after);
    EXPECT_EQ(back->group, spec.group);
    EXPECT_EQ(back->notBefore, spec.notBefore);
}

TEST(JobJson, SpecRefusesBadFieldsNamingThem) {
    const auto error = [](const QJsonObject &object) {
        return JobJson::specFromJson(object).error().toStdString();
    };
    EXPECT_EQ(error({}), "'kind' must be the name of a job kind");
    EXPECT_EQ(error({{s("kind"), s("k")}, {s("params"), 3}}), "'params' must be an object");
    EXPECT_EQ(error({{s("kind"), s("k")}, {s("priority"), s("max")}}),
              "unknown priority 'max': use low, normal or high");
    EXPECT_EQ(error({{s("kind"), s("k")}, {s("after"), QJsonArray{1, 0}}}),
              "'after' must be an array of job ids");
    EXPECT_EQ(error({{s("kind"), s("k")}, {s("titel"), s("x")}}),
              "unknown field 'titel' in the job spec");
    EXPECT_EQ(error({{s("kind"), s("k")}, {s("not_before"), s("soon")}}),
              "'not_before' must be a date and time in ISO 8601, such as 2025-01-31T22:00:00, "
              "not 'soon'");
    EXPECT_TRUE(JobJson::specFromJson({{s("kind"), s("k")}, {s("title"), QJsonValue()}}).ok());
}

TEST(JobJson, JobIdsArePositiveExactIntegers) {
    EXPECT_EQ(JobJson::jobId(QJsonValue(7)), JobId(7));
    EXPECT_FALSE(JobJson::jobId(QJsonValue(0)));
    EXPECT_FALSE(JobJson::jobId(QJsonValue(2.5)));
    EXPECT_FALSE(JobJson::jobId(QJsonValue(1e300)));
    EXPECT_FALSE(JobJson::jobId(QJsonValue(s("7"))));
    EXPECT_FALSE(JobJson::jobIds(QJsonValue(QJsonArray{1, s("2")})));
}
