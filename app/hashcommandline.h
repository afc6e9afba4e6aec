#pragma once

#include "kindcommandline.h"

class HashJobParams;

// `hash [--algorithm sha256|sha512|sha1|md5|blake2b] [--output FILE] PATH...`
// `hash [--algorithm A] [--strict] [--quiet|--status|--warn] [--ignore-missing]
//       --verify MANIFEST`, the options meaning what they mean to sha256sum -c.
class HashCommandLine : public KindCommandLine {
public:
    QString kind() const override;
    QString synopsis() const override;
    void addOptions(QCommandLineParser &parser) const override;
    Expected<QVariantMap> params(const QCommandLineParser &parser,
                                 const QString &workingDir) const override;
    // Verifying: the check lines ("NAME: OK") to stdout. Everything else, the
    // warnings and each file that could not be read, to stderr as
    // "taskdeck: ...", where sha256sum prints them as "sha256sum: ...".
    // Check lines and warnings reach the terminal as the job's own output
    // (JobContext::writeOutput): no log line does.
    TerminalLine terminalLine(const QString &, FILE *) const override { return {}; }
    // Not when the log told why already: a verify run that read the manifest
    // (coreutils' closing warnings), a hash run that named its unreadable files.
    bool showsError(const JobResult &result) const override;

private:
    static void readVerifyOptions(const QCommandLineParser &parser, HashJobParams &p);
};
