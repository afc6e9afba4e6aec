// The coreutils checksum file format: writing lines, "-c" lines, and reading
// manifests back, checked against the literal bytes coreutils 9.1 produces and,
// for reading, against what sha256sum -c itself accepts.
#include "hashtestsupport.h"
#include "kinds/hash/checksummanifest.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
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
    const ChecksumManifest::Parsed parsed = ChecksumManifest::parse(text, algorithm);
    EXPECT_EQ(parsed.malformedLines, QList<int>{}) << text.toStdString();
    return parsed.entries;
}

QList<int> malformed(const QByteArray &text, HashAlgorithm algorithm = HashAlgorithm::Sha256) {
    return ChecksumManifest::parse(text, algorithm).malformedLines;
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
    EXPECT_EQ(malformed(helloHex + "  a\n" + helloHex + " a\n"), QList<int>{2});
}

TEST(ChecksumManifestParse, ListsTheLinesThatAreNotChecksumLinesAndReadsTheRest) {
    const QByteArray good = helloHex + "  ok\n";
    const QList<std::pair<QByteArray, int>> cases{
        {good + "# fine\n" + helloHex.left(63) + "  short\n", 3},
        {good + helloHex + "0  long\n", 2},
        {good + helloHex.left(63) + "g  nothex\n", 2},
        {"\\" + helloHex + "  bad\\escape\n" + good, 1},
        {"\\" + helloHex + "  trailing\\\n" + good, 1},
        {good + good + "SHA1 (a) = " + QByteArray(40, 'a') + "\n", 3},
        {"sha256 (a) = " + helloHex + "\n" + good, 1},
        {"SHA256 (a) = " + helloHex + " \n" + good, 1},
        {"SHA256 (a = " + helloHex + "\n" + good, 1},
        {good + "   \n", 2},
        {helloHex + "\n" + good, 1},
        {helloHex + "-x\n" + good, 1},
        {"-----BEGIN PGP SIGNED MESSAGE-----\n" + good, 1},
        {QByteArray(64, '\0') + "  nul\n" + good, 1},
    };
    for (const auto &[text, lineNumber] : cases) {
        const ChecksumManifest::Parsed parsed =
            ChecksumManifest::parse(text, HashAlgorithm::Sha256);
        EXPECT_EQ(parsed.malformedLines, QList<int>{lineNumber}) << text.toStdString();
        EXPECT_FALSE(parsed.entries.isEmpty()) << text.toStdString();
        for (const auto &entry : parsed.entries)
            EXPECT_EQ(entry.name, "ok") << text.toStdString();
    }
    EXPECT_EQ(malformed(good, HashAlgorithm::Md5), QList<int>{1});
}

TEST(ChecksumManifestParse, AManifestWithoutChecksumLinesHasNoEntries) {
    EXPECT_TRUE(
        ChecksumManifest::parse("# only a comment\n\n", HashAlgorithm::Sha256).entries.isEmpty());
    EXPECT_TRUE(ChecksumManifest::parse("", HashAlgorithm::Sha256).entries.isEmpty());
    EXPECT_EQ(malformed("not a checksum line\nMD5 (\n"), (QList<int>{1, 2}));
}

TEST(ChecksumManifestParse, ReadsBlake2bOnlyAtFullLength) {
    const QByteArray hex(128, 'a');
    EXPECT_EQ(
        parseOk("BLAKE2b-512 (a) = " + hex + "\n" + hex + "  b\n", HashAlgorithm::Blake2b).size(),
        2);
    EXPECT_EQ(malformed("BLAKE2b-256 (a) = " + QByteArray(64, 'a') + "\n", HashAlgorithm::Blake2b),
              QList<int>{1});
}

TEST(ChecksumManifestParse, TellsCheckLinesFromDiagnostics) {
    for (const QByteArray status : {"OK", "FAILED", "FAILED open or read"}) {
        EXPECT_TRUE(ChecksumManifest::isCheckLine(
            QString::fromUtf8(ChecksumManifest::formatCheckLine("a\nb: x", status))));
    }
    for (const char *diagnostic :
         {"WARNING: 1 line is improperly formatted", "WARNING: 2 listed files could not be read",
          "WARNING: 1 computed checksum did NOT match", "/m/SUMS: no file was verified",
          "/m/SUMS: no properly formatted checksum lines found",
          "/m/SUMS: 3: improperly formatted SHA256 checksum line",
          "cannot read /m/OK: permission denied",
          "resumed: 1 file finished before the restart was skipped"}) {
        EXPECT_FALSE(ChecksumManifest::isCheckLine(QString::fromLatin1(diagnostic))) << diagnostic;
    }
}

TEST(ChecksumManifestDetect, InfersTheAlgorithmFromTheTagOrTheDigestLength) {
    const auto detect = [](const QByteArray &text, const QString &file = QStringLiteral("SUMS")) {
        return ChecksumManifest::detectAlgorithm(text, file);
    };
    const QByteArray a32(32, 'a');
    EXPECT_EQ(detect("# c\n\nMD5 (a) = " + a32 + "\n"), HashAlgorithm::Md5);
    EXPECT_EQ(detect("\\SHA1 (a\\\\b) = " + QByteArray(40, 'a') + "\n"), HashAlgorithm::Sha1);
    EXPECT_EQ(detect("BLAKE2b (a) = " + QByteArray(128, 'a') + "\n"), HashAlgorithm::Blake2b);
    EXPECT_EQ(detect(a32 + "  a\n"), HashAlgorithm::Md5);
    EXPECT_EQ(detect(QByteArray(40, 'a') + "  a\n"), HashAlgorithm::Sha1);
    EXPECT_EQ(detect(QByteArray(64, 'a') + "  a\n"), HashAlgorithm::Sha256);
    EXPECT_EQ(detect(QByteArray(128, 'a') + "  a\n"), HashAlgorithm::Sha512);
    EXPECT_EQ(detect(QByteArray(50, 'a') + "  a\n"), std::nullopt);
    EXPECT_EQ(detect("hello\n"), std::nullopt);
}

TEST(ChecksumManifestDetect, PassesOverLinesThatAreNoChecksumLineOfAnyAlgorithm) {
    const QByteArray md5Line = QByteArray(32, 'a') + "  a\n";
    EXPECT_EQ(ChecksumManifest::detectAlgorithm("ERR\n" + md5Line, QStringLiteral("SUMS")),
              HashAlgorithm::Md5);
    // Starts like a tag, but is no tagged line.
    EXPECT_EQ(ChecksumManifest::detectAlgorithm("MD5 is broken\nSHA1 (x)\n" + QByteArray(64, 'b') +
                                                    "  a\n",
                                                QStringLiteral("SUMS")),
              HashAlgorithm::Sha256);
    EXPECT_EQ(ChecksumManifest::detectAlgorithm("-----BEGIN PGP SIGNED MESSAGE-----\nHash: "
                                                "SHA256\n\n" +
                                                    QByteArray(64, 'b') + "  a\n",
                                                QStringLiteral("SUMS")),
              HashAlgorithm::Sha256);
}

// 128 hex digits are SHA-512 or BLAKE2b-512: the manifest's name tells which.
TEST(ChecksumManifestDetect, TellsBlake2bFromSha512ByTheManifestsName) {
    const QByteArray line = QByteArray(128, 'a') + "  a\n";
    for (const char *file : {"B2SUMS", "/some/where/b2sums.txt", "x.b2", "x.blake2b",
                             "B2SUMS.b2sum", "checksums.BLAKE2"}) {
        EXPECT_EQ(ChecksumManifest::detectAlgorithm(line, QString::fromLatin1(file)),
                  HashAlgorithm::Blake2b)
            << file;
    }
    for (const char *file :
         {"SHA512SUMS", "x.sha512", "/b2/SHA512SUMS", "SUMS", "checksums.txt", "blake2-sha512"}) {
        EXPECT_EQ(ChecksumManifest::detectAlgorithm(line, QString::fromLatin1(file)),
                  HashAlgorithm::Sha512)
            << file;
    }
    // A tag needs no name.
    EXPECT_EQ(ChecksumManifest::detectAlgorithm("SHA512 (a) = " + QByteArray(128, 'a') + "\n",
                                                QStringLiteral("B2SUMS")),
              HashAlgorithm::Sha512);
}

// Every manifest below is fed to the real sha256sum --warn -c: the lines it
// calls improperly formatted are exactly those we skip, and for the rest it
// prints for each entry the line we would print.
TEST(ChecksumManifestParse, SkipsExactlyTheLinesSha256sumCheckCallsImproperlyFormatted) {
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
        "SHA256 (",
        h + "  \n",
        h + " *\n",
        "   \n",
        h + "\n",
        h + "  wrong\n" + h + "  missing\n",
        h + "  a\\b\n",
        QByteArray(64, '\0') + "  a\n",
        "ERR\n" + h + "  a\ninvalid\n\n" + h + " *a\n",
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + h +
            "  a\n-----BEGIN PGP SIGNATURE-----\n\nSHA256+BCAAdFiEEjFummQvbJuGfKhqAEWGu\n",
    };
    static const QRegularExpression warning(
        QStringLiteral("^sha256sum: SUMS: (\\d+): improperly formatted SHA256 checksum line$"));
    for (const QByteArray &manifest : manifests) {
        writeFile(root + "/SUMS", manifest);
        const ShellResult tool = runShell(QStringLiteral("sha256sum --warn -c SUMS"), dir.path());
        QList<int> toolMalformed;
        for (const QByteArray &line : tool.err.split('\n')) {
            const QRegularExpressionMatch match = warning.match(QString::fromUtf8(line));
            if (match.hasMatch())
                toolMalformed.append(match.captured(1).toInt());
        }
        const ChecksumManifest::Parsed ours =
            ChecksumManifest::parse(manifest, HashAlgorithm::Sha256);
        EXPECT_EQ(ours.malformedLines, toolMalformed)
            << manifest.toStdString() << tool.err.toStdString();
        QByteArray expected;
        for (const auto &entry : ours.entries) {
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
