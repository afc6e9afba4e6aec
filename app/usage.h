#pragma once

#include <QString>

// What `taskdeck --help` and `--version` print, and the answer to a command
// it does not know. Each returns the process exit code.
namespace Usage {
int printHelp();
int printVersion();
int unknownCommand(const QString &command);
} // namespace Usage
