#include "spinningjobkind.h"

#include "job/jobcontext.h"

#include <QThread>

#include <algorithm>

QString SpinningJobKind::defaultTitle(const QVariantMap &params) const {
    return params.value(QStringLiteral("title"), QStringLiteral("Spin")).toString();
}

JobResult SpinningJobKind::run(JobContext &context, const QVariantMap &params) const {
    const qint64 total = params.value(QStringLiteral("total"), qint64(100'000'000)).toLongLong();
    const qint64 step = std::max<qint64>(1, total / 5000);
    context.setTotal(total, ProgressUnit::Bytes);
    context.setStatus(QStringLiteral("spinning"));
    qint64 done = 0;
    while (context.checkpoint()) {
        done = std::min(done + step, total - 1);
        context.setDone(done);
        // Simulated work: the worker thread, not the test, waits here.
        QThread::msleep(1);
    }
    return {};
}
