// What HashJobKind::validate() refuses, each with a message naming the thing,
// and how it normalizes what it accepts.
#include "hashjobfixture.h"

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

TEST_F(HashJobValidation, NamesTheManifestAndLineOfAMalformedLine) {
    const QByteArray good(64, 'a');
    writeFile(root + "/SUMS", "# header\n" + good + "  a\n" + good.left(60) + "  b\n");
    EXPECT_EQ(validationError({{QStringLiteral("verify"), path("SUMS")}}),
              QStringLiteral("%1:3: not a sha256 checksum line").arg(path("SUMS")));
}

TEST_F(HashJobValidation, RefusesAManifestWithoutChecksumLines) {
    writeFile(root + "/SUMS", "# nothing here\n\n");
    EXPECT_EQ(validationError({{QStringLiteral("verify"), path("SUMS")}}),
              QStringLiteral("%1: no sha256 checksum lines").arg(path("SUMS")));
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
                       "algorithm, output or base_dir"));
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
