#pragma once

#include <QString>
#include <QtGlobal>

// What the clients of one server have been sent and have not read yet, all
// together. A client that stops reading (a stuck `log --follow`, a script
// that never reads its replies) must not make the instance grow without end:
// each may leave at most perClientLimit unread, and once all of them together
// leave more than totalLimit unread, a client holding more than its share
// (totalLimit divided among the clients) is dropped too.
//
// Thread: the server's. A plain counter; connections report to it.
class ClientBacklog {
public:
    static constexpr qint64 defaultTotalLimit = 64 * 1024 * 1024;
    static constexpr qint64 defaultPerClientLimit = 16 * 1024 * 1024;

    explicit ClientBacklog(qint64 totalLimit = defaultTotalLimit,
                           qint64 perClientLimit = defaultPerClientLimit)
        : m_totalLimit(totalLimit)
        , m_perClientLimit(perClientLimit) {}

    void join() { ++m_clients; }
    // unread: what was still queued for the client when it went.
    void leave(qint64 unread) {
        --m_clients;
        m_total -= unread;
    }
    void queued(qint64 bytes) { m_total += bytes; }
    void written(qint64 bytes) { m_total -= bytes; }

    qint64 total() const { return m_total; }
    qint64 share() const { return m_totalLimit / qMax(1, m_clients); }
    // Empty when a client that has `unread` bytes queued may be sent more;
    // otherwise why it is dropped, for the instance's log.
    QString dropReason(qint64 unread) const;

private:
    qint64 m_totalLimit;
    qint64 m_perClientLimit;
    qint64 m_total = 0;
    int m_clients = 0;
};
