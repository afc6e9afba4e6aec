#include "loggingjobkind.h"

#include "job/jobcontext.h"

#include <QDeadlineTimer>
#include <QThread>

JobResult LoggingJobKind::run(JobContext &context, const QVariantMap &params) const {
    const int lines = params.value(QStringLiteral("lines")).toInt();
    const int tickMs = params.value(QStringLiteral("tickMs")).toInt();
    for (int i = 1; i <= lines; ++i)
        context.log(QStringLiteral("line %1").arg(i));
    if (tickMs <= 0) {
        const QVariantMap details{
            {QStringLiteral("skipped"), params.value(QStringLiteral("skipped")).toStringList()},
            {QStringLiteral("bytes"), qint64(1536)}};
        return JobResult{{}, QStringLiteral("%1 lines logged").arg(lines), details};
    }
    for (int tick = 1; context.checkpoint(); ++tick) {
        // Simulated work: the worker thread, not the test, waits here.
        QDeadlineTimer next(tickMs);
        while (!next.hasExpired() && context.checkpoint())
            QThread::msleep(1);
        context.log(QStringLiteral("tick %1").arg(tick));
    }
    return {};
}
