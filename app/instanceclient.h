#pragma once

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

class QLocalSocket;

// The client side of the instance protocol (InstanceProtocol, specified in
// docs/protocol.md): one connection to the instance that owns a data folder,
// one request at a time, replies and events read line by line.
//
// Blocking: connect() and next() wait on the socket with waitFor*, which is
// right in the short-lived CLI process and wrong anywhere else. Main thread.
class InstanceClient {
public:
    // dataDir: the absolute data folder whose instance to talk to.
    explicit InstanceClient(QString dataDir);
    ~InstanceClient();

    QString dataDir() const { return m_dataDir; }

    // Connects to the folder's socket, after checking the folder it lies in
    // (InstancePaths::checkSocketFolder) and, before anything is sent, that
    // the process listening runs as this user (SO_PEERCRED). False when no
    // instance answers (error() says so and how to start one) or the socket
    // is not to be trusted (error() names it and its owner).
    bool connect(int timeoutMs = 10000);

    // Sends {"v":1,"id":<next id>,"cmd":command,...arguments}. False (error()
    // set) when the connection is gone.
    bool send(const QString &command, const QJsonObject &arguments = {});

    // The next message of the current request: an event (has "event") or its
    // final reply (has "ok"). Waits up to timeoutMs (-1: as long as the
    // connection lasts). nullopt when the instance closed the connection, the
    // wait timed out or a line was not JSON; error() says which.
    std::optional<QJsonObject> next(int timeoutMs = -1);

    // send() then next() until the final reply, skipping events.
    std::optional<QJsonObject> request(const QString &command, const QJsonObject &arguments = {},
                                       int timeoutMs = -1);

    QString error() const { return m_error; }
    // True when the last failure was that no instance could be reached
    // (connect() failed, or the connection dropped).
    bool instanceGone() const { return m_instanceGone; }

    // "no Taskdeck instance is running for DIR; start one with ..."
    static QString noInstanceMessage(const QString &dataDir);

private:
    bool checkPeer(const QString &socketName);
    std::optional<QByteArray> readLine(int timeoutMs);

    QString m_dataDir;
    std::unique_ptr<QLocalSocket> m_socket;
    int m_lastId = 0;
    QString m_error;
    bool m_instanceGone = false;
};
