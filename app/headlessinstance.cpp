#include "headlessinstance.h"

// Placeholder until headless mode lands.
bool HeadlessInstance::isRequested(const QStringList &) {
    return false;
}

int HeadlessInstance::run(const QStringList &) {
    return BadUsage;
}

int HeadlessInstance::exec(const QString &) {
    return Failed;
}
