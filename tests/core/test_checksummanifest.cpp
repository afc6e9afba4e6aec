// The coreutils checksum file format: writing lines, "-c" lines, and reading
// manifests back, checked against the literal bytes coreutils 9.1 produces and,
// for reading, against what sha256sum -c itself accepts.
#include "checksummanifest.h"
#include "hashtestsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

const QByteArray helloDigest =
    QByteArray::fromHex("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
const QByteArray helloHex = helloDigest.toHex();

QByteArray line(const QByteArray &name,
                ChecksumManifest::Style style = ChecksumManifest::Style::Untagged,
                HashAlgorithm algorithm = HashAlgorithm::Sha256) {
    return ChecksumManifest::formatLine(helloDigest, name, algorithm, style);
}

QList<ChecksumManifest::Entry> parseOk(const QByteArray &text,
                                       HashAlgorithm algorithm = HashAlgorithm::Sha256) {
    auto entries = ChecksumManifest::parse(text, algorithm, QStringLiteral("SUMS"));
    EXPECT_TRUE(entries.ok()) << entries.error().toStdString();
    return entries.ok() ? *entries : QList<ChecksumManifest::Entry>{};
}

QString parseError(const QByteArray &text, HashAlgorithm algorithm = HashAlgorithm::Sha256) {
    auto entries = ChecksumManifest::parse(text, algorithm, QStringLiteral("/m/SUMS"));
    EXPECT_FALSE(entries.ok()) << "parsed: " << text.toStdString();
    return entries.error();
}

QByteArrayList names(const QList<ChecksumManifest::Entry> &entries) {
    QByteArrayList result;
    for (const auto &entry : entries)
        result.append(entry.name);
    return result;
}

} // namespace

TEST(ChecksumManifestFormat, WritesHexTwoSpacesAndTheName) {
    EXPECT_EQ(line("dir/a file.txt"), helloHex + "  dir/a file.txt\n");
}

TEST(ChecksumManifestFormat, EscapesBackslashNewlineAndCarriageReturnBehindALeadingBackslash) {
    EXPECT_EQ(line("b\\c"), "\\" + helloHex + "  b\\\\c\n");
    EXPECT_EQ(line("n\nl"), "\\" + helloHex + "  n\\nl\n");
    EXPECT_EQ(line("c\rr"), "\\" + helloHex + "  c\\rr\n");
    EXPECT_EQ(line("all\\\n\r"), "\\" + helloHex + "  all\\\\\\n\\r\n");
}

TEST(ChecksumManifestFormat, LeavesOtherBytesAlone) {
    EXPECT_EQ(line("ünï cødé\t*(x)"), helloHex + "  ünï cødé\t*(x)\n");
    EXPECT_EQ(line("\xff\xfe"), helloHex + "  \xff\xfe\n");
}

TEST(ChecksumManifestFormat, WritesTheTaggedFormAsSha256sumTagDoes) {
    EXPECT_EQ(line("a", ChecksumManifest::Style::Tagged), "SHA256 (a) = " + helloHex + "\n");
    EXPECT_EQ(line("b\\c", ChecksumManifest::Style::Tagged),
              "\\SHA256 (b\\\\c) = " + helloHex + "\n");
    const QByteArray digest(64, '\x11');
    EXPECT_EQ(ChecksumManifest::formatLine(digest, "a", HashAlgorithm::Blake2b,
                                           ChecksumManifest::Style::Tagged),
              "BLAKE2b (a) = " + digest.toHex() + "\n");
}

TEST(ChecksumManifestFormat, CheckLinesEscapeOnlyNamesWithANewline) {
    EXPECT_EQ(ChecksumManifest::formatCheckLine("a b", "OK"), "a b: OK");
    EXPECT_EQ(ChecksumManifest::formatCheckLine("b\\c", "FAILED"), "b\\c: FAILED");
    EXPECT_EQ(ChecksumManifest::formatCheckLine("c\rr", "OK"), "c\rr: OK");
    EXPECT_EQ(ChecksumManifest::formatCheckLine("n\nl\\\r", "FAILED open or read"),
              "\\n\\nl\\\\\\r: FAILED open or read");
}

TEST(ChecksumManifestParse, ReadsTextAndBinaryLinesWithTheirLineNumbers) {
    const auto entries = parseOk(helloHex + "  a\n" + helloHex + " *b c\n");
    ASSERT_EQ(entries.size(), 2);
    EXPECT_EQ(entries[0].name, "a");
    EXPECT_EQ(entries[0].digest, helloDigest);
    EXPECT_EQ(entries[0].line, 1);
    EXPECT_EQ(entries[1].name, "b c");
    EXPECT_EQ(entries[1].line, 2);
}

TEST(ChecksumManifestParse, ReadsBackEveryNameItWrites) {
    const QByteArrayList written{"plain", "b\\c",   "n\nl", "c\rr", "\\\\",
                                 " lead", "trail ", "ünï",  "x)y",  "\xff"};
    for (auto style : {ChecksumManifest::Style::Untagged, ChecksumManifest::Style::Tagged}) {
        QByteArray text;
        for (const QByteArray &name : written)
            text += line(name, style);
        EXPECT_EQ(names(parseOk(text)), written);
    }
}

TEST(ChecksumManifestParse, SkipsCommentsAndEmptyLinesAndAcceptsCrlfUppercaseAndIndent) {
    const auto entries = parseOk("# made by hand\n\n" + helloHex.toUpper() + "  a\r\n  \t" +
                                 helloHex + "  b\n\r\n" + helloHex + "  last");
    EXPECT_EQ(names(entries), (QByteArrayList{"a", "b", "last"}));
    ASSERT_EQ(entries.size(), 3);
    EXPECT_EQ(entries[0].digest, helloDigest);
    EXPECT_EQ(entries[1].line, 4);
    EXPECT_EQ(entries[2].line, 6);
}

TEST(ChecksumManifestParse, ReadsTheTaggedFormWithLooseSpacingAndParenthesesInNames) {
    const auto entries = parseOk("SHA256(a)=" + helloHex + "\nSHA256 (p)q) =  " + helloHex +
                                 "\n\\SHA256 (b\\\\c) = " + helloHex + "\n");
    EXPECT_EQ(names(entries), (QByteArrayList{"a", "p)q", "b\\c"}));
}

TEST(ChecksumManifestParse, OneSpaceLinesAreAcceptedButNotMixedWithTwoSpaceLines) {
    // As coreutils: once the first line had one space, "HEX  a" names " a".
    EXPECT_EQ(names(parseOk(helloHex + " a\n" + helloHex + "  a\n")), (QByteArrayList{"a", " a"}));
    EXPECT_EQ(parseError(helloHex + "  a\n" + helloHex + " a\n"),
              "/m/SUMS:2: not a sha256 checksum line");
}

TEST(ChecksumManifestParse, NamesTheManifestAndLineOfTheFirstMalformedLine) {
    const QByteArray good = helloHex + "  ok\n";
    const QList<std::pair<QByteArray, int>> cases{
        {good + "# fine\n" + helloHex.left(63) + "  short\n", 3},
        {good + helloHex + "0  long\n", 2},
        {good + helloHex.left(63) + "g  nothex\n", 2},
        {"\\" + helloHex + "  bad\\escape\n", 1},
        {"\\" + helloHex + "  trailing\\\n", 1},
        {good + good + "SHA1 (a) = " + QByteArray(40, 'a') + "\n", 3},
        {"sha256 (a) = " + helloHex + "\n", 1},
        {"SHA256 (a) = " + helloHex + " \n", 1},
        {"SHA256 (a = " + helloHex + "\n", 1},
        {good + "   \n", 2},
        {helloHex + "\n", 1},
        {helloHex + "-x\n", 1},
    };
    for (const auto &[text, lineNumber] : cases) {
        EXPECT_EQ(parseError(text),
                  QStringLiteral("/m/SUMS:%1: not a sha256 checksum line").arg(lineNumber))
            << text.toStdString();
    }
    EXPECT_EQ(parseError(good, HashAlgorithm::Md5), "/m/SUMS:1: not a md5 checksum line");
}

TEST(ChecksumManifestParse, FailsWhenThereIsNoChecksumLine) {
    EXPECT_EQ(parseError("# only a comment\n\n"), "/m/SUMS: no sha256 checksum lines");
    EXPECT_EQ(parseError(""), "/m/SUMS: no sha256 checksum lines");
}

TEST(ChecksumManifestParse, ReadsBlake2bOnlyAtFullLength) {
    const QByteArray hex(128, 'a');
    EXPECT_EQ(
        parseOk("BLAKE2b-512 (a) = " + hex + "\n" + hex + "  b\n", HashAlgorithm::Blake2b).size(),
        2);
    EXPECT_EQ(parseError("BLAKE2b-256 (a) = " + QByteArray(64, 'a') + "\n", HashAlgorithm::Blake2b),
              "/m/SUMS:1: not a blake2b checksum line");
}

TEST(ChecksumManifestDetect, InfersTheAlgorithmFromTheTagOrTheDigestLength) {
    const auto detect = [](const QByteArray &text, const QString &file = QStringLiteral("SUMS")) {
        return ChecksumManifest::detectAlgorithm(text, file);
    };
    EXPECT_EQ(detect("# c\n\nMD5 (a) = x\n"), HashAlgorithm::Md5);
    EXPECT_EQ(detect("\\SHA1 (a\\\\b) = x\n"), HashAlgorithm::Sha1);
    EXPECT_EQ(detect("BLAKE2b (a) = x\n"), HashAlgorithm::Blake2b);
    EXPECT_EQ(detect(QByteArray(32, 'a') + "  a\n"), HashAlgorithm::Md5);
    EXPECT_EQ(detect(QByteArray(40, 'a') + "  a\n"), HashAlgorithm::Sha1);
    EXPECT_EQ(detect(QByteArray(64, 'a') + "  a\n"), HashAlgorithm::Sha256);
    EXPECT_EQ(detect(QByteArray(128, 'a') + "  a\n"), HashAlgorithm::Sha512);
    for (const char *file : {"x.b2", "x.blake2b", "B2SUMS.b2sum"})
        EXPECT_EQ(detect(QByteArray(128, 'a') + "  a\n", QString::fromLatin1(file)),
                  HashAlgorithm::Blake2b);
    EXPECT_EQ(detect(QByteArray(50, 'a') + "  a\n"), std::nullopt);
    EXPECT_EQ(detect("hello\n"), std::nullopt);
}

// Every line below is fed to the real sha256sum -c: it must accept exactly the
// manifests we accept, and print for each entry the line we would print.
TEST(ChecksumManifestParse, AcceptsExactlyWhatSha256sumCheckAccepts) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QByteArray root = QFile::encodeName(dir.path());
    for (const QByteArray &name : {QByteArray("a"), QByteArray("b\\c"), QByteArray("n\nl"),
                                   QByteArray("p)q"), QByteArray(" a")})
        writeFile(root + '/' + name, "hello");
    writeFile(root + "/wrong", "not hello");
    const QByteArray h = helloHex;
    const QByteArrayList manifests{
        h + "  a\n",
        h + " *a\n",
        h.toUpper() + "  a\n",
        "  " + h + "  a\n",
        "\t" + h + "\t a\n",
        h + " a\n",
        h + " a\n" + h + "  a\n",
        h + "  a\n" + h + " a\n",
        "SHA256 (a) = " + h + "\n",
        "SHA256(a)=" + h + "\n",
        "SHA256 (a)   =   " + h + "\n",
        "SHA256 (p)q) = " + h + "\n",
        "\\SHA256 (b\\\\c) = " + h + "\n",
        "\\" + h + "  b\\\\c\n",
        "\\" + h + "  n\\nl\n",
        "\\" + h + "  a\n",
        "\\" + h + "  bad\\s\n",
        "\\" + h + "  trailing\\\n",
        h + "  a\r\n",
        "# comment\n\n" + h + "  a\n",
        h + "0  a\n",
        h.left(62) + "  a\n",
        h.left(63) + "g  a\n",
        "SHA1 (a) = " + QByteArray(40, 'a') + "\n",
        "SHA256 (a) = " + h + " \n",
        "sha256 (a) = " + h + "\n",
        "SHA256 (a = " + h + "\n",
        h + "  \n",
        h + " *\n",
        "   \n",
        h + "\n",
        h + "  wrong\n" + h + "  missing\n",
        h + "  a\\b\n",
    };
    for (const QByteArray &manifest : manifests) {
        writeFile(root + "/SUMS", manifest);
        const ShellResult tool = runShell(QStringLiteral("sha256sum -c SUMS"), dir.path());
        const bool toolAccepts = !tool.err.contains("improperly formatted") &&
                                 !tool.err.contains("no properly formatted");
        const auto ours = ChecksumManifest::parse(manifest, HashAlgorithm::Sha256, "SUMS");
        EXPECT_EQ(ours.ok(), toolAccepts) << manifest.toStdString() << tool.err.toStdString();
        if (!ours.ok() || !toolAccepts)
            continue;
        QByteArray expected;
        for (const auto &entry : *ours) {
            QFile file(QFile::decodeName(root + '/' + entry.name));
            const char *status = "FAILED open or read";
            if (file.open(QIODevice::ReadOnly))
                status = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256) ==
                                 entry.digest
                             ? "OK"
                             : "FAILED";
            expected += ChecksumManifest::formatCheckLine(entry.name, status) + '\n';
        }
        EXPECT_EQ(tool.out, expected) << manifest.toStdString();
    }
}
