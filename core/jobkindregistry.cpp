#include "jobkindregistry.h"

// Built-in kinds.
#include "commandjobkind.h"
#include "copyjobkind.h"
#include "hashjobkind.h"
#include "imagesjobkind.h"

std::shared_ptr<JobKindRegistry> JobKindRegistry::withBuiltinKinds() {
    auto registry = std::make_shared<JobKindRegistry>();
    // Built-in kinds are added here.
    registry->add(std::make_shared<CopyJobKind>());
    registry->add(std::make_shared<HashJobKind>());
    registry->add(std::make_shared<CommandJobKind>());
    registry->add(std::make_shared<ImagesJobKind>());
    return registry;
}

void JobKindRegistry::add(std::shared_ptr<const JobKind> kind) {
    const QString name = kind->name();
    m_kinds.insert(name, std::move(kind));
}

const JobKind *JobKindRegistry::find(const QString &name) const {
    auto it = m_kinds.constFind(name);
    return it == m_kinds.cend() ? nullptr : it->get();
}

QStringList JobKindRegistry::names() const {
    QStringList names = m_kinds.keys();
    names.sort();
    return names;
}
