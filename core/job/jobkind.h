#pragma once

#include "base/expected.h"
#include "job/jobfield.h"
#include "job/jobresult.h"
#include "job/jobtypes.h"

#include <QString>
#include <QVariantMap>

class JobContext;

// One kind of job (hash, copy, ...). Stateless and shared: every method may be
// called from any thread at the same time. Registered by name in JobKindRegistry.
class JobKind {
public:
    virtual ~JobKind() = default;

    // Stable machine name, e.g. "hash".
    virtual QString name() const = 0;
    // Human name for menus, e.g. "Hash or verify files".
    virtual QString displayName() const = 0;
    virtual int capabilities() const { return Cancelable | Pausable; }

    // Checks the parameters before the job is queued and returns them normalized
    // (defaults filled in, paths made absolute), or a message naming the bad one.
    // Cheap: may stat paths and read small files, never walks a tree.
    virtual Expected<QVariantMap> validate(const QVariantMap &params) const = 0;
    // A title for a job with these (validated) parameters, e.g. "Hash photos/".
    virtual QString defaultTitle(const QVariantMap &params) const = 0;
    // Its parameters and result details as a person reads them, in that order
    // (see JobField). Keys not listed are shown after these, spelled out.
    virtual QList<JobField> fields() const { return {}; }

    // Does the work on a worker thread. Reports through the context, stops
    // promptly when context.checkpoint() returns false, and returns the result
    // (a non-empty error means failure). May throw: the queue turns an exception
    // into a failure carrying its message.
    virtual JobResult run(JobContext &context, const QVariantMap &params) const = 0;
};
