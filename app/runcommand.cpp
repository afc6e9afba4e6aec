#include "runcommand.h"

#include "commandcommandline.h"
#include "copycommandline.h"
#include "engine/jobqueue.h"
#include "hashcommandline.h"
#include "imagescommandline.h"
#include "kinds/builtinkinds.h"
#include "terminaloutput.h"
#include "terminalprogress.h"
#include "unixsignalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

#include <cstdio>
#include <unistd.h>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("RunCommand", text);
}

void printError(const QString &message) {
    std::fprintf(stderr, "taskdeck: %s\n", message.toLocal8Bit().constData());
}

void writeOut(FILE *stream, const QByteArray &bytes) {
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

const KindCommandLine *findKind(const QString &kind) {
    for (const auto &commandLine : RunCommand::kindCommandLines()) {
        if (commandLine->kind() == kind)
            return commandLine.get();
    }
    return nullptr;
}

QString kindNames() {
    QStringList names;
    for (const auto &commandLine : RunCommand::kindCommandLines())
        names.append(commandLine->kind());
    return names.join(QStringLiteral(", "));
}
} // namespace

const std::vector<std::unique_ptr<KindCommandLine>> &RunCommand::kindCommandLines() {
    static const std::vector<std::unique_ptr<KindCommandLine>> commandLines = [] {
        std::vector<std::unique_ptr<KindCommandLine>> list;
        list.push_back(std::make_unique<HashCommandLine>());
        list.push_back(std::make_unique<CommandCommandLine>());
        list.push_back(std::make_unique<ImagesCommandLine>());
        list.push_back(std::make_unique<CopyCommandLine>());
        return list;
    }();
    return commandLines;
}

int RunCommand::exec(const QStringList &arguments) {
    if (arguments.isEmpty()) {
        printError(tr("run needs a job kind: taskdeck run KIND ... (kinds: %1)").arg(kindNames()));
        return BadUsage;
    }
    const KindCommandLine *commandLine = findKind(arguments.first());
    if (!commandLine) {
        printError(tr("unknown job kind '%1': use one of %2").arg(arguments.first(), kindNames()));
        return BadUsage;
    }
    const QString command = QStringLiteral("taskdeck run ") + commandLine->kind();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs one %1 job in this terminal.").arg(commandLine->kind()));
    parser.addHelpOption();
    commandLine->addOptions(parser);
    if (!parser.parse(QStringList{command} + arguments.mid(1))) {
        printError(tr("%1\nTry '%2 --help'.").arg(parser.errorText(), command));
        return BadUsage;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        // Qt names the program as it was invoked (argv[0]); show the command instead.
        writeOut(stdout, parser.helpText()
                             .replace(QCoreApplication::arguments().constFirst(), command)
                             .toLocal8Bit());
        return Succeeded;
    }
    auto params = commandLine->params(parser, QDir::currentPath());
    if (!params) {
        printError(tr("%1\nTry '%2 --help'.").arg(params.error(), command));
        return BadUsage;
    }

    JobQueue queue(BuiltinKinds::registry());
    TerminalProgress progress(stderr);
    if (!commandLine->showsProgressBar())
        progress.disable();
    // The job's own output (a command's bytes, a verify's lines) goes out as it
    // comes, from the job's thread, never through the sampled log.
    TerminalOutput output(progress);
    queue.setOutputSink(&output);
    auto id = queue.add(JobSpec{commandLine->kind(), *params, {}, JobPriority::Normal, {}, {}, {}});
    if (!id) {
        printError(id.error());
        return BadUsage;
    }

    // Log lines of kinds that do not write their own output are diagnostics.
    FILE *logStream = stderr;
    QObject::connect(&queue, &JobQueue::jobsProgressed, [&] {
        if (auto job = queue.job(*id))
            progress.draw(*job);
    });
    QObject::connect(&queue, &JobQueue::jobLogged, [&](JobId, const QStringList &lines) {
        progress.clear();
        // Consecutive lines for the same stream go out in one write.
        FILE *stream = nullptr;
        QByteArray bytes;
        for (const QString &line : lines) {
            const KindCommandLine::TerminalLine out = commandLine->terminalLine(line, logStream);
            if (out.stream != stream && !bytes.isEmpty()) {
                writeOut(stream, bytes);
                bytes.clear();
            }
            stream = out.stream;
            if (stream)
                bytes += out.text.toUtf8() + '\n';
        }
        if (stream && !bytes.isEmpty())
            writeOut(stream, bytes);
    });

    int exitCode = Failed;
    QObject::connect(&queue, &JobQueue::jobStateChanged, [&](JobId, JobState state) {
        if (!isFinished(state))
            return;
        progress.clear();
        const JobSnapshot job = *queue.job(*id);
        // Also when some files could not be read: as sha256sum, the lines of
        // those that could.
        const QString manifest = job.result.details.value(QStringLiteral("manifest")).toString();
        if (!manifest.isEmpty())
            writeOut(stdout, manifest.toUtf8());
        if (state == JobState::Succeeded) {
            exitCode = Succeeded;
        } else {
            if (commandLine->showsError(job.result))
                printError(job.result.error);
            exitCode = state == JobState::Canceled ? Canceled : Failed;
        }
        QCoreApplication::exit(exitCode);
    });

    UnixSignalWatcher signalWatcher;
    int interrupts = 0;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::interrupted, [&] {
        if (++interrupts > 1)
            ::_exit(Canceled); // a second Ctrl-C: the user means it
        progress.clear();
        std::fprintf(stderr, "%s\n",
                     tr("taskdeck: canceling (press Ctrl-C again to quit at once)")
                         .toLocal8Bit()
                         .constData());
        if (const Status status = queue.cancel(*id); !status)
            printError(status.error());
    });

    QCoreApplication::exec();
    return exitCode;
}
