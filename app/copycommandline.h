#pragma once

#include "kindcommandline.h"

// `copy [--verify] [--on-conflict skip|overwrite|rename] SOURCE... DEST_DIR`,
// read like cp's arguments: the last one is the folder the others go into.
class CopyCommandLine : public KindCommandLine {
public:
    QString kind() const override { return QStringLiteral("copy"); }
    QString synopsis() const override;
    void addOptions(QCommandLineParser &parser) const override;
    Expected<QVariantMap> params(const QCommandLineParser &parser,
                                 const QString &workingDir) const override;
};
