#pragma once

#include "base/expected.h"

#include <QStringList>

// Splits a command line into words the way a POSIX shell does for a simple
// command: blanks separate words; 'single quotes' keep everything literally;
// "double quotes" keep everything but a backslash before " \ $ ` or a newline;
// outside quotes a backslash keeps the next character. No expansion of
// variables, globs or ~, no pipes or redirections: the words are run as they
// are. (QProcess::splitCommand knows only double quotes.) Pure; any thread.
class ShellWords {
public:
    // The words, or a message for an unterminated quote or a trailing backslash.
    static Expected<QStringList> split(const QString &commandLine);
};
