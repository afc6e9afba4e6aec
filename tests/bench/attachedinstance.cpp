#include "attachedinstance.h"

#include "instance/instanceserver.h"
#include "store/queuepersister.h"

AttachedInstance::AttachedInstance(JobQueue *queue) {
    m_persister = std::make_unique<QueuePersister>(queue, m_dataDir.path());
    const Expected<QString> opened = m_persister->open(RecoveryPolicy::ResumeSafeKinds, 0);
    if (!opened) {
        m_error = opened.error();
        return;
    }
    m_server = std::make_unique<InstanceServer>(queue, m_persister.get());
    m_server->setDataDir(m_dataDir.path());
    if (const Status listening = m_server->listenFor(m_dataDir.path()); !listening)
        m_error = listening.error();
    m_lister.setStandardOutputFile(QProcess::nullDevice());
    m_lister.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QObject::connect(&m_lister, &QProcess::finished, &m_lister,
                     [this](int exitCode, QProcess::ExitStatus status) {
                         if (status == QProcess::NormalExit && exitCode == 0)
                             ++m_completed;
                         else
                             ++m_failed;
                         if (m_listing)
                             listAgain();
                     });
}

AttachedInstance::~AttachedInstance() {
    stopListing();
    m_lister.waitForFinished(30000);
    m_server.reset(); // before the store it answers from
}

void AttachedInstance::startListing(const QString &program) {
    m_program = program;
    m_listing = true;
    listAgain();
}

void AttachedInstance::stopListing() {
    m_listing = false;
}

void AttachedInstance::listAgain() {
    m_lister.start(m_program,
                   {QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("list")});
}
