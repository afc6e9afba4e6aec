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
           "  taskdeck                  open the window\n"
           "%1"
           "  taskdeck run KIND --help  the options of one kind of job\n"
           "  taskdeck --help | --version\n"
           "\n"
           "Taskdeck queues long-running jobs, shows their progress, speed and ETA, and lets\n"
           "you pause, resume, cancel, reorder and retry them. `taskdeck run` runs one job in\n"
           "this terminal through the same engine: output on stdout, a progress bar on stderr\n"
           "when it is a terminal, Ctrl-C cancels.\n"
           "\n"
           "Exit codes: 0 succeeded, 1 failed (a checksum mismatch too), 2 bad usage or\n"
           "invalid parameters, 130 canceled.\n")
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
