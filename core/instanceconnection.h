#pragma once

#include "instancerequest.h"

#include <QByteArray>
#include <QObject>

class QLocalSocket;

// One client of the instance server: splits what the socket receives into
// lines, checks each request's envelope (JSON object, protocol version, id,
// cmd) and answers the bad ones itself; good ones go out as requestReceived.
// Writes replies and events as single lines. An oversized line is answered
// with an error and the connection is closed; a client that stops reading
// what it is sent is dropped (maxUnreadBytes).
//
// Ownership: owns its socket; parented to the server. Deletes itself (later)
// once the client has gone, together with its children: objects serving a
// stream for this client (a log follow, a wait) should be its children so
// they end with it. Thread: the server's; never blocks.
class InstanceConnection : public QObject {
    Q_OBJECT
public:
    // A client with more than this still to be sent to it when another message
    // is due is dropped (it stopped reading); one message may be larger.
    static constexpr qint64 maxUnreadBytes = 64 * 1024 * 1024;

    InstanceConnection(QLocalSocket *socket, QObject *parent);
    ~InstanceConnection() override;

    // {"v":1, "id":id, "ok":true, ...fields}; fields may set "ok" itself.
    void reply(const QJsonValue &id, QJsonObject fields = {});
    // {"v":1, "id":id, "ok":false, "error":message}
    void fail(const QJsonValue &id, const QString &message);
    // {"v":1, "id":id, "event":name, ...fields}
    void sendEvent(const QJsonValue &id, const QString &name, QJsonObject fields = {});
    // Hands what is written so far to the system without waiting.
    void flush();
    // False once the client went away or the connection is closing.
    bool isOpen() const;

Q_SIGNALS:
    // A request whose envelope is valid. Fires once per line, in order.
    void requestReceived(const InstanceRequest &request);
    // The client disconnected (or the server closed the connection); fires once,
    // and the connection deletes itself afterwards.
    void closed();

private:
    void readLines();
    void handleLine(const QByteArray &line);
    void refuseOversized();
    void write(QJsonObject message);
    // Once the client is gone: closed(), then deletion.
    void end();

    QLocalSocket *m_socket;
    QByteArray m_buffer;    // an incomplete line
    bool m_closing = false; // nothing more is read
    bool m_ended = false;
};
