// InstanceLock, InstancePaths and JobJson: the pieces around the instance server.
#include "instancelock.h"
#include "instancepaths.h"
#include "jobjson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

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
    const QString deep = s("/tmp/") + QString(120, QLatin1Char('d'));
    const QString name = InstancePaths::socketName(deep);
    EXPECT_LT(name.toUtf8().size(), InstancePaths::maxSocketPathBytes);
    EXPECT_TRUE(name.contains(s("/taskdeck-"))) << name.toStdString();
    EXPECT_TRUE(name.endsWith(s(".sock")));
    EXPECT_EQ(name, InstancePaths::socketName(deep)); // the client finds the same one
    EXPECT_NE(name, InstancePaths::socketName(deep + s("x")));
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
