#include "instanceserver.h"

#include "instancecommands.h"
#include "instanceconnection.h"

#include <QLocalServer>
#include <QLocalSocket>

InstanceServer::InstanceServer(JobQueue *queue, QueuePersister *persister, QObject *parent)
    : QObject(parent)
    , m_server(new QLocalServer(this))
    , m_commands(new InstanceCommands(queue, persister, this)) {
    connect(m_server, &QLocalServer::newConnection, this, &InstanceServer::acceptConnections);
    connect(m_commands, &InstanceCommands::activationRequested, this,
            &InstanceServer::activationRequested);
    connect(m_commands, &InstanceCommands::shutdownRequested, this,
            &InstanceServer::shutdownRequested);
}

InstanceServer::~InstanceServer() {
    // Connections (and their streams) go before the commands they call.
    m_server->close();
    qDeleteAll(findChildren<InstanceConnection *>(Qt::FindDirectChildrenOnly));
}

Status InstanceServer::listen(const QString &socketName) {
    m_server->close();
    QLocalServer::removeServer(socketName);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(socketName))
        return Status::failure(QStringLiteral("cannot listen on the socket %1: %2")
                                   .arg(socketName, m_server->errorString()));
    return {};
}

QString InstanceServer::socketPath() const {
    return m_server->fullServerName();
}

void InstanceServer::setHeadless(bool headless) {
    m_commands->setHeadless(headless);
}

void InstanceServer::setDataDir(const QString &dataDir) {
    m_commands->setDataDir(dataDir);
}

void InstanceServer::acceptConnections() {
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new InstanceConnection(socket, this);
        connect(connection, &InstanceConnection::requestReceived, m_commands,
                [this, connection](const InstanceRequest &request) {
                    m_commands->handle(connection, request);
                });
    }
}
