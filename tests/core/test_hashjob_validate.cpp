// What HashJobKind::validate() refuses, each with a message naming the thing,
// and how it normalizes what it accepts.
#include "hashjobfixture.h"

#include <unistd.h>

class HashJobValidation : public HashJobFixture {};

TEST_F(HashJobValidation, NamesAMissingPath) {
    writeFile(root + "/here.txt", "x");
    EXPECT_EQ(validationError(hashParams({QStringLiteral("here.txt"), QStringLiteral("gone/x")})),
              QStringLiteral("no such file or directory: %1").arg(path("gone/x")));
}

TEST_F(HashJobValidation, NamesAnUnreadableFileAndAnUnreadableFolder) {
    writeFile(root + "/locked.txt", "x");
    ASSERT_TRUE(QDir().mkpath(path("locked-folder")));
    ASSERT_EQ(runShell(QStringLiteral("chmod 000 locked.txt locked-folder"), tmp.path()).exitCode,
              0);
    const AsUnprivilegedUser nobody;
    EXPECT_EQ(validationError(hashParams({QStringLiteral("locked.txt")})),
              QStringLiteral("cannot read %1: permission denied").arg(path("locked.txt")));
    EXPECT_EQ(validationError(hashParams({QStringLiteral("locked-folder")})),
              QStringLiteral("cannot read %1: permission denied").arg(path("locked-folder")));
}

TEST_F(HashJobValidation, NamesAnOutputWhoseFolderIsMissingOrNotWritableOrThatIsAFolder) {
    writeFile(root + "/a.txt", "x");
    ASSERT_TRUE(QDir().mkpath(path("readonly")));
    ASSERT_TRUE(QDir().mkpath(path("afolder")));
    ASSERT_EQ(runShell(QStringLiteral("chmod 555 readonly"), tmp.path()).exitCode, 0);
    const QStringList paths{QStringLiteral("a.txt")};
    EXPECT_EQ(validationError(hashParams(paths, {{QStringLiteral("output"), "none/SUMS"}})),
              QStringLiteral("cannot write the manifest %1: folder %2 does not exist")
                  .arg(path("none/SUMS"), path("none")));
    EXPECT_EQ(validationError(hashParams(paths, {{QStringLiteral("output"), "afolder"}})),
              QStringLiteral("cannot write the manifest %1: it is a folder").arg(path("afolder")));
    const AsUnprivilegedUser nobody;
    EXPECT_EQ(validationError(hashParams(paths, {{QStringLiteral("output"), "readonly/SUMS"}})),
              QStringLiteral("cannot write the manifest %1: folder %2 is not writable")
                  .arg(path("readonly/SUMS"), path("readonly")));
}

// sha256sum > FILE would at least leave the inputs alone; a manifest renamed
// over an input replaces it. Refused before anything is queued.
TEST_F(HashJobValidation, RefusesAnOutputThatIsOneOfTheFilesToHashNamingBoth) {
    writeFile(root + "/a.txt", "a");
    writeFile(root + "/tree/b.txt", "b");
    writeFile(root + "/tree/sub/SUMS", "old manifest");
    ASSERT_TRUE(QFile::link(path("a.txt"), path("link-to-a")));
    ASSERT_EQ(::link(QFile::encodeName(path("a.txt")).constData(),
                     QFile::encodeName(path("hard-a")).constData()),
              0);
    ASSERT_TRUE(QFile::link(path("tree"), path("tree-link")));
    const QString message =
        QStringLiteral("the manifest %1 would overwrite %2, which is being hashed: write it "
                       "elsewhere");
    const QStringList a{QStringLiteral("a.txt")};
    EXPECT_EQ(validationError(hashParams(a, {{QStringLiteral("output"), "a.txt"}})),
              message.arg(path("a.txt"), path("a.txt")));
    EXPECT_EQ(validationError(hashParams(a, {{QStringLiteral("output"), "link-to-a"}})),
              message.arg(path("link-to-a"), path("a.txt")));
    EXPECT_EQ(validationError(hashParams(a, {{QStringLiteral("output"), "hard-a"}})),
              message.arg(path("hard-a"), path("a.txt")));
    EXPECT_EQ(validationError(hashParams({QStringLiteral("./tree/../a.txt")},
                                         {{QStringLiteral("output"), "a.txt"}})),
              message.arg(path("a.txt"), path("./tree/../a.txt")));
    // A file below a folder being hashed, also through a link to the folder.
    for (const char *folder : {"tree", "tree-link"}) {
        EXPECT_EQ(validationError(hashParams({QString::fromLatin1(folder)},
                                             {{QStringLiteral("output"), "tree/sub/SUMS"}})),
                  QStringLiteral("the manifest %1 would overwrite %2, which is being hashed as "
                                 "part of %3: write it elsewhere")
                      .arg(path("tree/sub/SUMS"), path("tree/sub/SUMS"), path(QByteArray(folder))));
    }
    // Beside the inputs, or new inside a folder (the scan comes first), is fine.
    EXPECT_TRUE(kind().validate(hashParams(a, {{QStringLiteral("output"), "SUMS"}})).ok());
    EXPECT_TRUE(kind()
                    .validate(hashParams({QStringLiteral("tree")},
                                         {{QStringLiteral("output"), "tree/NEW"}}))
                    .ok());
}

TEST_F(HashJobValidation, NamesAnUnknownAlgorithmAndTheChoices) {
    writeFile(root + "/a.txt", "x");
    EXPECT_EQ(validationError(
                  hashParams({QStringLiteral("a.txt")}, {{QStringLiteral("algorithm"), "sha3"}})),
              QStringLiteral("unknown algorithm 'sha3': use sha256, sha512, sha1, md5 or blake2b"));
}

TEST_F(HashJobValidation, NamesAMissingManifestAndAFolderGivenAsOne) {
    ASSERT_TRUE(QDir().mkpath(path("afolder")));
    EXPECT_EQ(validationError({{QStringLiteral("verify"), path("SUMS")}}),
              QStringLiteral("no such file or directory: %1").arg(path("SUMS")));
    EXPECT_EQ(validationError({{QStringLiteral("verify"), path("afolder")}}),
              QStringLiteral("%1 is a folder, not a checksum manifest").arg(path("afolder")));
}

// As sha256sum -c, the run judges the lines: one that is not a checksum line
// is skipped, and a manifest without any fails the run, not the validation.
TEST_F(HashJobValidation, LeavesTheLinesToTheRunAndInfersTheAlgorithmFromOneThatTells) {
    writeFile(root + "/SUMS", "# header\nERR\n" + QByteArray(32, 'a') + "  a\n");
    const auto normalized = kind().validate({{QStringLiteral("verify"), path("SUMS")}});
    ASSERT_TRUE(normalized.ok()) << normalized.error().toStdString();
    EXPECT_EQ(normalized->value(QStringLiteral("algorithm")).toString(), QStringLiteral("md5"));

    writeFile(root + "/EMPTY", "# nothing here\n\n");
    const auto empty = kind().validate({{QStringLiteral("verify"), path("EMPTY")}});
    ASSERT_TRUE(empty.ok()) << empty.error().toStdString();
    EXPECT_FALSE(empty->contains(QStringLiteral("algorithm")));
}

TEST_F(HashJobValidation, KeepsTheVerifyOptionsOfSha256sum) {
    writeFile(root + "/SUMS", QByteArray(64, 'a') + "  a\n");
    const QVariantMap params{{QStringLiteral("verify"), path("SUMS")},
                             {QStringLiteral("strict"), true},
                             {QStringLiteral("ignore_missing"), true},
                             {QStringLiteral("warn"), true},
                             {QStringLiteral("quiet"), false}};
    const auto normalized = kind().validate(params);
    ASSERT_TRUE(normalized.ok()) << normalized.error().toStdString();
    EXPECT_EQ(normalized->value(QStringLiteral("strict")), true);
    EXPECT_EQ(normalized->value(QStringLiteral("ignore_missing")), true);
    EXPECT_EQ(normalized->value(QStringLiteral("warn")), true);
    EXPECT_FALSE(normalized->contains(QStringLiteral("quiet")));
    EXPECT_EQ(*kind().validate(*normalized), *normalized);
}

TEST_F(HashJobValidation, RefusesVerifyOptionsForHashingAndMoreThanOneOfQuietStatusWarn) {
    writeFile(root + "/a.txt", "x");
    writeFile(root + "/SUMS", QByteArray(64, 'a') + "  a\n");
    EXPECT_EQ(
        validationError(hashParams({QStringLiteral("a.txt")}, {{QStringLiteral("strict"), true}})),
        QStringLiteral("strict is for verifying a manifest, not for hashing"));
    EXPECT_EQ(validationError({{QStringLiteral("verify"), path("SUMS")},
                               {QStringLiteral("quiet"), true},
                               {QStringLiteral("status"), true}}),
              QStringLiteral("quiet, status and warn exclude each other: give one"));
    EXPECT_EQ(validationError({{QStringLiteral("verify"), path("SUMS")},
                               {QStringLiteral("ignore_missing"), QStringLiteral("yes")}}),
              QStringLiteral("ignore_missing must be true or false"));
}

TEST_F(HashJobValidation, WantsExactlyOneOfPathsAndVerify) {
    writeFile(root + "/a.txt", "x");
    EXPECT_EQ(validationError(hashParams({QStringLiteral("a.txt")},
                                         {{QStringLiteral("verify"), path("SUMS")}})),
              QStringLiteral("give either paths to hash or a manifest to verify, not both"));
    EXPECT_EQ(validationError({{QStringLiteral("algorithm"), "md5"}}),
              QStringLiteral("nothing to do: give paths to hash or a manifest to verify"));
    EXPECT_EQ(validationError({{QStringLiteral("paths"), QStringList{}}}),
              QStringLiteral("paths must list the files or folders to hash"));
}

TEST_F(HashJobValidation, RefusesUnknownParametersAndARelativeBaseDir) {
    writeFile(root + "/a.txt", "x");
    EXPECT_EQ(
        validationError(hashParams({QStringLiteral("a.txt")}, {{QStringLiteral("ouptut"), "x"}})),
        QStringLiteral("unknown parameter 'ouptut' for a hash job: use paths, verify, "
                       "algorithm, output, base_dir, strict, ignore_missing, quiet, status or "
                       "warn"));
    EXPECT_EQ(validationError({{QStringLiteral("paths"), QStringList{"a.txt"}},
                               {QStringLiteral("base_dir"), "relative/dir"}}),
              QStringLiteral("base_dir must be an absolute path: relative/dir"));
}

TEST_F(HashJobValidation, TheQueueRefusesWithTheSameMessage) {
    JobSpec spec;
    spec.kind = QStringLiteral("hash");
    spec.params = hashParams({QStringLiteral("nope")});
    const auto id = queue.add(spec);
    ASSERT_FALSE(id.ok());
    EXPECT_TRUE(
        id.error().contains(QStringLiteral("no such file or directory: %1").arg(path("nope"))))
        << id.error().toStdString();
}

TEST_F(HashJobValidation, FillsInTheCurrentFolderAndSha256ForHashing) {
    writeFile(root + "/a.txt", "x");
    const QString before = QDir::currentPath();
    ASSERT_TRUE(QDir::setCurrent(tmp.path()));
    const auto normalized = kind().validate(
        {{QStringLiteral("paths"), QStringList{"a.txt"}}, {QStringLiteral("output"), "S"}});
    QDir::setCurrent(before);
    ASSERT_TRUE(normalized.ok()) << normalized.error().toStdString();
    EXPECT_EQ(normalized->value(QStringLiteral("paths")).toStringList(), QStringList{"a.txt"});
    EXPECT_EQ(normalized->value(QStringLiteral("base_dir")).toString(),
              QDir(tmp.path()).canonicalPath());
    EXPECT_EQ(normalized->value(QStringLiteral("algorithm")).toString(), QStringLiteral("sha256"));
    EXPECT_EQ(normalized->value(QStringLiteral("output")).toString(),
              QDir(tmp.path()).canonicalPath() + QStringLiteral("/S"));
    // Normalizing is idempotent.
    const auto again = kind().validate(*normalized);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *normalized);
}

TEST_F(HashJobValidation, FillsInTheManifestsFolderAndItsAlgorithmForVerifying) {
    writeFile(root + "/sums/MD5SUMS", QByteArray(32, 'a') + "  x\n");
    const auto normalized = kind().validate({{QStringLiteral("verify"), path("sums/MD5SUMS")}});
    ASSERT_TRUE(normalized.ok()) << normalized.error().toStdString();
    EXPECT_EQ(normalized->value(QStringLiteral("base_dir")).toString(), path("sums"));
    EXPECT_EQ(normalized->value(QStringLiteral("algorithm")).toString(), QStringLiteral("md5"));
    // An explicit base_dir also anchors a relative manifest path.
    const auto anchored = kind().validate(
        {{QStringLiteral("verify"), "sums/MD5SUMS"}, {QStringLiteral("base_dir"), tmp.path()}});
    ASSERT_TRUE(anchored.ok()) << anchored.error().toStdString();
    EXPECT_EQ(anchored->value(QStringLiteral("verify")).toString(), path("sums/MD5SUMS"));
    EXPECT_EQ(anchored->value(QStringLiteral("base_dir")).toString(), tmp.path());
}
