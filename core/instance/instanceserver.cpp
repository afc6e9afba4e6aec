#include "instance/instanceserver.h"

#include "instance/clientbacklog.h"
#include "instance/instancecommands.h"
#include "instance/instanceconnection.h"
#include "instance/instancepaths.h"
#include "instance/localsocketlistener.h"

#include <QLocalSocket>

#include <sys/resource.h>

namespace {
// Each client costs a descriptor: use all the system grants this process.
void raiseOpenFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}
} // namespace

InstanceServer::InstanceServer(JobQueue *queue, QueuePersister *persister, QObject *parent)
    : QObject(parent)
    , m_listener(new LocalSocketListener(this))
    , m_commands(new InstanceCommands(queue, persister, this))
    , m_backlog(new ClientBacklog) {
    connect(m_listener, &LocalSocketListener::newConnection, this, &InstanceServer::serve);
    connect(m_commands, &InstanceCommands::activationRequested, this,
            &InstanceServer::activationRequested);
    connect(m_commands, &InstanceCommands::shutdownRequested, this,
            &InstanceServer::shutdownRequested);
}

InstanceServer::~InstanceServer() {
    // Connections (and their streams) go before the commands they call and
    // the backlog they report to.
    m_listener->close();
    qDeleteAll(findChildren<InstanceConnection *>(Qt::FindDirectChildrenOnly));
    delete m_backlog;
}

Status InstanceServer::listen(const QString &socketName) {
    raiseOpenFileLimit();
    return m_listener->listen(socketName);
}

Status InstanceServer::listenFor(const QString &dataDir) {
    if (Status folder = InstancePaths::prepareSocketFolder(dataDir); !folder)
        return folder;
    return listen(InstancePaths::socketName(dataDir));
}

QString InstanceServer::socketPath() const {
    return m_listener->path();
}

void InstanceServer::setHeadless(bool headless) {
    m_commands->setHeadless(headless);
}

void InstanceServer::setDataDir(const QString &dataDir) {
    m_commands->setDataDir(dataDir);
}

void InstanceServer::serve(QLocalSocket *socket, qint64 peerPid) {
    auto *connection = new InstanceConnection(socket, m_backlog, peerPid, this);
    connect(connection, &InstanceConnection::requestReceived, m_commands,
            [this, connection](const InstanceRequest &request) {
                m_commands->handle(connection, request);
            });
}
