#include "job/jobleftover.h"

#include <QStringList>

namespace {
const QString filePrefix = QStringLiteral("file:");
const QString processPrefix = QStringLiteral("process:");
} // namespace

JobLeftover JobLeftover::temporaryFile(const QString &path) {
    JobLeftover leftover;
    leftover.kind = Kind::TemporaryFile;
    leftover.path = path;
    return leftover;
}

JobLeftover JobLeftover::process(qint64 pid, quint64 startTime, qint64 groupPid,
                                 quint64 groupStartTime) {
    JobLeftover leftover;
    leftover.kind = Kind::Process;
    leftover.pid = pid;
    leftover.startTime = startTime;
    leftover.groupPid = groupPid;
    leftover.groupStartTime = groupStartTime;
    return leftover;
}

QString JobLeftover::encoded() const {
    if (kind == Kind::TemporaryFile)
        return filePrefix + path;
    return processPrefix +
           QStringLiteral("%1:%2:%3:%4").arg(pid).arg(startTime).arg(groupPid).arg(groupStartTime);
}

std::optional<JobLeftover> JobLeftover::decode(const QString &text) {
    if (text.startsWith(filePrefix) && text.size() > filePrefix.size())
        return temporaryFile(text.mid(filePrefix.size()));
    if (!text.startsWith(processPrefix))
        return std::nullopt;
    const QStringList fields = text.mid(processPrefix.size()).split(QLatin1Char(':'));
    if (fields.size() != 4)
        return std::nullopt;
    bool ok[4] = {};
    JobLeftover leftover = process(fields[0].toLongLong(&ok[0]), fields[1].toULongLong(&ok[1]),
                                   fields[2].toLongLong(&ok[2]), fields[3].toULongLong(&ok[3]));
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3] || leftover.pid <= 0)
        return std::nullopt;
    return leftover;
}
