#pragma once

// `taskdeck` with no command (or only --data-dir and Qt's window options) is
// the window, which lives in its own program, taskdeck-window, so that the
// command line, the client and `--headless` load no widget code. This finds
// that program beside taskdeck (the build tree) or in
// ../libexec/taskdeck/ (an installed tree) and replaces this process with it,
// passing the arguments on unchanged (the process keeps its pid). Returns only
// when that fails, with exit code 1 after a message naming what was missing.
// Main thread, before any QCoreApplication exists.
class WindowProgram {
public:
    static int exec(char **argv);
};
