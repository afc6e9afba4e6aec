// What the copy kind refuses before a job is queued, and the message it gives.
#include "copyjobfixture.h"

#include <sys/stat.h>
#include <unistd.h>

namespace {

class CopyJobValidation : public CopyJobFixture {};

TEST_F(CopyJobValidation, NormalizesPathsAndFillsInDefaults) {
    writeFile(root + "/a.txt", "a");
    const auto result = kind().validate(copyParams({QStringLiteral("./a.txt")}, "dst/"));
    ASSERT_TRUE(result.ok()) << result.error().toStdString();
    EXPECT_EQ(result->value("sources").toStringList(), QStringList{path("a.txt")});
    EXPECT_EQ(result->value("destination").toString(), path("dst"));
    EXPECT_EQ(result->value("verify").toBool(), false);
    EXPECT_EQ(result->value("on_conflict").toString(), QStringLiteral("skip"));
    EXPECT_EQ(kind().defaultTitle(*result), QStringLiteral("Copy a.txt to dst"));
}

TEST_F(CopyJobValidation, RefusesAMissingSourceNamingIt) {
    EXPECT_EQ(validationError(copyParams({QStringLiteral("nope.txt")})),
              QStringLiteral("no such file or directory: %1").arg(path("nope.txt")));
}

TEST_F(CopyJobValidation, RefusesZeroSources) {
    EXPECT_EQ(validationError(copyParams({})),
              QStringLiteral("nothing to copy: sources must list the files or folders to copy"));
}

TEST_F(CopyJobValidation, RefusesAMissingDestinationOrOneThatIsAFile) {
    writeFile(root + "/a.txt", "a");
    EXPECT_EQ(validationError(copyParams({QStringLiteral("a.txt")}, "missing")),
              QStringLiteral("destination folder does not exist: %1").arg(path("missing")));
    EXPECT_EQ(validationError(copyParams({QStringLiteral("a.txt")}, "a.txt")),
              QStringLiteral("destination is not a folder: %1").arg(path("a.txt")));
}

TEST_F(CopyJobValidation, RefusesAnUnwritableDestinationNamingIt) {
    writeFile(root + "/a.txt", "a");
    ASSERT_EQ(runShell(QStringLiteral("chmod 555 dst"), tmp.path()).exitCode, 0);
    const AsUnprivilegedUser nobody;
    EXPECT_EQ(validationError(copyParams({QStringLiteral("a.txt")})),
              QStringLiteral("destination folder is not writable: %1").arg(path("dst")));
}

TEST_F(CopyJobValidation, RefusesAnUnreadableSourceNamingIt) {
    writeFile(root + "/locked.txt", "a");
    ASSERT_EQ(runShell(QStringLiteral("chmod 000 locked.txt"), tmp.path()).exitCode, 0);
    const AsUnprivilegedUser nobody;
    EXPECT_EQ(validationError(copyParams({QStringLiteral("locked.txt")})),
              QStringLiteral("cannot read %1: permission denied").arg(path("locked.txt")));
}

TEST_F(CopyJobValidation, RefusesToCopyAFolderIntoItselfOrBelowItself) {
    writeFile(root + "/src/inner/a.txt", "a");
    ASSERT_TRUE(QFile::link(path("src/inner"), path("via-link")));
    for (const char *destination : {"src", "src/inner", "via-link"}) {
        EXPECT_EQ(validationError(copyParams({QStringLiteral("src")}, destination)),
                  QStringLiteral("cannot copy the folder %1 into itself: the destination %2 is "
                                 "inside it")
                      .arg(path("src"), path(destination)));
    }
    // A sibling whose name merely starts the same is not inside.
    ASSERT_TRUE(QDir().mkpath(path("src2")));
    EXPECT_TRUE(kind().validate(copyParams({QStringLiteral("src")}, "src2")).ok());
}

TEST_F(CopyJobValidation, RefusesASourceWhoseCopyWouldBeTheSourceItselfNamingBoth) {
    writeFile(root + "/dst/a.txt", "same");
    writeFile(root + "/dst/sub/b.txt", "b");
    writeFile(root + "/c.txt", "linked");
    ASSERT_EQ(::link(QFile::encodeName(path("c.txt")).constData(),
                     QFile::encodeName(path("dst/c.txt")).constData()),
              0);
    ASSERT_TRUE(QFile::link(path("dst"), path("dst-link")));
    struct Case {
        QString source;
        QString destination;
        QString target;
    };
    const QList<Case> cases{
        {QStringLiteral("dst/a.txt"), QStringLiteral("dst"), path("dst/a.txt")},
        {QStringLiteral("dst/sub"), QStringLiteral("dst"), path("dst/sub")},
        {QStringLiteral("c.txt"), QStringLiteral("dst"), path("dst/c.txt")},
        {QStringLiteral("dst/a.txt"), QStringLiteral("dst-link"), path("dst-link/a.txt")},
    };
    for (const Case &c : cases) {
        for (const char *policy : {"skip", "overwrite", "rename"}) {
            EXPECT_EQ(
                validationError(copyParams({c.source}, c.destination, {{"on_conflict", policy}})),
                QStringLiteral("cannot copy %1 to %2: they are the same file")
                    .arg(path(c.source), c.target))
                << policy;
        }
    }
    EXPECT_EQ(read(QStringLiteral("dst/a.txt")), "same");
}

TEST_F(CopyJobValidation, AcceptsAFifoAsASourceWithoutOpeningIt) {
    ASSERT_EQ(::mkfifo(QFile::encodeName(path("pipe")).constData(), 0644), 0);
    // Opening it for reading would wait for a writer: validation would not return.
    EXPECT_TRUE(kind().validate(copyParams({QStringLiteral("pipe")})).ok());
}

TEST_F(CopyJobValidation, NamesAnUnknownConflictPolicyOrParameter) {
    writeFile(root + "/a.txt", "a");
    EXPECT_EQ(
        validationError(copyParams({QStringLiteral("a.txt")}, "dst", {{"on_conflict", "merge"}})),
        QStringLiteral("unknown on_conflict 'merge': use skip, overwrite or rename"));
    EXPECT_EQ(validationError(copyParams({QStringLiteral("a.txt")}, "dst", {{"force", true}})),
              QStringLiteral("unknown parameter 'force' for a copy job: use sources, "
                             "destination, verify, on_conflict or base_dir"));
}

} // namespace
