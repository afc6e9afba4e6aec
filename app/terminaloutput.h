#pragma once

#include "job/joboutputsink.h"

class TerminalProgress;

// `taskdeck run`'s JobOutputSink: the job's own output goes to this process's
// stdout and stderr exactly as the job wrote it (a command's bytes: no line
// cut, no newline added, no re-encoding), diagnostics as "taskdeck: TEXT" lines
// on stderr, with the progress bar erased first.
// Thread-safe (TerminalProgress serializes the writes). Does not own progress.
class TerminalOutput : public JobOutputSink {
public:
    explicit TerminalOutput(TerminalProgress &progress)
        : m_progress(progress) {}
    void write(JobId job, OutputStream stream, QByteArrayView bytes) override;

private:
    TerminalProgress &m_progress;
};
