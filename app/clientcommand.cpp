#include "clientcommand.h"

#include "clientaddcommand.h"
#include "clientaddeach.h"
#include "clientsession.h"
#include "instance/instancepaths.h"
#include "instance/instanceprotocol.h"
#include "job/jobtypes.h"
#include "kindcommandline.h"
#include "runcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>

#include <limits>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("ClientCommand", text);
}

namespace Command = InstanceProtocol::Command;
namespace MoveTo = InstanceProtocol::MoveTo;

// Each client command is the instance protocol's command of the same name.
const QStringList actionCommands{Command::cancel, Command::pause, Command::resume, Command::retry,
                                 Command::remove};
const QStringList queueCommands{Command::pauseAll, Command::resumeAll, Command::drain};
const QStringList otherCommands{Command::add, Command::list, Command::show,
                                Command::log, Command::move, Command::wait};
const QStringList moveTargets{MoveTo::top, MoveTo::up, MoveTo::down, MoveTo::bottom};

// A job id argument: a whole number above 0.
std::optional<qint64> jobId(const QString &word) {
    bool ok = false;
    const qulonglong id = word.toULongLong(&ok);
    if (!ok || id == 0 || id > qulonglong(std::numeric_limits<qint64>::max()))
        return std::nullopt;
    return qint64(id);
}

// What one command takes, for its parser and --help.
struct Syntax {
    QString positional; // e.g. "ID...", empty: none
    QString description;
};

Syntax syntaxOf(const QString &command) {
    if (command == Command::list)
        return {{}, tr("Lists the queue's jobs in queue order, as they stream from the instance.")};
    if (command == Command::show)
        return {QStringLiteral("ID"), tr("Shows everything about one job.")};
    if (command == Command::log)
        return {QStringLiteral("ID"), tr("Prints a job's log; with --follow, also its new lines "
                                         "until the job ends (exit 0 if it succeeded).")};
    if (command == Command::move)
        return {QStringLiteral("ID top|up|down|bottom"), tr("Moves a job in the queue.")};
    if (command == Command::wait)
        return {QStringLiteral("ID..."),
                tr("Waits until the jobs end; exit 0 only if all succeeded.")};
    if (actionCommands.contains(command))
        return {QStringLiteral("ID..."), tr("Applies %1 to each job.").arg(command)};
    if (command == Command::pauseAll)
        return {{}, tr("Pauses every queued, waiting and running job.")};
    if (command == Command::resumeAll)
        return {{}, tr("Resumes every paused job and ends draining.")};
    return {{}, tr("Lets running jobs finish and starts nothing new until resume-all.")};
}

// The "list" request's filter from --state, --limit and --since.
Expected<QJsonObject> listFilterFrom(const QCommandLineParser &parser) {
    using Result = Expected<QJsonObject>;
    QJsonObject filter;
    QJsonArray states;
    const QStringList finished{QStringLiteral("succeeded"), QStringLiteral("failed"),
                               QStringLiteral("canceled"), QStringLiteral("interrupted")};
    for (const QString &option : parser.values(QStringLiteral("state"))) {
        for (const QString &word : option.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString name = word.trimmed().toLower();
            if (name == QLatin1String("finished")) {
                for (const QString &state : finished)
                    states.append(state);
            } else if (jobStateFromName(name)) {
                states.append(name);
            } else {
                return Result::failure(tr("unknown state '%1' for --state: use queued, waiting, "
                                          "running, paused, succeeded, failed, canceled, "
                                          "interrupted or finished")
                                           .arg(word));
            }
        }
    }
    if (parser.isSet(QStringLiteral("state")) && states.isEmpty())
        return Result::failure(tr("--state needs at least one state"));
    if (!states.isEmpty())
        filter.insert(InstanceProtocol::Field::states, states);
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        const qint64 limit = parser.value(QStringLiteral("limit")).toLongLong(&ok);
        if (!ok || limit < 1)
            return Result::failure(tr("--limit needs a number of jobs (1 or more), not '%1'")
                                       .arg(parser.value(QStringLiteral("limit"))));
        filter.insert(InstanceProtocol::Field::limit, limit);
    }
    if (parser.isSet(QStringLiteral("since"))) {
        bool ok = false;
        const qint64 since = parser.value(QStringLiteral("since")).toLongLong(&ok);
        if (!ok || since < 0)
            return Result::failure(
                tr("--since needs a job id, not '%1'").arg(parser.value(QStringLiteral("since"))));
        filter.insert(InstanceProtocol::Field::since, since);
    }
    return filter;
}

int badUsage(const QString &message, const QString &command) {
    ClientSession::printError(tr("%1\nTry 'taskdeck %2 --help'.").arg(message, command));
    return ClientCommand::BadUsage;
}
} // namespace

bool ClientCommand::isClientCommand(const QStringList &arguments) {
    qsizetype first = 0;
    if (arguments.value(0) == QLatin1String("--data-dir"))
        first = 2;
    else if (arguments.value(0).startsWith(QLatin1String("--data-dir=")))
        first = 1;
    const QString command = arguments.value(first);
    return actionCommands.contains(command) || queueCommands.contains(command) ||
           otherCommands.contains(command);
}

int ClientCommand::exec(const QStringList &arguments) {
    QStringList words = arguments;
    QString leadingDataDir;
    if (words.value(0) == QLatin1String("--data-dir")) {
        leadingDataDir = words.value(1);
        words = words.mid(2);
    } else if (words.value(0).startsWith(QLatin1String("--data-dir="))) {
        leadingDataDir = words.value(0).mid(int(qstrlen("--data-dir=")));
        words = words.mid(1);
    }
    const QString command = words.value(0);
    words = words.mid(1);

    QCommandLineParser parser;
    QString program = QStringLiteral("taskdeck ") + command;
    const KindCommandLine *kind = nullptr;
    QString eachSource;
    std::optional<QStringList> eachTemplate;
    if (command == Command::add) {
        // `taskdeck add --data-dir DIR KIND ...` reads as naturally as after KIND.
        if (words.value(0) == QLatin1String("--data-dir") && words.size() >= 2) {
            leadingDataDir = words.value(1);
            words = words.mid(2);
        } else if (words.value(0).startsWith(QLatin1String("--data-dir="))) {
            leadingDataDir = words.value(0).mid(int(qstrlen("--data-dir=")));
            words = words.mid(1);
        }
        const QString kindName = words.value(0);
        for (const auto &commandLine : RunCommand::kindCommandLines()) {
            if (commandLine->kind() == kindName)
                kind = commandLine.get();
        }
        if (!kind) {
            QStringList kinds;
            for (const auto &commandLine : RunCommand::kindCommandLines())
                kinds.append(commandLine->kind());
            if (kindName == QLatin1String("--help") || kindName == QLatin1String("-h")) {
                ClientSession::writeOut(
                    tr("Usage: taskdeck add KIND [the options of taskdeck run KIND] [--title T]\n"
                       "  [--priority high|normal|low] [--after ID]... [--group NAME]\n"
                       "  [--not-before TIME] [--data-dir DIR] [--json] ARGS...\n"
                       "Kinds: %1. 'taskdeck add KIND --help' lists a kind's options.\n")
                        .arg(kinds.join(QStringLiteral(", "))));
                return Ok;
            }
            return badUsage(kindName.isEmpty() || kindName.startsWith(QLatin1Char('-'))
                                ? tr("add needs a job kind: taskdeck add KIND ... (kinds: %1)")
                                      .arg(kinds.join(QStringLiteral(", ")))
                                : tr("unknown job kind '%1': use one of %2")
                                      .arg(kindName, kinds.join(QStringLiteral(", "))),
                            command);
        }
        words = words.mid(1);
        // With --each, what follows is the template of every line's arguments.
        eachTemplate = ClientAddEach::withoutEach(words, eachSource);
        if (eachTemplate)
            words = *eachTemplate;
        program += QLatin1Char(' ') + kind->kind();
        parser.setApplicationDescription(
            tr("Adds a %1 job to the queue of the running instance and prints its id.")
                .arg(kind->kind()));
        kind->addOptions(parser);
        ClientAddCommand::addOptions(parser);
    } else {
        const Syntax syntax = syntaxOf(command);
        parser.setApplicationDescription(syntax.description);
        if (!syntax.positional.isEmpty())
            parser.addPositionalArgument(syntax.positional.section(QLatin1Char(' '), 0, 0),
                                         tr("Job ids (see taskdeck list)."), syntax.positional);
    }
    if (command == Command::log) {
        parser.addOption({QStringLiteral("follow"),
                          tr("Keep printing new lines until the job ends; exit 0 if it "
                             "succeeded, 1 otherwise.")});
        parser.addOption({QStringLiteral("lines"),
                          tr("Print at most the last N kept lines (default 1000; 0: all)."),
                          tr("N")});
    }
    if (command == Command::list) {
        parser.addOption({QStringLiteral("state"),
                          tr("Only jobs in these states, comma-separated (queued, waiting, "
                             "running, paused, succeeded, failed, canceled, interrupted; "
                             "finished: the last four). May be repeated."),
                          tr("STATES")});
        parser.addOption({QStringLiteral("limit"), tr("At most N jobs."), tr("N")});
        parser.addOption({QStringLiteral("since"),
                          tr("Only jobs added after job ID (ids above ID)."), tr("ID")});
    }
    parser.addOption({QStringLiteral("data-dir"),
                      tr("The data folder of the instance to talk to (default: the user's)."),
                      tr("DIR")});
    parser.addOption(
        {QStringLiteral("json"), tr("Print the instance's answer as JSON (job objects in full).")});
    parser.addHelpOption();
    if (!parser.parse(QStringList{program} + words))
        return badUsage(parser.errorText(), command);
    if (parser.isSet(QStringLiteral("help"))) {
        ClientSession::writeOut(
            parser.helpText().replace(QCoreApplication::arguments().constFirst(), program));
        return Ok;
    }
    const QString dataDir = InstancePaths::dataDir(parser.isSet(QStringLiteral("data-dir"))
                                                       ? parser.value(QStringLiteral("data-dir"))
                                                       : leadingDataDir);

    // Everything the command needs is checked before connecting: bad usage is
    // exit 2 whether an instance runs or not.
    const QStringList positional = parser.positionalArguments();
    QJsonArray ids;
    QJsonObject spec;
    QList<QJsonObject> eachSpecs;
    QJsonObject listFilter;
    int logLines = 1000;
    if (kind && eachTemplate) {
        const Expected<QList<QJsonObject>> built =
            ClientAddEach::specs(*kind, *eachTemplate, eachSource, QDir::currentPath());
        if (!built)
            return badUsage(built.error(), program.mid(int(qstrlen("taskdeck "))));
        eachSpecs = *built;
    } else if (kind) {
        const Expected<QJsonObject> built =
            ClientAddCommand::spec(kind->kind(), parser, QDir::currentPath());
        if (!built)
            return badUsage(built.error(), program.mid(int(qstrlen("taskdeck "))));
        spec = *built;
    } else {
        const Syntax syntax = syntaxOf(command);
        const bool many = syntax.positional.endsWith(QLatin1String("..."));
        const qsizetype wanted = syntax.positional.isEmpty() ? 0
                                 : many                      ? -1
                                                             : syntax.positional.count(' ') + 1;
        if (wanted == 0 && !positional.isEmpty())
            return badUsage(tr("%1 takes no arguments; '%2' is extra").arg(command, positional[0]),
                            command);
        if (wanted < 0 && positional.isEmpty())
            return badUsage(tr("%1 needs at least one job id").arg(command), command);
        if (wanted > 0 && positional.size() != wanted)
            return badUsage(tr("usage: taskdeck %1 %2").arg(command, syntax.positional), command);
        const QStringList idWords = command == Command::move ? positional.mid(0, 1) : positional;
        for (const QString &word : idWords) {
            const std::optional<qint64> id = jobId(word);
            if (!id)
                return badUsage(tr("'%1' is not a job id (a number above 0)").arg(word), command);
            ids.append(*id);
        }
        if (command == Command::move && !moveTargets.contains(positional.value(1)))
            return badUsage(
                tr("move needs top, up, down or bottom, not '%1'").arg(positional.value(1)),
                command);
        if (command == Command::list) {
            const Expected<QJsonObject> filter = listFilterFrom(parser);
            if (!filter)
                return badUsage(filter.error(), command);
            listFilter = *filter;
        }
        if (command == Command::log && parser.isSet(QStringLiteral("lines"))) {
            bool ok = false;
            logLines = parser.value(QStringLiteral("lines")).toInt(&ok);
            if (!ok || logLines < 0)
                return badUsage(tr("--lines needs a number of lines (0: all), not '%1'")
                                    .arg(parser.value(QStringLiteral("lines"))),
                                command);
        }
    }

    ClientSession client(command, dataDir, parser.isSet(QStringLiteral("json")));
    if (!client.connect())
        return client.lost(); // 3 when nobody listens, 1 when the socket is not to be trusted
    if (kind && eachTemplate)
        return client.addEach(eachSpecs);
    if (kind)
        return client.add(spec);
    if (command == Command::list)
        return client.list(listFilter);
    if (command == Command::show)
        return client.show(ids.at(0).toInteger());
    if (command == Command::log)
        return client.log(ids.at(0).toInteger(), logLines, parser.isSet(QStringLiteral("follow")));
    if (command == Command::move)
        return client.move(ids.at(0).toInteger(), positional.at(1));
    if (command == Command::wait)
        return client.wait(ids);
    if (actionCommands.contains(command))
        return client.action(ids);
    return client.queueWide();
}
