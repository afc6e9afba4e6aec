#include "instance/instancejoblist.h"

#include "engine/jobqueue.h"
#include "instance/instanceconnection.h"
#include "instance/instanceprotocol.h"
#include "instance/jobjson.h"

#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace {
namespace Field = InstanceProtocol::Field;

// One step reads at most this many ids of the order (a filter that matches
// few jobs still gives the event loop back often) and lists at most
// batchJobs of them: a few milliseconds of the queue's thread.
constexpr qsizetype scanBudget = 4000;
constexpr qsizetype batchJobs = 500;
// A batch whose line comes out longer than this is split: the client reads
// lines of up to InstanceProtocol::maxLineBytes.
constexpr qsizetype maxEventBytes = InstanceProtocol::maxLineBytes / 2;
// The next step waits while the client has more than this left to read.
constexpr qint64 paceBytes = 2 * 1024 * 1024;

// The "jobs" events for jobs, on a pool thread: one line for all of them, or
// more when that would be too long for the client. The envelope comes from
// InstanceConnection with an empty array, and the jobs, each written directly
// (JobJson::encode), go inside it.
QList<QByteArray> encodeBatch(const QJsonValue &requestId, const QList<JobSnapshot> &jobs) {
    QByteArray line = InstanceConnection::encodeEvent(requestId, InstanceProtocol::Event::jobs,
                                                      {{Field::jobs, QJsonArray()}});
    const QByteArray emptyArray = QByteArray("\"") + Field::jobs.latin1() + "\":[]";
    QByteArray array;
    for (const JobSnapshot &job : jobs) {
        if (!array.isEmpty())
            array += ',';
        array += JobJson::encode(job);
    }
    if (array.size() > maxEventBytes && jobs.size() > 1) {
        const qsizetype half = jobs.size() / 2;
        return encodeBatch(requestId, jobs.first(half)) + encodeBatch(requestId, jobs.sliced(half));
    }
    line.insert(line.indexOf(emptyArray) + emptyArray.size() - 1, array);
    return {line};
}
} // namespace

bool InstanceJobList::Filter::matches(const JobSnapshot &job) const {
    return job.id > since && (states.isEmpty() || states.contains(job.state));
}

Expected<InstanceJobList::Filter> InstanceJobList::filterFrom(const QJsonObject &request) {
    Filter filter;
    const QJsonValue states = request.value(Field::states);
    if (!states.isUndefined() && !states.isNull()) {
        const QString wrong = QStringLiteral(
            "'states' must be an array of job states (queued, waiting, running, paused, "
            "succeeded, failed, canceled, interrupted)");
        if (!states.isArray())
            return Expected<Filter>::failure(wrong);
        for (const QJsonValue &name : states.toArray()) {
            const auto state = jobStateFromName(name.toString());
            if (!name.isString() || !state)
                return Expected<Filter>::failure(wrong);
            if (!filter.states.contains(*state))
                filter.states.append(*state);
        }
    }
    const auto wholeNumber = [&](QLatin1String field, double minimum) -> std::optional<double> {
        const QJsonValue value = request.value(field);
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < minimum || std::floor(number) != number ||
            number > 9007199254740992.0)
            return std::nullopt;
        return number;
    };
    if (const QJsonValue limit = request.value(Field::limit);
        !limit.isUndefined() && !limit.isNull()) {
        const auto number = wholeNumber(Field::limit, 1);
        if (!number)
            return Expected<Filter>::failure(
                QStringLiteral("'limit' must be a whole number of jobs, at least 1"));
        filter.limit = qint64(*number);
    }
    if (const QJsonValue since = request.value(Field::since);
        !since.isUndefined() && !since.isNull()) {
        const auto number = wholeNumber(Field::since, 0);
        if (!number)
            return Expected<Filter>::failure(QStringLiteral("'since' must be a job id (or 0)"));
        filter.since = JobId(*number);
    }
    return filter;
}

InstanceJobList::InstanceJobList(JobQueue *queue, InstanceConnection *connection,
                                 QJsonValue requestId, Filter filter)
    : QObject(connection)
    , m_queue(queue)
    , m_connection(connection)
    , m_requestId(std::move(requestId))
    , m_filter(std::move(filter)) {
    connect(&m_encoding, &QFutureWatcherBase::finished, this, &InstanceJobList::sendEncoded);
    connect(m_connection, &InstanceConnection::unreadShrank, this, [this] {
        if (m_waitingForReader && m_connection->unread() <= paceBytes) {
            m_waitingForReader = false;
            step();
        }
    });
}

void InstanceJobList::start() {
    m_order = m_queue->order();
    step();
}

bool InstanceJobList::limitReached() const {
    return m_filter.limit && m_matched >= *m_filter.limit;
}

void InstanceJobList::step() {
    if (!m_connection->isOpen())
        return; // the connection ends, and this with it
    if (m_connection->unread() > paceBytes) {
        m_waitingForReader = true;
        return;
    }
    QList<JobSnapshot> batch;
    const qsizetype scanEnd = std::min(m_order.size(), m_next + scanBudget);
    while (m_next < scanEnd && batch.size() < batchJobs && !limitReached()) {
        const auto job = m_queue->job(m_order.at(m_next++));
        if (job && m_filter.matches(*job)) {
            batch.append(*job);
            ++m_matched;
        }
    }
    if (!batch.isEmpty()) {
        m_encoding.setFuture(QtConcurrent::run(encodeBatch, m_requestId, std::move(batch)));
        return;
    }
    if (m_next < m_order.size() && !limitReached()) {
        // Nothing matched in this slice: go on from the event loop.
        QMetaObject::invokeMethod(this, &InstanceJobList::step, Qt::QueuedConnection);
        return;
    }
    finish();
}

void InstanceJobList::sendEncoded() {
    for (const QByteArray &line : m_encoding.result())
        m_connection->sendEncoded(line);
    if (m_next < m_order.size() && !limitReached())
        step();
    else
        finish();
}

void InstanceJobList::finish() {
    m_connection->reply(m_requestId, {{Field::count, m_matched}});
    deleteLater();
}
