#include "copycommandline.h"

#include "kinds/copy/copyjobparams.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("CopyCommandLine", text);
}
} // namespace

QString CopyCommandLine::kind() const {
    return CopyJobParams::kindName();
}

QString CopyCommandLine::synopsis() const {
    return QStringLiteral(
        "copy [--verify] [--on-conflict skip|overwrite|rename] SOURCE... DEST_DIR");
}

void CopyCommandLine::addOptions(QCommandLineParser &parser) const {
    parser.addOption({QStringLiteral("verify"),
                      tr("After each file, re-read the original and the copy and compare their "
                         "SHA-256 digests; a mismatch fails the job naming the file.")});
    parser.addOption({QStringLiteral("on-conflict"),
                      tr("What to do when DEST_DIR already has a file of the same name: skip "
                         "(default), overwrite, or rename the copy to \"name (2).ext\"."),
                      tr("policy")});
    parser.addPositionalArgument(QStringLiteral("SOURCE"),
                                 tr("Files and folders to copy (folders recursively, symbolic "
                                    "links as links, times and modes kept, as cp -a)."),
                                 QStringLiteral("SOURCE..."));
    parser.addPositionalArgument(QStringLiteral("DEST_DIR"), tr("Existing folder to copy into."));
}

Expected<QVariantMap> CopyCommandLine::params(const QCommandLineParser &parser,
                                              const QString &workingDir) const {
    QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        return Expected<QVariantMap>::failure(tr("missing SOURCE and DEST_DIR"));
    if (arguments.size() == 1)
        return Expected<QVariantMap>::failure(
            tr("missing DEST_DIR after '%1': name the folder to copy into").arg(arguments.first()));
    CopyJobParams p;
    p.baseDir = workingDir;
    p.destination = p.absolute(arguments.takeLast());
    for (const QString &source : std::as_const(arguments))
        p.sources.append(p.absolute(source));
    p.verify = parser.isSet(QStringLiteral("verify"));
    if (parser.isSet(QStringLiteral("on-conflict"))) {
        const Expected<CopyJobParams::Conflict> conflict =
            CopyJobParams::conflictFromName(parser.value(QStringLiteral("on-conflict")));
        if (!conflict)
            return Expected<QVariantMap>::failure(conflict.error());
        p.onConflict = conflict.value();
    }
    return p.toMap();
}

KindCommandLine::TerminalLine CopyCommandLine::terminalLine(const QString &logLine,
                                                            FILE *defaultStream) const {
    Q_UNUSED(defaultStream);
    return {stderr, logLine};
}
