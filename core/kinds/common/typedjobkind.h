#pragma once

#include "job/jobkind.h"

// The opening every kind shares, written once: a kind with a typed parameter
// struct Params derives from TypedJobKind<Params> and writes only its title and
// its run on the parsed parameters. Params provides
//   static Expected<Params> fromMap(const QVariantMap &)  shape only, no disk
//   Status check()       the cheap file-system checks (may fill in defaults)
//   QVariantMap toMap() const   the normalized map; fromMap(toMap()) is the value
// The map is the boundary (the store, the socket); inside, a kind works on Params.
// Stateless like JobKind: every method may be called from any thread.
template <typename Params> class TypedJobKind : public JobKind {
public:
    Expected<QVariantMap> validate(const QVariantMap &params) const final {
        Expected<Params> parsed = Params::fromMap(params);
        if (!parsed)
            return Expected<QVariantMap>::failure(parsed.error());
        if (const Status status = parsed.value().check(); !status)
            return Expected<QVariantMap>::failure(status.error());
        return parsed.value().toMap();
    }

    QString defaultTitle(const QVariantMap &params) const final {
        const Expected<Params> parsed = Params::fromMap(params);
        return parsed ? title(parsed.value()) : displayName();
    }

    JobResult run(JobContext &context, const QVariantMap &params) const final {
        const Expected<Params> parsed = Params::fromMap(params);
        if (!parsed)
            return JobResult::failure(parsed.error());
        return runWith(context, parsed.value());
    }

protected:
    // A title for a job with these (valid) parameters, e.g. "Hash photos".
    virtual QString title(const Params &params) const = 0;
    // JobKind::run() on the parsed parameters.
    virtual JobResult runWith(JobContext &context, const Params &params) const = 0;
};
