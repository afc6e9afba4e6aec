#include "jobstore.h"

// Placeholder until the store lands; every call fails.
JobStore::JobStore(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir)) {}

JobStore::~JobStore() = default;

QString JobStore::databasePath() const {
    return m_dataDir + QStringLiteral("/taskdeck.db");
}

QString JobStore::logPath(JobId id) const {
    return m_dataDir + QStringLiteral("/logs/%1.log").arg(id);
}

Expected<JobStore::Loaded> JobStore::open(int) {
    return Expected<Loaded>::failure(QStringLiteral("the store is not built yet"));
}

void JobStore::write(const StoreBatch &batch) {
    Q_EMIT written(batch.sequence, QStringLiteral("the store is not built yet"));
}

QStringList JobStore::readLog(JobId, int) const {
    return {};
}

Status JobStore::limitPagesForTesting(int) {
    return Status::failure(QStringLiteral("the store is not built yet"));
}
