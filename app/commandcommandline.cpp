#include "commandcommandline.h"

#include "kinds/command/commandjobparams.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("CommandCommandLine", text);
}

} // namespace

QString CommandCommandLine::kind() const {
    return CommandJobParams::kindName();
}

QString CommandCommandLine::synopsis() const {
    return QStringLiteral("command [--cwd DIR] [--env NAME=VALUE]... "
                          "[--progress auto|percent|ffmpeg|rsync|none] [--grace SECONDS] "
                          "-- PROGRAM [ARG...]");
}

void CommandCommandLine::addOptions(QCommandLineParser &parser) const {
    // `taskdeck run command rsync -a src dst`: the program's options are its own.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addOption({QStringLiteral("cwd"),
                      tr("Run PROGRAM in DIR (default: the current folder)."), tr("DIR")});
    parser.addOption({QStringLiteral("env"),
                      tr("Add NAME=VALUE to PROGRAM's environment (repeatable)."),
                      tr("NAME=VALUE")});
    parser.addOption(
        {QStringLiteral("progress"),
         tr("Where progress comes from: auto (default: whichever of the others the output "
            "shows), percent (a line ending in \"42%\"), ffmpeg (-progress pipe:1), rsync "
            "(--info=progress2) or none."),
         tr("MODE")});
    parser.addOption({QStringLiteral("grace"),
                      tr("On cancel, wait SECONDS after SIGTERM before SIGKILL (default 5)."),
                      tr("SECONDS")});
    parser.addOption({QStringLiteral("duration"),
                      tr("The input's duration for ffmpeg progress, when ffmpeg cannot tell."),
                      tr("SECONDS")});
    parser.addOption(
        {QStringLiteral("log"), tr("Also write the full log (capped) to FILE."), tr("FILE")});
    parser.addPositionalArgument(QStringLiteral("PROGRAM"),
                                 tr("The program to run, and its "
                                    "arguments."),
                                 QStringLiteral("-- PROGRAM [ARG...]"));
}

Expected<QVariantMap> CommandCommandLine::params(const QCommandLineParser &parser,
                                                 const QString &workingDir) const {
    using Result = Expected<QVariantMap>;
    const QStringList words = parser.positionalArguments();
    if (words.isEmpty())
        return Result::failure(tr("no PROGRAM given: name the program to run"));
    const QDir base(workingDir);
    CommandJobParams p;
    p.program = words.first();
    p.arguments = words.mid(1);
    p.cwd = workingDir;
    if (parser.isSet(QStringLiteral("cwd")))
        p.cwd = QDir::cleanPath(base.absoluteFilePath(parser.value(QStringLiteral("cwd"))));
    p.env = parser.values(QStringLiteral("env"));
    if (parser.isSet(QStringLiteral("progress")))
        p.progress = parser.value(QStringLiteral("progress"));
    if (parser.isSet(QStringLiteral("grace"))) {
        const Expected<double> grace =
            CommandJobParams::graceSecondsFrom(parser.value(QStringLiteral("grace")));
        if (!grace)
            return Result::failure(grace.error());
        p.graceSeconds = grace.value();
    }
    if (parser.isSet(QStringLiteral("duration"))) {
        const Expected<double> duration =
            CommandJobParams::durationSecondsFrom(parser.value(QStringLiteral("duration")));
        if (!duration)
            return Result::failure(duration.error());
        p.durationSeconds = duration.value();
    }
    if (parser.isSet(QStringLiteral("log")))
        p.logFile = QDir::cleanPath(base.absoluteFilePath(parser.value(QStringLiteral("log"))));
    return p.toMap();
}
