// What a command job refuses before it is queued, and the message it gives.
#include "commandjobfixture.h"

#include <sys/stat.h>

class CommandJobValidate : public CommandJobFixture {};

TEST_F(CommandJobValidate, FillsInDefaultsAndFindsTheProgramOnPath) {
    const auto result = kind().validate({{QStringLiteral("program"), QStringLiteral("sh")}});
    ASSERT_TRUE(result.ok()) << result.error().toStdString();
    EXPECT_EQ(result->value(QStringLiteral("cwd")).toString(), QDir::currentPath());
    EXPECT_EQ(result->value(QStringLiteral("progress")).toString(), QStringLiteral("auto"));
    EXPECT_EQ(result->value(QStringLiteral("grace_seconds")).toDouble(), 5.0);
    EXPECT_EQ(result->value(QStringLiteral("arguments")).toStringList(), QStringList{});
    EXPECT_EQ(kind().validate(*result).value(), *result);
}

TEST_F(CommandJobValidate, ACommandNotFoundIsNamed) {
    EXPECT_EQ(validationError({{QStringLiteral("program"), QStringLiteral("no-such-program-xyz")}}),
              QStringLiteral("command not found: no-such-program-xyz"));
}

TEST_F(CommandJobValidate, APathToAMissingOrNonExecutableFileIsNamed) {
    QFile script(path(QStringLiteral("script.sh")));
    ASSERT_TRUE(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\necho hi\n");
    script.close();
    const QVariantMap inTmp{{QStringLiteral("cwd"), tmp.path()}};
    QVariantMap params = inTmp;
    params.insert(QStringLiteral("program"), QStringLiteral("./script.sh"));
    // Running as root, eaccess grants X_OK only when some execute bit is set.
    EXPECT_EQ(
        validationError(params),
        QStringLiteral("cannot run %1: not executable").arg(path(QStringLiteral("script.sh"))));
    ASSERT_TRUE(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));
    const auto accepted = kind().validate(params);
    ASSERT_TRUE(accepted.ok()) << accepted.error().toStdString();
    EXPECT_EQ(accepted->value(QStringLiteral("program")).toString(),
              path(QStringLiteral("script.sh")));

    params.insert(QStringLiteral("program"), QStringLiteral("missing/tool"));
    EXPECT_EQ(validationError(params),
              QStringLiteral("no such program: %1").arg(path(QStringLiteral("missing/tool"))));
    params.insert(QStringLiteral("program"), tmp.path());
    EXPECT_EQ(validationError(params),
              QStringLiteral("cannot run %1: it is a folder").arg(tmp.path()));
}

TEST_F(CommandJobValidate, TheWorkingFolderMustBeAnExistingAbsoluteFolder) {
    const QString missing = path(QStringLiteral("nowhere"));
    EXPECT_EQ(validationError({{QStringLiteral("program"), QStringLiteral("sh")},
                               {QStringLiteral("cwd"), missing}}),
              QStringLiteral("working folder does not exist: %1").arg(missing));
    EXPECT_EQ(validationError({{QStringLiteral("program"), QStringLiteral("sh")},
                               {QStringLiteral("cwd"), QStringLiteral("relative/dir")}}),
              QStringLiteral("cwd must be an absolute path: relative/dir"));
    QFile file(path(QStringLiteral("file")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    EXPECT_EQ(validationError({{QStringLiteral("program"), QStringLiteral("sh")},
                               {QStringLiteral("cwd"), file.fileName()}}),
              QStringLiteral("working folder is not a folder: %1").arg(file.fileName()));
}

TEST_F(CommandJobValidate, MalformedParametersAreNamed) {
    const QVariantMap sh{{QStringLiteral("program"), QStringLiteral("sh")}};
    const auto with = [&](const QString &key, const QVariant &value) {
        QVariantMap params = sh;
        params.insert(key, value);
        return validationError(params);
    };
    EXPECT_EQ(validationError({}), QStringLiteral("program is missing: name the program to run"));
    EXPECT_EQ(with(QStringLiteral("env"), QStringList{QStringLiteral("1BAD=x")}),
              QStringLiteral("env entry '1BAD=x' is not NAME=VALUE (NAME: letters, digits, _)"));
    EXPECT_EQ(with(QStringLiteral("env"), QStringList{QStringLiteral("NOVALUE")}),
              QStringLiteral("env entry 'NOVALUE' is not NAME=VALUE (NAME: letters, digits, _)"));
    EXPECT_EQ(
        with(QStringLiteral("progress"), QStringLiteral("bars")),
        QStringLiteral("unknown progress mode 'bars': use auto, percent, ffmpeg, rsync, none"));
    EXPECT_EQ(with(QStringLiteral("grace_seconds"), -1),
              QStringLiteral("grace_seconds must be a number of seconds >= 0, not '-1'"));
    EXPECT_EQ(with(QStringLiteral("grace_seconds"), QStringLiteral("soon")),
              QStringLiteral("grace_seconds must be a number of seconds >= 0, not 'soon'"));
    EXPECT_EQ(with(QStringLiteral("duration_seconds"), 0),
              QStringLiteral("duration_seconds must be a number of seconds > 0, not '0'"));
    EXPECT_TRUE(with(QStringLiteral("shell"), true)
                    .startsWith(QStringLiteral("unknown parameter 'shell' for a command job")));
    EXPECT_EQ(with(QStringLiteral("log_file"), path(QStringLiteral("no/dir/job.log"))),
              QStringLiteral("cannot write the log %1: folder %2 does not exist")
                  .arg(path(QStringLiteral("no/dir/job.log")), path(QStringLiteral("no/dir"))));
    const QString fifo = path(QStringLiteral("fifo.log"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    EXPECT_EQ(with(QStringLiteral("log_file"), fifo),
              QStringLiteral("log_file is not a regular file (a FIFO or a device?): %1").arg(fifo));
}

TEST_F(CommandJobValidate, TheTitleIsTheQuotedCommandLineShortened) {
    EXPECT_EQ(kind().defaultTitle({{QStringLiteral("program"), QStringLiteral("ffmpeg")},
                                   {QStringLiteral("arguments"),
                                    QStringList{QStringLiteral("-i"), QStringLiteral("my film.mkv"),
                                                QStringLiteral("out.mp4")}}}),
              QStringLiteral("ffmpeg -i 'my film.mkv' out.mp4"));
    const QString title = kind().defaultTitle(
        {{QStringLiteral("program"), QStringLiteral("echo")},
         {QStringLiteral("arguments"), QStringList{QString(100, QLatin1Char('x'))}}});
    EXPECT_EQ(title.size(), 60);
    EXPECT_TRUE(title.endsWith(QChar(0x2026)));
}
