#include "hashcommandline.h"

#include "kinds/hash/checksummanifest.h"

#include <QCommandLineParser>
#include <QCoreApplication>

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
    QVariantMap params;
    params.insert(QStringLiteral("base_dir"), workingDir);
    if (parser.isSet(QStringLiteral("algorithm")))
        params.insert(QStringLiteral("algorithm"), parser.value(QStringLiteral("algorithm")));
    const QStringList paths = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("verify"))) {
        if (!paths.isEmpty())
            return Expected<QVariantMap>::failure(
                tr("--verify checks the files its manifest names; unexpected argument '%1'")
                    .arg(paths.first()));
        if (parser.isSet(QStringLiteral("output")))
            return Expected<QVariantMap>::failure(tr("--output cannot be used with --verify"));
        params.insert(QStringLiteral("verify"), parser.value(QStringLiteral("verify")));
        addVerifyOptions(parser, params);
        return params;
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
    params.insert(QStringLiteral("paths"), paths);
    const QString output = parser.value(QStringLiteral("output"));
    if (!output.isEmpty() && output != QLatin1String("-"))
        params.insert(QStringLiteral("output"), output);
    return params;
}

void HashCommandLine::addVerifyOptions(const QCommandLineParser &parser, QVariantMap &params) {
    if (parser.isSet(QStringLiteral("strict")))
        params.insert(QStringLiteral("strict"), true);
    if (parser.isSet(QStringLiteral("ignore-missing")))
        params.insert(QStringLiteral("ignore_missing"), true);
    // optionNames() lists the options in the order given ("w" for -w).
    QString output;
    for (const QString &name : parser.optionNames()) {
        if (name == QLatin1String("quiet") || name == QLatin1String("status"))
            output = name;
        else if (name == QLatin1String("warn") || name == QLatin1String("w"))
            output = QStringLiteral("warn");
    }
    if (!output.isEmpty())
        params.insert(output, true);
}

bool HashCommandLine::showsError(const JobResult &result) const {
    // Verifying logged every reason and coreutils' closing warnings; hashing
    // named every unreadable file. A last line would only repeat them.
    return !result.details.contains(QStringLiteral("ok")) &&
           !result.details.contains(QStringLiteral("unreadable"));
}
