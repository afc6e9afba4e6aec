#pragma once

#include "kindcommandline.h"

// `hash [--algorithm sha256|sha512|sha1|md5|blake2b] [--output FILE] PATH...`
// `hash [--algorithm A] --verify MANIFEST`
class HashCommandLine : public KindCommandLine {
public:
    QString kind() const override { return QStringLiteral("hash"); }
    QString synopsis() const override;
    void addOptions(QCommandLineParser &parser) const override;
    Expected<QVariantMap> params(const QCommandLineParser &parser,
                                 const QString &workingDir) const override;
    // Diagnostics ("cannot read ...") go to stderr as "taskdeck: ...".
    TerminalLine terminalLine(const QString &logLine, FILE *defaultStream) const override;
    // Not when the log named every file that could not be read.
    bool showsError(const JobResult &result) const override;
};
