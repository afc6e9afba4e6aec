#include "instanceclient.h"

#include "instance/instancepaths.h"
#include "instance/instanceprotocol.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocalSocket>

#include <algorithm>
#include <sys/socket.h>
#include <unistd.h>

namespace {
namespace Field = InstanceProtocol::Field;

QString tr(const char *text) {
    return QCoreApplication::translate("InstanceClient", text);
}
} // namespace

InstanceClient::InstanceClient(QString dataDir)
    : m_dataDir(std::move(dataDir)) {}

InstanceClient::~InstanceClient() = default;

QString InstanceClient::noInstanceMessage(const QString &dataDir) {
    return tr("no Taskdeck instance is running for %1; start one with 'taskdeck' (the window) "
              "or 'taskdeck --headless'")
        .arg(dataDir);
}

bool InstanceClient::connect(int timeoutMs) {
    m_socket = std::make_unique<QLocalSocket>();
    if (const Status folder = InstancePaths::checkSocketFolder(m_dataDir); !folder) {
        m_error = folder.error();
        return false;
    }
    const QString socketName = InstancePaths::socketName(m_dataDir);
    m_socket->connectToServer(socketName);
    if (m_socket->waitForConnected(timeoutMs))
        return checkPeer(socketName);
    // ServerNotFound / ConnectionRefused: nobody listens (a stale socket file
    // of a killed instance refuses too). Anything else is worth naming.
    const QLocalSocket::LocalSocketError socketError = m_socket->error();
    m_instanceGone = true;
    m_error = socketError == QLocalSocket::ServerNotFoundError ||
                      socketError == QLocalSocket::ConnectionRefusedError
                  ? noInstanceMessage(m_dataDir)
                  : tr("cannot connect to the Taskdeck instance for %1: %2")
                        .arg(m_dataDir, m_socket->errorString());
    return false;
}

bool InstanceClient::checkPeer(const QString &socketName) {
    // Nothing is sent (an add carries a command's environment) before it is
    // certain that the other end runs as this user: a socket another user
    // made first must not receive the requests or answer them.
    ucred peer{};
    socklen_t length = sizeof peer;
    if (::getsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &peer, &length) !=
        0) {
        m_error = tr("cannot tell who listens on %1; refusing to talk to it").arg(socketName);
    } else if (peer.uid != ::geteuid()) {
        m_error = tr("refusing to talk to the socket %1: it belongs to a process of uid %2 "
                     "(pid %3), not to you (uid %4)")
                      .arg(socketName)
                      .arg(peer.uid)
                      .arg(peer.pid)
                      .arg(::geteuid());
    } else {
        return true;
    }
    m_socket->abort();
    return false;
}

bool InstanceClient::send(const QString &command, const QJsonObject &arguments) {
    QJsonObject message = arguments;
    message.insert(Field::v, InstanceProtocol::version);
    message.insert(Field::id, ++m_lastId);
    message.insert(Field::cmd, command);
    const QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
    if (!m_socket || m_socket->state() != QLocalSocket::ConnectedState) {
        m_instanceGone = true;
        m_error = noInstanceMessage(m_dataDir);
        return false;
    }
    m_socket->write(line);
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(30000)) {
            m_instanceGone = true;
            m_error = tr("the Taskdeck instance for %1 stopped reading: %2")
                          .arg(m_dataDir, m_socket->errorString());
            return false;
        }
    }
    return true;
}

std::optional<QByteArray> InstanceClient::readLine(int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer::Forever
                                                : QDeadlineTimer(timeoutMs));
    while (!m_socket->canReadLine()) {
        if (m_socket->bytesAvailable() > InstanceProtocol::maxLineBytes) {
            m_error = tr("the Taskdeck instance for %1 sent a line over 1 MiB").arg(m_dataDir);
            return std::nullopt;
        }
        if (m_socket->state() != QLocalSocket::ConnectedState) {
            m_instanceGone = true;
            m_error = tr("the Taskdeck instance for %1 closed the connection").arg(m_dataDir);
            return std::nullopt;
        }
        const qint64 left = deadline.remainingTime();
        if (left == 0) {
            m_error = tr("the Taskdeck instance for %1 did not answer in time").arg(m_dataDir);
            return std::nullopt;
        }
        // waitForReadyRead returns false on a timeout and on a disconnect; the
        // loop tells them apart above.
        m_socket->waitForReadyRead(left < 0 ? -1 : int(std::min<qint64>(left, 1 << 30)));
    }
    QByteArray line = m_socket->readLine();
    line.chop(1);
    return line;
}

std::optional<QJsonObject> InstanceClient::next(int timeoutMs) {
    if (!m_socket) {
        m_instanceGone = true;
        m_error = noInstanceMessage(m_dataDir);
        return std::nullopt;
    }
    for (;;) {
        const std::optional<QByteArray> line = readLine(timeoutMs);
        if (!line)
            return std::nullopt;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(*line, &parseError);
        if (!document.isObject()) {
            m_error = tr("the Taskdeck instance for %1 sent a malformed message: %2")
                          .arg(m_dataDir, parseError.errorString());
            return std::nullopt;
        }
        const QJsonObject message = document.object();
        // A reply with id null answers a line the instance could not read;
        // with one request at a time that was ours.
        const QJsonValue id = message.value(Field::id);
        if (!id.isNull() && id.toInt() != m_lastId)
            continue; // not for the current request (never expected; ignored)
        return message;
    }
}

std::optional<QJsonObject> InstanceClient::request(const QString &command,
                                                   const QJsonObject &arguments, int timeoutMs) {
    if (!send(command, arguments))
        return std::nullopt;
    for (;;) {
        std::optional<QJsonObject> message = next(timeoutMs);
        if (!message || !message->contains(Field::event))
            return message;
    }
}
