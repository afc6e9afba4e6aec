#include "failingjobkind.h"

#include "job/jobcontext.h"

JobResult FailingJobKind::run(JobContext &context, const QVariantMap &params) const {
    context.setTotal(10, ProgressUnit::Files);
    context.setDone(3);
    return JobResult::failure(params.value(QStringLiteral("message"), defaultMessage()).toString());
}
