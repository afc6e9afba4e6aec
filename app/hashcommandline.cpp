#include "hashcommandline.h"

#include "kinds/hash/hashjobparams.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("HashCommandLine", text);
}

// The options of sha256sum -c that scripts pass, as job parameters of the
// same meaning. quiet, status and warn exclude each other: as in coreutils,
// the last one given wins.
const QStringList verifyOnlyOptions{QStringLiteral("strict"), QStringLiteral("quiet"),
                                    QStringLiteral("status"), QStringLiteral("warn"),
                                    QStringLiteral("ignore-missing")};
} // namespace

QString HashCommandLine::kind() const {
    return HashJobParams::kindName();
}

QString HashCommandLine::synopsis() const {
    return QStringLiteral("hash [--algorithm sha256|sha512|sha1|md5|blake2b] [--output FILE] "
                          "PATH...\n  hash [--algorithm A] [--strict] [--quiet|--status|--warn] "
                          "[--ignore-missing] --verify MANIFEST");
}

void HashCommandLine::addOptions(QCommandLineParser &parser) const {
    parser.addOption({{QStringLiteral("a"), QStringLiteral("algorithm")},
                      tr("Checksum algorithm: sha256 (default), sha512, sha1, md5 or blake2b. "
                         "When verifying, inferred from the manifest if not given."),
                      tr("name")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      tr("Write the manifest to FILE (atomically) instead of standard output."),
                      tr("FILE")});
    parser.addOption({{QStringLiteral("c"), QStringLiteral("verify")},
                      tr("Check the files listed in MANIFEST (as sha256sum -c does)."),
                      tr("MANIFEST")});
    parser.addOption({QStringLiteral("ignore-missing"),
                      tr("With --verify: don't fail or report status for missing files.")});
    parser.addOption({QStringLiteral("quiet"),
                      tr("With --verify: don't print OK for each successfully verified file.")});
    parser.addOption({QStringLiteral("status"),
                      tr("With --verify: don't output anything, the exit status shows success.")});
    parser.addOption({QStringLiteral("strict"),
                      tr("With --verify: exit non-zero for improperly formatted checksum lines.")});
    parser.addOption({{QStringLiteral("w"), QStringLiteral("warn")},
                      tr("With --verify: warn about improperly formatted checksum lines.")});
    parser.addPositionalArgument(QStringLiteral("PATH"), tr("Files and folders to hash."),
                                 QStringLiteral("PATH..."));
}

Expected<QVariantMap> HashCommandLine::params(const QCommandLineParser &parser,
                                              const QString &workingDir) const {
    HashJobParams p;
    p.baseDir = workingDir;
    if (parser.isSet(QStringLiteral("algorithm"))) {
        const Expected<HashAlgorithm> algorithm =
            HashJobParams::algorithmFromName(parser.value(QStringLiteral("algorithm")));
        if (!algorithm)
            return Expected<QVariantMap>::failure(algorithm.error());
        p.algorithm = algorithm.value();
    }
    const QStringList paths = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("verify"))) {
        if (!paths.isEmpty())
            return Expected<QVariantMap>::failure(
                tr("--verify checks the files its manifest names; unexpected argument '%1'")
                    .arg(paths.first()));
        if (parser.isSet(QStringLiteral("output")))
            return Expected<QVariantMap>::failure(tr("--output cannot be used with --verify"));
        const QString manifest = parser.value(QStringLiteral("verify"));
        if (manifest.isEmpty())
            return Expected<QVariantMap>::failure(tr("--verify needs the manifest to check"));
        p.mode = HashJobParams::Mode::Verify;
        p.manifest = QDir::cleanPath(p.resolve(manifest));
        readVerifyOptions(parser, p);
        return p.toMap();
    }
    for (const QString &option : verifyOnlyOptions) {
        if (parser.isSet(option)) {
            return Expected<QVariantMap>::failure(
                tr("the --%1 option is meaningful only when verifying checksums").arg(option));
        }
    }
    if (paths.isEmpty())
        return Expected<QVariantMap>::failure(
            tr("no PATH given: name the files or folders to hash"));
    p.paths = paths; // as given: they name the files in the manifest
    const QString output = parser.value(QStringLiteral("output"));
    if (!output.isEmpty() && output != QLatin1String("-"))
        p.output = QDir::cleanPath(p.resolve(output));
    return p.toMap();
}

void HashCommandLine::readVerifyOptions(const QCommandLineParser &parser, HashJobParams &p) {
    p.strict = parser.isSet(QStringLiteral("strict"));
    p.ignoreMissing = parser.isSet(QStringLiteral("ignore-missing"));
    // optionNames() lists the options in the order given ("w" for -w): as in
    // coreutils, the last of quiet, status and warn wins.
    for (const QString &name : parser.optionNames()) {
        if (name == QLatin1String("quiet"))
            p.checkOutput = HashJobParams::CheckOutput::Quiet;
        else if (name == QLatin1String("status"))
            p.checkOutput = HashJobParams::CheckOutput::Status;
        else if (name == QLatin1String("warn") || name == QLatin1String("w"))
            p.checkOutput = HashJobParams::CheckOutput::Warn;
    }
}

bool HashCommandLine::showsError(const JobResult &result) const {
    // Verifying logged every reason and coreutils' closing warnings; hashing
    // named every unreadable file. A last line would only repeat them.
    return !result.details.contains(QStringLiteral("ok")) &&
           !result.details.contains(QStringLiteral("unreadable"));
}
