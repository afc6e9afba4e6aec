#include "terminaloutput.h"

#include "terminalprogress.h"

#include <unistd.h>

void TerminalOutput::write(JobId, OutputStream stream, QByteArrayView bytes) {
    switch (stream) {
    case OutputStream::Stdout:
        m_progress.writeAround(STDOUT_FILENO, bytes);
        return;
    case OutputStream::Stderr:
        m_progress.writeAround(STDERR_FILENO, bytes);
        return;
    case OutputStream::Diagnostic:
        m_progress.writeAround(STDERR_FILENO, "taskdeck: " + bytes.toByteArray() + '\n');
        return;
    }
}
