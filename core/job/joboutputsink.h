#pragma once

#include "job/jobtypes.h"

#include <QByteArrayView>

// Stdout and Stderr carry bytes as they are (a command's own output);
// Diagnostic carries one line of text for a person, without its newline (a
// verify's warning), which a terminal shows on stderr as its program's message.
enum class OutputStream : quint8 { Stdout, Stderr, Diagnostic };

// Where a job's own output goes when someone shows it as it comes: `taskdeck
// run` hands a command's stdout and stderr to its terminal (or pipe) byte for
// byte, and a verify's result lines to stdout. Without a sink (the window, the
// headless instance) nothing is written; the log has the lines either way.
//
// Thread: write() is called from the job's worker threads, at any rate the
// job produces: implementations must be thread-safe and must not stall long.
class JobOutputSink {
public:
    virtual ~JobOutputSink() = default;
    virtual void write(JobId job, OutputStream stream, QByteArrayView bytes) = 0;
};
