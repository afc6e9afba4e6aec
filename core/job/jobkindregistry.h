#pragma once

#include "job/jobkind.h"

#include <QHash>
#include <QStringList>

#include <memory>

// The job kinds a queue can run, by name. Knows no concrete kind: app/ fills it
// (BuiltinKinds::registry() in kinds/) and hands it to the queue. Filled once at
// start-up, then read-only: safe to read from any thread after that.
class JobKindRegistry {
public:
    void add(std::shared_ptr<const JobKind> kind);
    // Null when no kind has that name.
    const JobKind *find(const QString &name) const;
    QStringList names() const;

private:
    QHash<QString, std::shared_ptr<const JobKind>> m_kinds;
};
