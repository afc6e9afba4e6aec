#include "job/jobkindregistry.h"

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
