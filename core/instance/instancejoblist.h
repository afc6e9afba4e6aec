#pragma once

#include "base/expected.h"
#include "job/jobsnapshot.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>

#include <optional>

class InstanceConnection;
class JobQueue;

// Serves "list" as a stream, so a queue of any size can be listed without a
// line over the protocol's limit and without holding the queue's thread: the
// jobs that match the request's filter go out in queue order as "jobs" events
// (each line well under InstanceProtocol::maxLineBytes), then the final reply
// {"ok":true, "count":N}.
//
// Each step reads the next slice of the order on the queue's thread (a job is
// listed as it is when its slice is read; one removed before that is left
// out) and turns it into JSON on a pool thread. It paces itself on what the
// client has not read yet, so a slow reader costs the instance a few lines of
// memory, not the whole list.
//
// Ownership: a child of the connection, so a client that leaves ends it;
// deletes itself after its reply. Thread: the queue's; never blocks.
class InstanceJobList : public QObject {
    Q_OBJECT
public:
    struct Filter {
        QList<JobState> states;      // empty: every state
        std::optional<qint64> limit; // at most this many jobs
        JobId since = 0;             // only jobs with a greater id
        bool matches(const JobSnapshot &job) const;
    };
    // Reads "states", "limit" and "since" from a request; the error names the
    // argument that is wrong.
    static Expected<Filter> filterFrom(const QJsonObject &request);

    InstanceJobList(JobQueue *queue, InstanceConnection *connection, QJsonValue requestId,
                    Filter filter);

    void start();

private:
    // Lists the next slice of the order, or finishes when there is none.
    void step();
    // An encoded batch is back from the pool: out to the client, then on.
    void sendEncoded();
    void finish();
    bool limitReached() const;

    JobQueue *m_queue;
    InstanceConnection *m_connection;
    QJsonValue m_requestId;
    Filter m_filter;
    QList<JobId> m_order;            // the queue's order when the list began
    qsizetype m_next = 0;            // the first id of m_order not read yet
    qint64 m_matched = 0;            // jobs listed (or being encoded) so far
    bool m_waitingForReader = false; // the client has too much unread
    QFutureWatcher<QList<QByteArray>> m_encoding;
};
