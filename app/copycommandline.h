#pragma once

#include "kindcommandline.h"

// `copy [--verify] [--on-conflict skip|overwrite|rename] SOURCE... DEST_DIR`,
// read like cp's arguments: the last one is the folder the others go into.
class CopyCommandLine : public KindCommandLine {
public:
    QString kind() const override;
    QString synopsis() const override;
    void addOptions(QCommandLineParser &parser) const override;
    Expected<QVariantMap> params(const QCommandLineParser &parser,
                                 const QString &workingDir) const override;
    // A copy's log lines (files that could not be copied, special files
    // skipped) are diagnostics: always stderr, even with --verify.
    TerminalLine terminalLine(const QString &logLine, FILE *defaultStream) const override;
};
