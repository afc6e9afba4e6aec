#include "benchspinnerjobkind.h"

#include "job/jobcontext.h"

#include <QThread>

QString BenchSpinnerJobKind::defaultTitle(const QVariantMap &params) const {
    return params.value(QStringLiteral("title"), QStringLiteral("Spinner")).toString();
}

JobResult BenchSpinnerJobKind::run(JobContext &context, const QVariantMap &params) const {
    QThread *thread = QThread::currentThread();
    const QThread::Priority before = thread->priority();
    const bool idle = params.value(QStringLiteral("idle"), true).toBool();
    if (idle)
        thread->setPriority(QThread::IdlePriority);
    // A total that is never reached: the job runs until canceled.
    constexpr qint64 total = qint64(1) << 40;
    context.setTotal(total, ProgressUnit::Items);
    qint64 done = 0;
    while (context.checkpoint()) {
        context.setDone(++done % total);
        if ((done & 0xFFFF) == 0)
            context.setStatus(QStringLiteral("pass %1").arg(done));
    }
    // Pool threads are reused: hand this one back as it was.
    if (idle)
        thread->setPriority(before == QThread::InheritPriority ? QThread::NormalPriority : before);
    return {};
}
