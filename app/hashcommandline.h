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
};
