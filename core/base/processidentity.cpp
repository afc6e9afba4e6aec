#include "base/processidentity.h"

#include <QByteArray>
#include <QFile>
#include <QList>

namespace ProcessIdentity {

namespace {
// The fields after "PID (COMM) ", which may hold spaces and parentheses itself.
std::optional<QList<QByteArray>> statFields(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    return text.mid(close + 2).split(' ');
}
} // namespace

std::optional<quint64> startTime(qint64 pid) {
    const auto fields = statFields(pid);
    // Field 3 (state) is index 0 here, so field 22 (starttime) is index 19.
    if (!fields || fields->size() < 20)
        return std::nullopt;
    bool ok = false;
    const quint64 ticks = fields->at(19).toULongLong(&ok);
    return ok ? std::optional<quint64>(ticks) : std::nullopt;
}

bool isRunning(qint64 pid, quint64 startTime) {
    const auto fields = statFields(pid);
    if (!fields || fields->size() < 20 || fields->at(0) == "Z" || fields->at(0) == "X")
        return false;
    return fields->at(19).toULongLong() == startTime;
}

} // namespace ProcessIdentity
