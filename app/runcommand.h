#pragma once

#include <QStringList>

#include <memory>
#include <vector>

class KindCommandLine;

// `taskdeck run KIND [OPTIONS] ARGS...`: runs one job through the same engine
// as the window, without one. Prints the job's output on stdout, a progress bar
// on stderr when that is a terminal; Ctrl-C cancels (twice: quits at once).
// Exit codes: 0 succeeded, 1 failed, 2 bad usage or invalid parameters,
// 130 canceled. Needs a QCoreApplication; runs its event loop.
class RunCommand {
public:
    enum ExitCode { Succeeded = 0, Failed = 1, BadUsage = 2, Canceled = 130 };

    // arguments: what follows "run", e.g. {"hash", "--algorithm", "md5", "a.iso"}.
    static int exec(const QStringList &arguments);

    // The command-line readers of every kind that `run` (and `add`) accept.
    static const std::vector<std::unique_ptr<KindCommandLine>> &kindCommandLines();
};
