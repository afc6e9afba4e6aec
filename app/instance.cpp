#include "instance.h"

#include "engine/jobqueue.h"
#include "instance/instanceserver.h"
#include "instance/storesettings.h"
#include "job/jobkindregistry.h"
#include "store/queuepersister.h"
#include "store/queuestopper.h"

#include <QCoreApplication>
#include <QSettings>

#include <cstdio>
#include <unistd.h>

Instance::Instance(QString dataDir, std::shared_ptr<const JobKindRegistry> kinds,
                   QSettings *settings)
    : m_dataDir(std::move(dataDir))
    , m_kinds(std::move(kinds))
    , m_settings(settings)
    , m_queueSettings(settings)
    , m_lock(m_dataDir) {}

Instance::~Instance() = default;

Instance::Opening Instance::open() {
    if (!m_lock.tryAcquire()) {
        m_error = m_lock.error();
        return m_lock.ownerPid() != 0 ? Opening::HeldByOther : Opening::Failed;
    }
    if (!m_lock.notice().isEmpty())
        m_notices.append(m_lock.notice());

    m_queue = std::make_unique<JobQueue>(m_kinds);
    m_queueSettings.applyTo(*m_queue);
    m_persister = std::make_unique<QueuePersister>(m_queue.get(), m_dataDir);
    const Expected<QString> opened = m_persister->open(StoreSettings::recoveryPolicy(*m_settings),
                                                       StoreSettings::historyDays(*m_settings));
    if (!opened) {
        m_error = opened.error();
        return Opening::Failed;
    }
    if (!opened->isEmpty())
        m_notices.append(*opened);

    m_server = std::make_unique<InstanceServer>(m_queue.get(), m_persister.get());
    m_server->setDataDir(m_dataDir);
    m_stopper = std::make_unique<QueueStopper>(m_queue.get(), m_persister.get(), nullptr,
                                               StoreSettings::stopSeconds(*m_settings) * 1000);
    return Opening::Opened;
}

Status Instance::listen(bool headless) {
    m_server->setHeadless(headless);
    return m_server->listenFor(m_dataDir);
}

void Instance::applySettings() {
    m_queueSettings.applyTo(*m_queue);
}

void Instance::quitWhenStopped(std::function<void(const QueueStopper &)> report) {
    QueueStopper *stopper = m_stopper.get();
    connect(stopper, &QueueStopper::stopped, this, [stopper, report](int exitCode) {
        if (report)
            report(*stopper);
        if (stopper->abandonedCount() > 0) {
            std::fflush(stderr);
            ::_exit(exitCode);
        }
        QCoreApplication::exit(exitCode);
    });
}
