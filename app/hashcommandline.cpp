#include "hashcommandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("HashCommandLine", text);
}
} // namespace

QString HashCommandLine::synopsis() const {
    return QStringLiteral("hash [--algorithm sha256|sha512|sha1|md5|blake2b] [--output FILE] "
                          "PATH...\n  hash [--algorithm A] --verify MANIFEST");
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
        return params;
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

KindCommandLine::TerminalLine HashCommandLine::terminalLine(const QString &logLine,
                                                            FILE *defaultStream) const {
    // Verifying runs its log ("NAME: OK") to stdout: it is the command's answer.
    if (defaultStream == stdout)
        return {stdout, logLine};
    return {stderr, QStringLiteral("taskdeck: ") + logLine};
}

bool HashCommandLine::showsError(const JobResult &result) const {
    // Each unreadable file was named on its own line, as sha256sum names
    // them; a last line would only repeat the first.
    return !result.details.contains(QStringLiteral("unreadable"));
}
