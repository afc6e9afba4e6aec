// JobQueuePrivate: removing jobs and changing the order (the rest of the queue's
// private half is in jobqueue_p.cpp). The queue's thread.
#include "engine/jobqueue_p.h"

#include <QCoreApplication>

#include <algorithm>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("JobQueue", text);
}
} // namespace

void JobQueuePrivate::forget(JobRecord &job) {
    Q_ASSERT(!job.holdsSlot());
    const JobId id = job.id;
    if (job.ending) {
        job.ending.reset();
        --endingCount;
    }
    if (isPending(job.state))
        pending.erase(keyOf(job));
    --stateCounts[size_t(job.state)];
    for (JobId dependency : job.spec.after) {
        auto it = dependents.find(dependency);
        if (it != dependents.end() && (it->removeAll(id), it->isEmpty()))
            dependents.erase(it);
    }
    // Jobs waiting for this one: satisfied for good if it succeeded, never otherwise.
    const QList<JobId> waiting = dependents.take(id);
    for (JobId dependent : waiting) {
        JobRecord *other = find(dependent);
        if (!other)
            continue;
        if (job.state != JobState::Succeeded && !other->holdsSlot() && !other->ending &&
            !isFinished(other->state)) {
            end(*other, JobState::Canceled,
                JobResult::failure(
                    tr("canceled: job %1 (%2) was removed").arg(id).arg(job.spec.title)));
        }
        other->spec.after.removeAll(id);
        if (isPending(other->state))
            pending.unpark(keyOf(*other)); // what it waited for is gone: dispatch looks again
    }
    logs.remove(id);
    jobs.erase(id);
}

void JobQueuePrivate::erase(const QList<JobId> &ids) {
    if (ids.isEmpty())
        return;
    for (JobId id : ids)
        forget(*find(id));
    if (ids.size() == 1) {
        // The common case: one row, no full pass.
        auto it = std::find(order.begin(), order.end(), ids.first());
        it = order.erase(it);
        for (auto i = it - order.begin(); i < std::ptrdiff_t(order.size()); ++i)
            find(order[size_t(i)])->position = int(i);
    } else {
        std::erase_if(order, [this](JobId id) { return !find(id); });
        for (size_t i = 0; i < order.size(); ++i)
            find(order[i])->position = int(i);
    }
    Q_EMIT q->jobsRemoved(ids);
}

void JobQueuePrivate::reorder(std::vector<JobId> newOrder) {
    applyOrder(std::move(newOrder));
    Q_EMIT q->orderChanged();
    scheduleDispatch();
}

void JobQueuePrivate::applyOrder(std::vector<JobId> newOrder) {
    order = std::move(newOrder);
    pending.clear();
    for (int i = 0; i < int(order.size()); ++i) {
        JobRecord &job = *find(order[size_t(i)]);
        job.position = i;
        job.rank = i;
        if (isPending(job.state))
            pending.insert(keyOf(job));
    }
    nextRank = qint64(order.size());
}
