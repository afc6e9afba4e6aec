#include "clientcommand.h"

// Placeholder until the client lands.
bool ClientCommand::isClientCommand(const QStringList &) {
    return false;
}

int ClientCommand::exec(const QStringList &) {
    return BadUsage;
}
