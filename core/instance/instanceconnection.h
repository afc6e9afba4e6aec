#pragma once

#include "instance/instancerequest.h"

#include <QByteArray>
#include <QObject>

#include <memory>

class ClientBacklog;
class QLocalSocket;

// One client of the instance server: splits what the socket receives into
// lines, checks each request's envelope (JSON object, protocol version, id,
// cmd) and answers the bad ones itself; good ones go out as requestReceived.
// Writes replies and events as single lines. An oversized line is answered
// with an error and the connection is closed; a client that stops reading
// what it is sent is dropped (ClientBacklog says when).
//
// Ownership: owns its socket; parented to the server. Deletes itself (later)
// once the client has gone, together with its children: objects serving a
// stream for this client (a log follow, a wait) should be its children so
// they end with it. Thread: the server's; never blocks.
class InstanceConnection : public QObject {
    Q_OBJECT
public:
    // backlog: the server's account of what its clients left unread (may be
    // null: then only ClientBacklog's per-client limit applies). It must
    // outlive the connection. peerPid: the client's process, for messages.
    InstanceConnection(QLocalSocket *socket, ClientBacklog *backlog, qint64 peerPid,
                       QObject *parent);
    ~InstanceConnection() override;

    // {"v":1, "id":id, "ok":true, ...fields}; fields may set "ok" itself.
    void reply(const QJsonValue &id, QJsonObject fields = {});
    // {"v":1, "id":id, "ok":false, "error":message}
    void fail(const QJsonValue &id, const QString &message);
    // {"v":1, "id":id, "event":name, ...fields}
    void sendEvent(const QJsonValue &id, const QString &name, QJsonObject fields = {});
    // A line encodeEvent() made (on any thread), written as it is: for streams
    // that build their events off this thread.
    void sendEncoded(const QByteArray &line);
    // {"v":1, "id":id, "event":name, ...fields} as one line with its '\n'.
    // Thread: any; pure.
    static QByteArray encodeEvent(const QJsonValue &id, const QString &name, QJsonObject fields);
    // Hands what is written so far to the system without waiting.
    void flush();
    // Bytes written for the client that the system has not taken yet.
    qint64 unread() const { return m_unread; }
    // False once the client went away or the connection is closing.
    bool isOpen() const;

Q_SIGNALS:
    // A request whose envelope is valid. Fires once per line, in order.
    void requestReceived(const InstanceRequest &request);
    // The system took some of what was written (unread() went down): a stream
    // that paces itself on unread() goes on.
    void unreadShrank();
    // The client disconnected (or the server closed the connection); fires once,
    // and the connection deletes itself afterwards.
    void closed();

private:
    void readLines();
    void handleLine(const QByteArray &line);
    void refuseOversized();
    void write(QJsonObject message);
    void writeLine(const QByteArray &line);
    // Once the client is gone: closed(), then deletion.
    void end();

    QLocalSocket *m_socket;
    ClientBacklog *m_backlog;
    std::unique_ptr<ClientBacklog> m_ownBacklog; // when none was given
    qint64 m_peerPid;
    qint64 m_unread = 0;    // written to the socket, not yet taken by the system
    QByteArray m_buffer;    // an incomplete line
    bool m_closing = false; // nothing more is read
    bool m_ended = false;
};
