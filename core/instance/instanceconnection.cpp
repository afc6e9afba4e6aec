#include "instance/instanceconnection.h"

#include "instance/clientbacklog.h"
#include "instance/instanceprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QPointer>

#include <cmath>

namespace {
namespace Field = InstanceProtocol::Field;

// A value from the client, shown in an error message: compact and short, so
// a hostile request cannot make the reply huge.
QString shown(const QJsonValue &value) {
    QString text;
    if (value.isUndefined())
        return QStringLiteral("(missing)");
    if (value.isString())
        text = value.toString();
    else if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    else
        text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    return text.size() > 64 ? text.left(64) + QStringLiteral("...") : text;
}

bool isIntegerId(const QJsonValue &id) {
    if (!id.isDouble())
        return false;
    const double number = id.toDouble();
    return std::abs(number) <= 9007199254740992.0 && std::floor(number) == number;
}
} // namespace

InstanceConnection::InstanceConnection(QLocalSocket *socket, ClientBacklog *backlog, qint64 peerPid,
                                       QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_backlog(backlog)
    , m_peerPid(peerPid) {
    if (!m_backlog) {
        m_ownBacklog = std::make_unique<ClientBacklog>();
        m_backlog = m_ownBacklog.get();
    }
    m_backlog->join();
    m_socket->setParent(this);
    connect(m_socket, &QLocalSocket::bytesWritten, this, [this](qint64 bytes) {
        m_unread -= bytes;
        m_backlog->written(bytes);
        Q_EMIT unreadShrank();
    });
    // Bounds what one client can make the server hold: a line at most, plus a bit.
    m_socket->setReadBufferSize(InstanceProtocol::maxLineBytes + 64 * 1024);
    connect(m_socket, &QLocalSocket::readyRead, this, &InstanceConnection::readLines);
    connect(m_socket, &QLocalSocket::disconnected, this, &InstanceConnection::end);
    // Lines that arrived with the connection.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &InstanceConnection::readLines, Qt::QueuedConnection);
}

InstanceConnection::~InstanceConnection() {
    m_backlog->leave(m_unread);
}

void InstanceConnection::end() {
    m_closing = true;
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT closed();
    deleteLater();
}

void InstanceConnection::reply(const QJsonValue &id, QJsonObject fields) {
    if (!fields.contains(Field::ok))
        fields.insert(Field::ok, true);
    fields.insert(Field::id, id);
    write(std::move(fields));
}

void InstanceConnection::fail(const QJsonValue &id, const QString &message) {
    write(QJsonObject{{Field::id, id}, {Field::ok, false}, {Field::error, message}});
}

void InstanceConnection::sendEvent(const QJsonValue &id, const QString &name, QJsonObject fields) {
    writeLine(encodeEvent(id, name, std::move(fields)));
}

QByteArray InstanceConnection::encodeEvent(const QJsonValue &id, const QString &name,
                                           QJsonObject fields) {
    fields.insert(Field::id, id);
    fields.insert(Field::event, name);
    fields.insert(Field::v, InstanceProtocol::version);
    return QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n';
}

void InstanceConnection::sendEncoded(const QByteArray &line) {
    writeLine(line);
}

void InstanceConnection::flush() {
    if (m_socket->state() == QLocalSocket::ConnectedState)
        m_socket->flush();
}

bool InstanceConnection::isOpen() const {
    return !m_closing && m_socket->state() == QLocalSocket::ConnectedState;
}

void InstanceConnection::write(QJsonObject message) {
    message.insert(Field::v, InstanceProtocol::version);
    writeLine(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
}

void InstanceConnection::writeLine(const QByteArray &line) {
    if (m_socket->state() != QLocalSocket::ConnectedState)
        return; // the client left; nobody to tell
    if (const QString why = m_backlog->dropReason(m_unread); !why.isEmpty()) {
        // A client that stopped reading (a stuck `log --follow`) must not make
        // the instance hold an ever-growing backlog for it. It cannot be told
        // (it does not read); the instance's log says who and why.
        qWarning("instance server: dropped the client of pid %lld: %s", qlonglong(m_peerPid),
                 qPrintable(why));
        m_backlog->written(m_unread);
        m_unread = 0;
        m_socket->abort();
        end();
        return;
    }
    const qint64 accepted = m_socket->write(line);
    if (accepted > 0) {
        m_unread += accepted;
        m_backlog->queued(accepted);
    }
}

void InstanceConnection::readLines() {
    if (m_closing) {
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    m_buffer += m_socket->readAll();
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = m_buffer.indexOf('\n', start);
        if (end < 0)
            break;
        if (end - start > InstanceProtocol::maxLineBytes) {
            refuseOversized();
            return;
        }
        // A request's handler may end this connection, or (shutdown) the server.
        const QPointer<InstanceConnection> alive(this);
        handleLine(m_buffer.sliced(start, end - start));
        if (!alive || m_closing)
            return;
        start = end + 1;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > InstanceProtocol::maxLineBytes)
        refuseOversized();
}

void InstanceConnection::refuseOversized() {
    m_buffer.clear();
    m_buffer.squeeze();
    fail(QJsonValue::Null, QStringLiteral("message too large (over %1 MiB)")
                               .arg(InstanceProtocol::maxLineBytes / (1024 * 1024)));
    m_closing = true;
    m_socket->skip(m_socket->bytesAvailable());
    // Closes once the error is written; disconnected then deletes us.
    m_socket->disconnectFromServer();
}

void InstanceConnection::handleLine(const QByteArray &line) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        fail(QJsonValue::Null, QStringLiteral("malformed message: %1 at byte %2")
                                   .arg(error.errorString())
                                   .arg(error.offset));
        return;
    }
    if (!document.isObject()) {
        fail(QJsonValue::Null,
             QStringLiteral("malformed message: a request must be a JSON object"));
        return;
    }
    const QJsonObject message = document.object();
    const QJsonValue id = message.value(Field::id);
    const QJsonValue replyId = isIntegerId(id) ? id : QJsonValue(QJsonValue::Null);
    const QJsonValue version = message.value(Field::v);
    if (!version.isDouble() || version.toDouble() != InstanceProtocol::version) {
        fail(replyId, QStringLiteral("unsupported protocol version %1; this instance speaks %2")
                          .arg(shown(version))
                          .arg(InstanceProtocol::version));
        return;
    }
    if (!isIntegerId(id)) {
        fail(QJsonValue::Null, QStringLiteral("'id' must be an integer chosen by the client"));
        return;
    }
    const QJsonValue command = message.value(Field::cmd);
    if (!command.isString()) {
        fail(id, QStringLiteral("'cmd' must be the name of a command"));
        return;
    }
    Q_EMIT requestReceived(InstanceRequest{id, command.toString(), message});
}
