// The hash job through the real JobQueue: manifests byte-identical to the
// coreutils tools, verification that agrees with sha256sum -c, and the
// messages and summaries a person reads.
#include "hashjobfixture.h"
#include "kinds/builtinkinds.h"

#include "kinds/hash/checksummanifest.h"
#include "kinds/hash/hashjobkind.h"

#include <QFileInfo>

namespace {

QByteArrayList lines(const QByteArray &text) {
    QByteArrayList result = text.split('\n');
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

QString manifestOf(const JobSnapshot &job) {
    return job.result.details.value(QStringLiteral("manifest")).toString();
}

QByteArray readFile(const QString &path) {
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return file.readAll();
}

} // namespace

class HashJob : public HashJobFixture {};
class HashJobWithEachAlgorithm : public HashJobFixture,
                                 public ::testing::WithParamInterface<HashAlgorithm> {};

INSTANTIATE_TEST_SUITE_P(Algorithms, HashJobWithEachAlgorithm,
                         ::testing::Values(HashAlgorithm::Sha256, HashAlgorithm::Sha512,
                                           HashAlgorithm::Sha1, HashAlgorithm::Md5,
                                           HashAlgorithm::Blake2b),
                         [](const auto &info) {
                             return hashAlgorithmName(info.param).toStdString();
                         });

TEST_P(HashJobWithEachAlgorithm, WritesTheManifestTheCoreutilsToolPrintsByteForByte) {
    makeTree();
    const QString algorithm = hashAlgorithmName(GetParam());
    const QStringList arguments{QStringLiteral("tree"),
                                QStringLiteral("single.bin"),
                                QStringLiteral("tree/sub/"),
                                QStringLiteral("./tree/sub/deeper"),
                                QStringLiteral("tree/link-to-plain"),
                                QStringLiteral("tree/sub//")};
    const QByteArray expected = toolManifest(hashAlgorithmTool(GetParam()), arguments);
    ASSERT_EQ(lines(expected).size(), 11 + 1 + 2 + 1 + 1 + 2);

    const JobSnapshot inDetails =
        run(hashParams(arguments, {{QStringLiteral("algorithm"), algorithm}}));
    ASSERT_EQ(inDetails.state, JobState::Succeeded) << inDetails.result.error.toStdString();
    EXPECT_EQ(manifestOf(inDetails).toUtf8(), expected);
    EXPECT_EQ(inDetails.result.details.value(QStringLiteral("files")).toLongLong(), 18);

    const JobSnapshot inFile = run(hashParams(
        arguments, {{QStringLiteral("algorithm"), algorithm}, {QStringLiteral("output"), "SUMS"}}));
    ASSERT_EQ(inFile.state, JobState::Succeeded) << inFile.result.error.toStdString();
    EXPECT_EQ(readFile(path("SUMS")), expected);
    EXPECT_FALSE(inFile.result.details.contains(QStringLiteral("manifest")));
}

TEST_P(HashJobWithEachAlgorithm, VerifyReadsTheToolsOwnManifestsAndInfersTheAlgorithm) {
    makeTree();
    const QString tool = hashAlgorithmTool(GetParam());
    // b2sum's lines look like sha512sum's: only the file name tells them
    // apart, as the tools' usual names do.
    const QString plainName = GetParam() == HashAlgorithm::Blake2b  ? "B2SUMS"
                              : GetParam() == HashAlgorithm::Sha512 ? "SHA512SUMS"
                                                                    : "SUMS";
    writeFile(root + "/" + plainName.toUtf8(), toolManifest(tool, {QStringLiteral("tree")}));
    writeFile(root + "/TAGGED", toolManifest(tool, {QStringLiteral("tree")}, "--tag"));

    for (const QString &manifest : {plainName, QStringLiteral("TAGGED")}) {
        const QVariantMap params{{QStringLiteral("verify"), path(manifest.toUtf8())}};
        const auto normalized = kind().validate(params);
        ASSERT_TRUE(normalized.ok()) << normalized.error().toStdString();
        EXPECT_EQ(normalized->value(QStringLiteral("algorithm")), hashAlgorithmName(GetParam()));

        const JobSnapshot job = run(params);
        ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
        EXPECT_EQ(job.result.details.value(QStringLiteral("ok")).toInt(), 11);
    }
}

TEST_F(HashJob, Sha256sumCheckAcceptsTheManifestItWrites) {
    makeTree();
    const JobSnapshot job =
        run(hashParams({QStringLiteral("tree")}, {{QStringLiteral("output"), "SUMS"}}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    const ShellResult check = runShell(QStringLiteral("sha256sum --strict -c SUMS"), tmp.path());
    EXPECT_EQ(check.exitCode, 0) << check.out.toStdString() << check.err.toStdString();
    EXPECT_EQ(lines(check.out).size(), 11);
    EXPECT_TRUE(check.err.isEmpty()) << check.err.toStdString();
}

TEST_F(HashJob, VerifyingAnIntactCopySucceedsAndLogsWhatSha256sumCheckPrints) {
    makeTree();
    ASSERT_EQ(run(hashParams({QStringLiteral("tree")}, {{QStringLiteral("output"), "SUMS"}})).state,
              JobState::Succeeded);
    ASSERT_EQ(runShell(QStringLiteral("mkdir copy && cp -a tree SUMS copy/"), tmp.path()).exitCode,
              0);

    // No base_dir: names resolve against the manifest's folder, the copy.
    const JobSnapshot job = run({{QStringLiteral("verify"), path("copy/SUMS")}});
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    const ShellResult check = runShell(QStringLiteral("sha256sum -c SUMS"), path("copy"));
    EXPECT_EQ(check.exitCode, 0);
    EXPECT_EQ(logs.value(job.id), lines(check.out));
    EXPECT_EQ(job.result.details.value(QStringLiteral("ok")).toInt(), 11);
    EXPECT_TRUE(job.result.details.value(QStringLiteral("mismatched")).toStringList().isEmpty());
    EXPECT_TRUE(job.result.details.value(QStringLiteral("missing")).toStringList().isEmpty());
    EXPECT_EQ(job.result.summary, QStringLiteral("11 files, 3.2 MB, 0 mismatches"));
}

TEST_F(HashJob, VerifyingACorruptedCopyFailsNamingTheFilesThatDidNotMatch) {
    makeTree();
    ASSERT_EQ(run(hashParams({QStringLiteral("tree")}, {{QStringLiteral("output"), "SUMS"}})).state,
              JobState::Succeeded);
    ASSERT_EQ(runShell(QStringLiteral("mkdir copy && cp -a tree SUMS copy/"), tmp.path()).exitCode,
              0);
    writeFile(root + "/copy/tree/with space.txt", "changed");
    ASSERT_TRUE(QFile::remove(path("copy/tree/new\nline.txt")));

    const JobSnapshot job = run({{QStringLiteral("verify"), path("copy/SUMS")}});
    ASSERT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.result.error, QStringLiteral("2 of 11 files did not match: tree/new\nline.txt, "
                                               "tree/with space.txt"));
    EXPECT_EQ(job.result.details.value(QStringLiteral("mismatched")).toStringList(),
              QStringList{QStringLiteral("tree/with space.txt")});
    EXPECT_EQ(job.result.details.value(QStringLiteral("missing")).toStringList(),
              QStringList{QStringLiteral("tree/new\nline.txt")});
    EXPECT_EQ(job.result.details.value(QStringLiteral("ok")).toInt(), 9);
    EXPECT_TRUE(job.result.summary.endsWith(QStringLiteral(", 1 mismatch, 1 missing")))
        << job.result.summary.toStdString();

    const ShellResult check = runShell(QStringLiteral("sha256sum -c SUMS"), path("copy"));
    EXPECT_EQ(check.exitCode, 1);
    QByteArrayList checkLines;
    QByteArrayList diagnostics;
    for (const QByteArray &line : logs.value(job.id))
        (ChecksumManifest::isCheckLine(QString::fromUtf8(line)) ? checkLines : diagnostics)
            .append(line);
    EXPECT_EQ(checkLines, lines(check.out));
    EXPECT_TRUE(checkLines.contains("\\tree/new\\nline.txt: FAILED open or read"));
    EXPECT_TRUE(checkLines.contains("tree/with space.txt: FAILED"));
    // What sha256sum -c says on stderr, the reason in our words.
    EXPECT_EQ(diagnostics,
              (QByteArrayList{QStringLiteral("cannot read %1: no such file or directory")
                                  .arg(path("copy/tree/new\nline.txt"))
                                  .toUtf8(),
                              "WARNING: 1 listed file could not be read",
                              "WARNING: 1 computed checksum did NOT match"}));
}

// sha256sum -c warns about a line that is not a checksum line and checks the
// rest; only --strict makes it fail.
TEST_F(HashJob, VerifyingSkipsAMalformedLineChecksTheRestAndFailsOnlyWhenStrict) {
    writeFile(root + "/a.txt", "hello\n");
    const QByteArray good = toolManifest("sha256sum", {QStringLiteral("a.txt")});
    writeFile(root + "/SUMS", "ERR\n" + good + good.left(60) + "\n");

    const JobSnapshot lenient = run({{QStringLiteral("verify"), path("SUMS")}});
    ASSERT_EQ(lenient.state, JobState::Succeeded) << lenient.result.error.toStdString();
    EXPECT_EQ(lenient.result.details.value(QStringLiteral("ok")).toInt(), 1);
    EXPECT_EQ(lenient.result.details.value(QStringLiteral("improperly_formatted")).toInt(), 2);
    EXPECT_EQ(logs.value(lenient.id),
              (QByteArrayList{"a.txt: OK", "WARNING: 2 lines are improperly formatted"}));
    EXPECT_EQ(lenient.result.summary,
              QStringLiteral("1 file, 6 bytes, 0 mismatches, 2 improperly formatted"));

    const JobSnapshot strict =
        run({{QStringLiteral("verify"), path("SUMS")}, {QStringLiteral("strict"), true}});
    ASSERT_EQ(strict.state, JobState::Failed);
    EXPECT_EQ(strict.result.error, QStringLiteral("2 lines are improperly formatted"));

    const JobSnapshot warned =
        run({{QStringLiteral("verify"), path("SUMS")}, {QStringLiteral("warn"), true}});
    EXPECT_EQ(warned.state, JobState::Succeeded);
    const QString warning = QStringLiteral("%1: %2: improperly formatted SHA256 checksum line");
    EXPECT_EQ(logs.value(warned.id),
              (QByteArrayList{warning.arg(path("SUMS")).arg(1).toUtf8(), "a.txt: OK",
                              warning.arg(path("SUMS")).arg(3).toUtf8(),
                              "WARNING: 2 lines are improperly formatted"}));
}

TEST_F(HashJob, VerifyingAManifestWithoutChecksumLinesFailsAsSha256sumCheckDoes) {
    writeFile(root + "/SUMS", "not a checksum line\n");
    const JobSnapshot job = run({{QStringLiteral("verify"), path("SUMS")}});
    ASSERT_EQ(job.state, JobState::Failed);
    const QString message =
        QStringLiteral("%1: no properly formatted checksum lines found").arg(path("SUMS"));
    EXPECT_EQ(job.result.error, message);
    EXPECT_EQ(logs.value(job.id), QByteArrayList{message.toUtf8()});
}

TEST_F(HashJob, WithIgnoreMissingAMissingFileIsNeitherCheckedNorReported) {
    writeFile(root + "/a.txt", "hello\n");
    const QByteArray good = toolManifest("sha256sum", {QStringLiteral("a.txt")});
    writeFile(root + "/SUMS", good + QByteArray(good).replace("a.txt", "gone.txt"));
    const QVariantMap params{{QStringLiteral("verify"), path("SUMS")},
                             {QStringLiteral("ignore_missing"), true}};
    const JobSnapshot job = run(params);
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(logs.value(job.id), QByteArrayList{"a.txt: OK"});
    EXPECT_EQ(job.result.details.value(QStringLiteral("ignored")).toStringList(),
              QStringList{QStringLiteral("gone.txt")});

    // Nothing left to verify is a failure, as coreutils has it.
    writeFile(root + "/GONE", QByteArray(good).replace("a.txt", "gone.txt"));
    const JobSnapshot none =
        run({{QStringLiteral("verify"), path("GONE")}, {QStringLiteral("ignore_missing"), true}});
    ASSERT_EQ(none.state, JobState::Failed);
    EXPECT_EQ(none.result.error, QStringLiteral("%1: no file was verified").arg(path("GONE")));
}

TEST_F(HashJob, AFailureMessageListsThreeNamesAndCountsTheRest) {
    for (int i = 0; i < 6; ++i)
        writeFile(root + "/f/" + QByteArray::number(i), QByteArray::number(i));
    ASSERT_EQ(run(hashParams({QStringLiteral("f")}, {{QStringLiteral("output"), "SUMS"}})).state,
              JobState::Succeeded);
    for (int i = 1; i < 6; ++i)
        writeFile(root + "/f/" + QByteArray::number(i), "changed");

    const JobSnapshot job = run({{QStringLiteral("verify"), path("SUMS")}});
    ASSERT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.result.error,
              QStringLiteral("5 of 6 files did not match: f/1, f/2, f/3 and 2 more"));
}

TEST_F(HashJob, SummaryGroupsThousandsAndCountsBytesInDecimalUnits) {
    const QByteArray content(1000, 'x');
    for (int i = 0; i < 1204; ++i)
        writeFile(root + "/many/" + QByteArray::number(i), content);
    const JobSnapshot job = run(hashParams({QStringLiteral("many")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(job.result.summary, QStringLiteral("1,204 files, 1.2 MB"));
    EXPECT_EQ(job.result.details.value(QStringLiteral("files")).toLongLong(), 1204);
    EXPECT_EQ(job.result.details.value(QStringLiteral("bytes")).toLongLong(), 1204000);
    EXPECT_EQ(job.unit, ProgressUnit::Bytes);
    EXPECT_EQ(job.total, 1204000);
    EXPECT_EQ(job.done, 1204000);
}

TEST_F(HashJob, AnExplicitSymlinkToAFolderIsHashedAsThatFolder) {
    makeTree();
    ASSERT_TRUE(QFile::link(QStringLiteral("tree/sub"), path("sublink")));
    const JobSnapshot job = run(hashParams({QStringLiteral("sublink")}));
    ASSERT_EQ(job.state, JobState::Succeeded) << job.result.error.toStdString();
    EXPECT_EQ(manifestOf(job).toUtf8(), toolManifest("sha256sum", {QStringLiteral("sublink")}));
    EXPECT_TRUE(manifestOf(job).contains(QStringLiteral("  sublink/deeper/nested.bin\n")));
}

TEST_F(HashJob, UnreadableFilesFailTheJobAfterTheRestIsHashedAndWritten) {
    makeTree();
    writeFile(root + "/tree/locked.txt", "secret");
    writeFile(root + "/tree/locked-folder/inside", "secret");
    ASSERT_TRUE(QDir().mkpath(path("out")));
    ASSERT_EQ(runShell(QStringLiteral("chmod 000 tree/locked.txt tree/locked-folder && "
                                      "chmod 777 out"),
                       tmp.path())
                  .exitCode,
              0);
    const QByteArray readable =
        runShell(QStringLiteral(
                     "find tree -path tree/locked-folder -prune -o -type f ! -name locked.txt "
                     "-print0 | LC_ALL=C sort -z | xargs -0 sha256sum"),
                 tmp.path())
            .out;

    JobSnapshot job;
    {
        const AsUnprivilegedUser nobody;
        job = run(hashParams({QStringLiteral("tree")}, {{QStringLiteral("output"), "out/SUMS"}}));
    }
    ASSERT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.result.error,
              QStringLiteral("cannot read %1: permission denied, and 1 more could not be read")
                  .arg(path("tree/locked-folder")));
    EXPECT_EQ(
        job.result.details.value(QStringLiteral("unreadable")).toStringList(),
        (QStringList{QStringLiteral("tree/locked-folder"), QStringLiteral("tree/locked.txt")}));
    EXPECT_EQ(readFile(path("out/SUMS")), readable);
    EXPECT_EQ(job.result.details.value(QStringLiteral("files")).toLongLong(), 11);
    EXPECT_TRUE(logs.value(job.id).contains(
        QStringLiteral("cannot read %1: permission denied").arg(path("tree/locked.txt")).toUtf8()));
}

TEST_F(HashJob, IsABuiltinKindWithTitlesNamingWhatItWorksOn) {
    const auto registry = BuiltinKinds::registry();
    ASSERT_NE(registry->find(QStringLiteral("hash")), nullptr);
    EXPECT_TRUE(registry->names().contains(QStringLiteral("hash")));
    const HashJobKind hash;
    EXPECT_EQ(hash.defaultTitle({{QStringLiteral("paths"), QStringList{"/home/me/photos/"}}}),
              QStringLiteral("Hash photos/"));
    EXPECT_EQ(hash.defaultTitle({{QStringLiteral("paths"), QStringList{"a.iso", "b", "c"}}}),
              QStringLiteral("Hash a.iso and 2 more"));
    EXPECT_EQ(hash.defaultTitle({{QStringLiteral("verify"), "/backup/SHA256SUMS"}}),
              QStringLiteral("Verify SHA256SUMS"));
    EXPECT_EQ(hash.capabilities(), Cancelable | Pausable | Resumable);
}
