// `taskdeck run hash --verify` against `sha256sum -c` on the same manifests,
// one case per line format coreutils' own tests check (tests/cksum/md5sum.pl,
// md5sum-bsd.sh and cksum-c.sh, written for sha256 here) and per option
// scripts pass. In every case stdout, coreutils' warnings on stderr and the
// exit status are sha256sum's; the other stderr lines, each naming a file
// that could not be read, are as many, for the same files, in our words.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <ostream>

namespace {

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QStringList warnings; // coreutils' closing warnings and --warn's, without the prefix
    QStringList reasons;  // each naming a file that could not be read, without the prefix
};

struct Case {
    const char *name;
    QByteArray manifest;
    QStringList options;              // given to both
    QStringList taskdeckOptions = {}; // given to taskdeck only
};

void PrintTo(const Case &c, std::ostream *os) {
    *os << c.name;
}

QByteArray hex(const QByteArray &content) {
    return QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
}

// The files the manifests name, and their contents.
const QList<std::pair<QByteArray, QByteArray>> &files() {
    static const QList<std::pair<QByteArray, QByteArray>> list{
        {"a", "hello\n"}, {"b", "world\n"},     {"b\\c", "back"},      {"n\nl", "newline"},
        {"p)q", "paren"}, {" lead", "leading"}, {"*star", "asterisk"}, {"empty", ""},
    };
    return list;
}

QByteArray digestOf(const QByteArray &name) {
    for (const auto &[file, content] : files()) {
        if (file == name)
            return hex(content);
    }
    ADD_FAILURE() << "no file " << name.toStdString();
    return {};
}

const QByteArray A = digestOf("a");
const QByteArray B = digestOf("b");
const QByteArray E = digestOf("empty");
const QByteArray good = A + "  a\n";

QList<Case> cases() {
    return {
        {"UntaggedTextLine", good, {}},
        {"UntaggedBinaryLine", A + " *a\n", {}},
        {"UpperCaseDigest", A.toUpper() + "  a\n", {}},
        {"LeadingBlanks", "  \t" + good, {}},
        {"TaggedBsdLine", "SHA256 (a) = " + A + "\n", {}},
        {"TaggedOpensslLine", "SHA256(a)= " + A + "\n", {}},
        {"TaggedLineWithLooseSpacing", "SHA256 (a)   =   " + A + "\n", {}},
        {"TaggedNameWithAParenthesis", "SHA256 (p)q) = " + digestOf("p)q") + "\n", {}},
        {"EscapedBackslash", "\\" + digestOf("b\\c") + "  b\\\\c\n", {}},
        {"EscapedNewline", "\\" + digestOf("n\nl") + "  n\\nl\n", {}},
        {"EscapedTaggedLine", "\\SHA256 (b\\\\c) = " + digestOf("b\\c") + "\n", {}},
        {"EscapedLineWithoutEscapes", "\\" + good, {}},
        {"InvalidEscape", "\\" + A + "  b\\c\n" + good, {}},
        {"TrailingBackslashInAnEscapedName", "\\" + A + "  a\\\n" + good, {}},
        {"CrlfLines", A + "  a\r\n" + B + "  b\r\n", {}},
        {"CrlfEscapedLine", "\\" + digestOf("n\nl") + "  n\\nl\r\n", {}},
        {"CommentsAndBlankLines", "# made by hand\n\n" + good + "\n\n", {}},
        {"NameWithALeadingSpace", digestOf(" lead") + "   lead\n", {}},
        {"NameStartingWithAnAsterisk", digestOf("*star") + "  *star\n", {}},
        {"DuplicateLines", good + good, {}},
        {"MalformedLineFirst", "ERR\n" + good, {}},
        {"MalformedLineFirstStrict", "ERR\n" + good, {"--strict"}},
        {"StrictWithATrailingBlankLine", good + "\n", {"--strict"}},
        {"TwoMismatchesAndAMalformedLine", E + "  a\n" + E + "  a\ninvalid\n", {}},
        {"TwoMismatchesAndAMalformedLineWarned", E + "  a\n" + E + "  a\ninvalid\n", {"--warn"}},
        {"MismatchBetweenMatches", good + A + "  b\n" + good, {"--warn"}},
        {"BsdReversedLines", A + " a\n" + B + " b\n", {"--strict"}},
        {"BsdReversedThenTwoSpaces", A + " a\n" + B + "  b\n", {}},
        {"TwoSpacesThenBsdReversed", good + B + " b\n", {"--warn"}},
        {"NotAllHexIsNoBsdReversedLine", QByteArray(64, '_') + " blah\n" + good, {}},
        {"PgpSignedManifest",
         "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n# ignored comment\n" + good +
             "-----BEGIN PGP "
             "SIGNATURE-----\n\nSHA256+BCAAdFiEEjFummQvbJuGfKhqAEWGuaUVxmjkFAmCDId0\n"
             "=AWU7\n-----END PGP SIGNATURE-----\n",
         {}},
        {"PgpSignedManifestWarned",
         "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + good +
             "-----BEGIN PGP SIGNATURE-----\n\n=AWU7\n-----END PGP SIGNATURE-----\n",
         {"--warn"}},
        {"DigestWithoutSeparator", A + "\n" + good, {}},
        {"DigestJoinedToTheName", A + "a\n" + good, {}},
        {"DigestFollowedByADash", A + "-a\n" + good, {}},
        {"DigestWithoutName", A + "  \n" + A + " *\n" + good, {"--warn"}},
        {"DigestTooShort", A.left(63) + "  a\n" + good, {}},
        {"DigestTooLong", A + "0  a\n" + good, {}},
        {"DigestNotHex", A.left(63) + "g  a\n" + good, {}},
        {"LowerCaseTag", "sha256 (a) = " + A + "\n" + good, {}},
        {"TagWithoutParenthesis", "SHA256 a = " + A + "\n" + good, {}},
        {"TaggedLineWithTrailingSpace", "SHA256 (a) = " + A + " \n" + good, {}},
        {"TaggedLineWithoutClosingParenthesis", "SHA256 (a = " + A + "\n" + good, {}},
        {"AnotherAlgorithmsTaggedLine", good + "SHA1 (a) = " + QByteArray(40, 'a') + "\n", {}},
        {"AnotherAlgorithmsTaggedLineFirst",
         "MD5 (a) = " + QByteArray(32, 'a') + "\n" + good,
         {"--warn"},
         {"--algorithm", "sha256"}},
        {"NoChecksumLine", "not a checksum line\n", {}},
        {"EmptyManifest", "", {}},
        {"OnlyComments", "# nothing\n\n", {"--status"}},
        {"TruncatedTag", "SHA256 (", {}},
        {"NulBytesForADigest", QByteArray(64, '\0') + "  a\n", {}},
        {"MissingFile", good + A + "  missing\n", {}},
        {"MissingFileStrict", good + A + "  missing\n", {"--strict"}},
        {"MissingFileIgnored", good + A + "  missing\n", {"--ignore-missing"}},
        {"MissingFolderIgnoredQuietly",
         A + "  missing/f\n" + good,
         {"--quiet", "--ignore-missing"}},
        {"NothingVerifiedWhenAllAreMissing", A + "  missing\n", {"--ignore-missing"}},
        {"AFolderNamedInTheManifest", A + "  folder\n" + good, {}},
        {"QuietWhenAllMatch", good, {"--quiet"}},
        {"QuietWithAMismatch", E + "  a\n" + good, {"--quiet"}},
        {"StatusWithAMismatch", E + "  a\n", {"--status"}},
        {"StatusWithMalformedAndMissing", "ERR\n" + good + A + "  missing\n", {"--status"}},
        {"StatusThenWarnWarns", "ERR\n" + E + "  a\n", {"--status", "--warn"}},
        {"WarnThenStatusIsSilent", "ERR\n" + E + "  a\n", {"--warn", "--status"}},
        {"QuietThenWarnPrintsOk", "ERR\n" + good, {"--quiet", "-w"}},
    };
}

class VerifyAsSha256sumCheck : public ::testing::TestWithParam<Case> {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        for (const auto &[name, content] : files()) {
            QFile file(QFile::decodeName(QFile::encodeName(dir.path()) + '/' + name));
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
            ASSERT_EQ(file.write(content), content.size());
        }
        ASSERT_TRUE(QDir(dir.path()).mkdir(QStringLiteral("folder")));
    }

    // Runs program in the folder, in the C locale, and splits its stderr.
    Outcome run(const QString &program, const QStringList &arguments, const QString &prefix) {
        QProcess process;
        process.setWorkingDirectory(dir.path());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        process.setProcessEnvironment(env);
        process.start(program, arguments);
        process.closeWriteChannel();
        EXPECT_TRUE(process.waitForFinished(60000)) << program.toStdString();
        Outcome outcome;
        outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        outcome.out = process.readAllStandardOutput();
        const QString err = QString::fromUtf8(process.readAllStandardError());
        for (const QString &line : err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            EXPECT_TRUE(line.startsWith(prefix)) << line.toStdString();
            const QString text = line.mid(prefix.size());
            const bool warning = text.startsWith(QLatin1String("WARNING: ")) ||
                                 text.endsWith(QLatin1String(" checksum line")) ||
                                 text.endsWith(QLatin1String(": no file was verified")) ||
                                 text.endsWith(QLatin1String(": no properly formatted checksum "
                                                             "lines found"));
            (warning ? outcome.warnings : outcome.reasons).append(text);
        }
        return outcome;
    }

    QTemporaryDir dir;
};

} // namespace

TEST_P(VerifyAsSha256sumCheck, PrintsWhatSha256sumCheckPrintsAndExitsAsItDoes) {
    const Case &c = GetParam();
    const QString manifest = dir.filePath(QStringLiteral("SUMS"));
    {
        QFile file(manifest);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        ASSERT_EQ(file.write(c.manifest), c.manifest.size());
    }
    // coreutils names itself as started: QProcess starts the full path.
    const QString sha256sum = QStandardPaths::findExecutable(QStringLiteral("sha256sum"));
    ASSERT_FALSE(sha256sum.isEmpty());
    const Outcome theirs = run(sha256sum, c.options + QStringList{QStringLiteral("-c"), manifest},
                               sha256sum + QStringLiteral(": "));
    const Outcome ours =
        run(QStringLiteral(TASKDECK_BINARY),
            QStringList{QStringLiteral("run"), QStringLiteral("hash")} + c.taskdeckOptions +
                c.options + QStringList{QStringLiteral("--verify"), manifest},
            QStringLiteral("taskdeck: "));

    EXPECT_EQ(ours.exitCode, theirs.exitCode);
    EXPECT_EQ(ours.out.toStdString(), theirs.out.toStdString());
    EXPECT_EQ(ours.warnings.join('\n').toStdString(), theirs.warnings.join('\n').toStdString());
    // sha256sum says "NAME: No such file or directory", we "cannot read
    // /folder/NAME: no such file or directory".
    ASSERT_EQ(ours.reasons.size(), theirs.reasons.size()) << ours.reasons.join('\n').toStdString();
    for (qsizetype i = 0; i < ours.reasons.size(); ++i) {
        QString name = theirs.reasons[i].section(QStringLiteral(": "), 0, 0);
        if (name.startsWith(QLatin1Char('\'')) && name.endsWith(QLatin1Char('\'')))
            name = name.mid(1, name.size() - 2);
        EXPECT_TRUE(
            ours.reasons[i].startsWith(QStringLiteral("cannot read %1: ").arg(dir.filePath(name))))
            << ours.reasons[i].toStdString() << " | " << theirs.reasons[i].toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(CoreutilsCases, VerifyAsSha256sumCheck, ::testing::ValuesIn(cases()),
                         [](const auto &info) { return std::string(info.param.name); });
