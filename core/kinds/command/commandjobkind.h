#pragma once

#include "kinds/command/commandjobparams.h"
#include "kinds/common/typedjobkind.h"

// Runs any program, like a terminal would but without a shell: see
// CommandJobParams for the parameters and CommandRunner for how the process
// is driven (its own process group; cancel = SIGTERM, then SIGKILL after the
// grace period; pause = SIGSTOP, resume = SIGCONT; output logged line by line;
// progress read from the output).
//
// Exit status 0 succeeds; any other fails with "PROGRAM exited with code N"
// and the last stderr lines; a program that cannot start fails at once with
// the reason. result.details: "exit_code" (or "signal"), "pid", "lines",
// "stderr_tail" (QStringList), and "log_file"/"log_truncated" when logging to
// a file. Stateless: every method may be called from any thread.
class CommandJobKind : public TypedJobKind<CommandJobParams> {
public:
    QString name() const override;
    QString displayName() const override;
    int capabilities() const override { return Cancelable | Pausable; }
    QList<JobField> fields() const override;
    // The command line, shortened to about 60 characters.
    QString title(const CommandJobParams &params) const override;
    JobResult runWith(JobContext &context, const CommandJobParams &params) const override;

    static constexpr int maxTitleLength = 60;
};
