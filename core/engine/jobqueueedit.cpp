// JobQueue::edit: new settings for a job that has not started yet.

#include "engine/jobqueue.h"

#include "engine/jobqueue_p.h"
#include "job/jobkind.h"
#include "job/jobkindregistry.h"

#include <QCoreApplication>
#include <QSet>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("JobQueue", text);
}

// Whether `id` is among the jobs `from` waits for, directly or through others.
bool waitsFor(const JobQueuePrivate &d, const QList<JobId> &from, JobId id) {
    QList<JobId> todo = from;
    QSet<JobId> seen;
    while (!todo.isEmpty()) {
        const JobId next = todo.takeLast();
        if (next == id)
            return true;
        if (seen.contains(next))
            continue;
        seen.insert(next);
        if (const JobRecord *job = d.find(next))
            todo.append(job->spec.after);
    }
    return false;
}

Status checkDependencies(const JobQueuePrivate &d, JobId id, const QList<JobId> &after) {
    for (JobId dependency : after) {
        const JobRecord *other = d.find(dependency);
        if (dependency == id)
            return Status::failure(tr("job %1 cannot wait for itself").arg(id));
        if (!other)
            return Status::failure(
                tr("cannot wait for job %1: there is no such job").arg(dependency));
        if (other->state == JobState::Failed || other->state == JobState::Canceled)
            return Status::failure(tr("cannot wait for job %1: it is %2 and will not succeed")
                                       .arg(dependency)
                                       .arg(jobStateName(other->state)));
    }
    if (waitsFor(d, after, id))
        return Status::failure(
            tr("job %1 cannot wait for a job that waits for it, directly or through others")
                .arg(id));
    return {};
}
} // namespace

Status JobQueue::edit(JobId id, const JobSpec &spec) {
    JobRecord *job = d->find(id);
    if (!job)
        return Status::failure(tr("no job with id %1").arg(id));
    const bool notStarted =
        !job->holdsSlot() && !job->startedAt.isValid() && !job->ending &&
        (JobQueuePrivate::isPending(job->state) || job->state == JobState::Paused);
    if (!notStarted)
        return Status::failure(tr("job %1 cannot be edited: only a job that has not started can "
                                  "(it is %2)")
                                   .arg(id)
                                   .arg(jobStateName(job->state)));
    if (job->resume || job->earlierRunCutShort)
        return Status::failure(tr("job %1 cannot be edited: an earlier run did part of its work, "
                                  "and it resumes from there with its settings")
                                   .arg(id));
    if (spec.kind != job->spec.kind)
        return Status::failure(tr("job %1 is a %2 job and stays one (asked to make it %3)")
                                   .arg(id)
                                   .arg(job->spec.kind, spec.kind));
    const Expected<QVariantMap> params = job->kind->validate(spec.params);
    if (!params)
        return Status::failure(params.error());
    if (const Status dependencies = checkDependencies(*d, id, spec.after); !dependencies)
        return dependencies;

    // Out of the pending set while its key (priority) may change.
    const bool pending = JobQueuePrivate::isPending(job->state);
    if (pending)
        d->pending.erase(JobQueuePrivate::keyOf(*job));
    for (JobId dependency : std::as_const(job->spec.after)) {
        auto it = d->dependents.find(dependency);
        if (it != d->dependents.end() && (it->removeAll(id), it->isEmpty()))
            d->dependents.erase(it);
    }
    const JobPriority oldPriority = job->spec.priority;
    job->spec = spec;
    job->spec.params = *params;
    if (job->spec.title.isEmpty())
        job->spec.title = job->kind->defaultTitle(*params);
    for (JobId dependency : std::as_const(job->spec.after))
        d->dependents[dependency].append(id);
    if (pending) {
        d->pending.insert(JobQueuePrivate::keyOf(*job));
        d->reevaluate(*job); // new dependencies, start time or group
    }
    Q_EMIT jobsEdited({id});
    if (oldPriority != job->spec.priority) {
        Q_EMIT prioritiesChanged({id});
        Q_EMIT orderChanged();
    }
    d->scheduleDispatch();
    return {};
}
