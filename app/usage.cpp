#include "usage.h"

#include "kindcommandline.h"
#include "runcommand.h"

#include <QCoreApplication>

#include <cstdio>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("Usage", text);
}
} // namespace

int Usage::printHelp() {
    QString kinds;
    for (const auto &commandLine : RunCommand::kindCommandLines())
        kinds += QStringLiteral("  taskdeck run ") +
                 commandLine->synopsis().replace(QStringLiteral("\n  "),
                                                 QStringLiteral("\n  taskdeck run ")) +
                 QLatin1Char('\n');
    const QString text =
        tr("Usage:\n"
           "  taskdeck [--data-dir DIR]  open the window\n"
           "%1"
           "  taskdeck run KIND --help  the options of one kind of job\n"
           "  taskdeck --headless [--data-dir DIR]\n"
           "                            serve the queue without a window\n"
           "  taskdeck add KIND [the options of run KIND] [--title T]\n"
           "      [--priority high|normal|low] [--after ID]... [--group NAME]\n"
           "      [--not-before TIME]   queue a job; prints its id\n"
           "  taskdeck add KIND --each FILE|- ...\n"
           "                            a job per line ({} {.} {/} {/.} {//}); all or none\n"
           "  taskdeck list [--state S,...] [--limit N] [--since ID]\n"
           "                            the queue, in order (streamed)\n"
           "  taskdeck show ID          everything about one job\n"
           "  taskdeck log ID [--follow] [--lines N]\n"
           "  taskdeck cancel|pause|resume|retry|remove ID...\n"
           "  taskdeck move ID top|up|down|bottom\n"
           "  taskdeck pause-all | resume-all | drain\n"
           "  taskdeck wait ID...       until the jobs end\n"
           "  taskdeck COMMAND --help   the options of one client command\n"
           "  taskdeck --help | --version\n"
           "\n"
           "Taskdeck queues long-running jobs, shows their progress, speed and ETA, and lets\n"
           "you pause, resume, cancel, reorder and retry them. `taskdeck run` runs one job in\n"
           "this terminal through the same engine: output on stdout, a progress bar on stderr\n"
           "when it is a terminal, Ctrl-C cancels.\n"
           "\n"
           "One instance owns the queue of a data folder (default ~/.local/share/Taskdeck/\n"
           "taskdeck): the window, or `taskdeck --headless`. The client commands (add ...\n"
           "wait) talk to it; all take --data-dir DIR, and those that print take --json.\n"
           "--not-before takes ISO 8601 (2026-11-26T22:30, local time unless a zone is\n"
           "given) or HH:MM (the next such time, today or tomorrow).\n"
           "\n"
           "Exit codes: 0 succeeded, 1 failed (a checksum mismatch too; for client\n"
           "commands: a job or an action failed), 2 bad usage or invalid parameters,\n"
           "3 no instance running (or another instance owns the folder), 130 canceled.\n")
            .arg(kinds);
    std::fputs(text.toLocal8Bit().constData(), stdout);
    return 0;
}

int Usage::printVersion() {
    std::printf("taskdeck %s\n", TASKDECK_VERSION);
    return 0;
}

int Usage::unknownCommand(const QString &command) {
    std::fprintf(stderr, "%s\n",
                 tr("taskdeck: unknown command '%1'\nTry 'taskdeck --help'.")
                     .arg(command)
                     .toLocal8Bit()
                     .constData());
    return 2;
}
