#include "instance/instancecommands.h"

#include "engine/jobqueue.h"
#include "instance/instanceconnection.h"
#include "instance/instancejoblist.h"
#include "instance/instancejobwait.h"
#include "instance/instancelogfollow.h"
#include "instance/instanceprotocol.h"
#include "instance/jobjson.h"
#include "store/queuepersister.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

#include <limits>

namespace {
namespace Command = InstanceProtocol::Command;
namespace Field = InstanceProtocol::Field;
namespace MoveTo = InstanceProtocol::MoveTo;

QString noJob(JobId id) {
    return QStringLiteral("no job %1").arg(id);
}

const QString jobsArgumentError = QStringLiteral("'jobs' must be an array of job ids");

// However many a client names, one request acts on at most this many jobs:
// each costs a lookup, a reply entry and, for wait, a watch.
constexpr qsizetype maxJobsPerRequest = 100000;
} // namespace

InstanceCommands::InstanceCommands(JobQueue *queue, QueuePersister *persister, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_persister(persister) {}

void InstanceCommands::setHeadless(bool headless) {
    m_headless = headless;
}

bool InstanceCommands::isHeadless() const {
    return m_headless;
}

void InstanceCommands::setDataDir(const QString &dataDir) {
    m_dataDir = dataDir;
}

QString InstanceCommands::dataDir() const {
    return m_dataDir;
}

const QHash<QString, InstanceCommands::Handler> &InstanceCommands::handlers() {
    static const QHash<QString, Handler> table{
        {Command::hello, &InstanceCommands::hello},
        {Command::add, &InstanceCommands::add},
        {Command::list, &InstanceCommands::list},
        {Command::show, &InstanceCommands::show},
        {Command::log, &InstanceCommands::log},
        {Command::cancel, &InstanceCommands::control},
        {Command::pause, &InstanceCommands::control},
        {Command::resume, &InstanceCommands::control},
        {Command::retry, &InstanceCommands::control},
        {Command::remove, &InstanceCommands::control},
        {Command::move, &InstanceCommands::move},
        {Command::pauseAll, &InstanceCommands::queueWide},
        {Command::resumeAll, &InstanceCommands::queueWide},
        {Command::drain, &InstanceCommands::queueWide},
        {Command::wait, &InstanceCommands::wait},
        {Command::activate, &InstanceCommands::activate},
        {Command::shutdown, &InstanceCommands::shutdown},
    };
    return table;
}

QStringList InstanceCommands::commandNames() {
    QStringList names = handlers().keys();
    names.sort();
    return names;
}

void InstanceCommands::handle(InstanceConnection *c, const InstanceRequest &r) {
    const Handler handler = handlers().value(r.command);
    if (!handler) {
        const QString name =
            r.command.size() > 64 ? r.command.left(64) + QStringLiteral("...") : r.command;
        c->fail(r.id, QStringLiteral("unknown command '%1'").arg(name));
        return;
    }
    (this->*handler)(c, r);
}

void InstanceCommands::afterCommit(InstanceConnection *c,
                                   std::function<void(const QString &error)> done) {
    if (!m_persister) {
        done(QString());
        return;
    }
    m_persister->whenCommitted(c, std::move(done));
}

std::optional<JobId> InstanceCommands::existingJob(InstanceConnection *c,
                                                   const InstanceRequest &r) {
    const auto id = JobJson::jobId(r.message.value(Field::job));
    if (!id) {
        c->fail(r.id, QStringLiteral("'job' must be a job id"));
        return std::nullopt;
    }
    if (!m_queue->job(*id)) {
        c->fail(r.id, noJob(*id));
        return std::nullopt;
    }
    return id;
}

std::optional<QList<JobId>> InstanceCommands::requestedJobs(InstanceConnection *c,
                                                            const InstanceRequest &r) {
    const auto ids = JobJson::jobIds(r.message.value(Field::jobs));
    if (!ids) {
        c->fail(r.id, jobsArgumentError);
        return std::nullopt;
    }
    if (ids->isEmpty()) {
        c->fail(r.id, QStringLiteral("'jobs' must list at least one job id"));
        return std::nullopt;
    }
    if (ids->size() > maxJobsPerRequest) {
        c->fail(r.id, QStringLiteral("too many jobs in one request: %1 different ids, at most %2")
                          .arg(ids->size())
                          .arg(maxJobsPerRequest));
        return std::nullopt;
    }
    return ids;
}

void InstanceCommands::hello(InstanceConnection *c, const InstanceRequest &r) {
    c->reply(r.id, {{Field::version, InstanceProtocol::version},
                    {Field::pid, QCoreApplication::applicationPid()},
                    {Field::headless, m_headless},
                    {Field::dataDir, m_dataDir}});
}

void InstanceCommands::add(InstanceConnection *c, const InstanceRequest &r) {
    if (r.message.contains(Field::specs)) {
        addMany(c, r);
        return;
    }
    const QJsonValue specValue = r.message.value(Field::spec);
    if (!specValue.isObject()) {
        c->fail(r.id, QStringLiteral("'spec' must be an object with the job's kind and params"));
        return;
    }
    const auto spec = JobJson::specFromJson(specValue.toObject());
    if (!spec) {
        c->fail(r.id, spec.error());
        return;
    }
    const auto added = m_queue->add(*spec);
    if (!added) {
        c->fail(r.id, added.error());
        return;
    }
    const JobId id = *added;
    // The job may have run and even been removed before the commit is reported.
    const JobSnapshot whenAdded = *m_queue->job(id);
    afterCommit(c, [this, c, requestId = r.id, id, whenAdded](const QString &error) {
        if (!error.isEmpty()) {
            m_queue->remove(id);
            c->fail(requestId, QStringLiteral("not saved: %1").arg(error));
            return;
        }
        const auto now = m_queue->job(id);
        c->reply(requestId, {{Field::job, JobJson::toJson(now ? *now : whenAdded)}});
    });
}

void InstanceCommands::addMany(InstanceConnection *c, const InstanceRequest &r) {
    const QJsonValue specsValue = r.message.value(Field::specs);
    const QJsonValue moreValue = r.message.value(Field::more);
    if (!specsValue.isArray()) {
        m_staged.remove(c);
        c->fail(r.id, QStringLiteral("'specs' must be an array of spec objects"));
        return;
    }
    if (!moreValue.isUndefined() && !moreValue.isNull() && !moreValue.isBool()) {
        m_staged.remove(c);
        c->fail(r.id, QStringLiteral("'more' must be true or false"));
        return;
    }
    if (!m_staged.contains(c))
        connect(c, &InstanceConnection::closed, this, [this, c] { m_staged.remove(c); });
    QList<JobSpec> &specs = m_staged[c];
    const QJsonArray array = specsValue.toArray();
    if (specs.size() + array.size() > maxJobsPerRequest) {
        m_staged.remove(c);
        c->fail(r.id,
                QStringLiteral("too many jobs in one add: at most %1").arg(maxJobsPerRequest));
        return;
    }
    for (const QJsonValue &value : array) {
        const auto spec =
            value.isObject()
                ? JobJson::specFromJson(value.toObject())
                : Expected<JobSpec>::failure(QStringLiteral("it is not a spec object"));
        if (!spec) {
            const qsizetype number = specs.size() + 1;
            m_staged.remove(c);
            c->fail(r.id, QStringLiteral("job %1 of the add: %2").arg(number).arg(spec.error()));
            return;
        }
        specs.append(*spec);
    }
    if (moreValue.toBool()) {
        c->reply(r.id, {{Field::staged, qint64(specs.size())}});
        return;
    }
    const QList<JobSpec> all = m_staged.take(c);
    if (all.isEmpty()) {
        c->fail(r.id, QStringLiteral("'specs' must hold at least one spec object"));
        return;
    }
    const auto added = m_queue->add(all);
    if (!added) {
        c->fail(r.id, added.error());
        return;
    }
    afterCommit(c, [this, c, requestId = r.id, ids = *added](const QString &error) {
        if (!error.isEmpty()) {
            for (JobId id : ids)
                m_queue->remove(id);
            c->fail(requestId, QStringLiteral("not saved: %1").arg(error));
            return;
        }
        c->reply(requestId, {{Field::ids, JobJson::toJson(ids)}});
    });
}

void InstanceCommands::list(InstanceConnection *c, const InstanceRequest &r) {
    auto filter = InstanceJobList::filterFrom(r.message);
    if (!filter) {
        c->fail(r.id, filter.error());
        return;
    }
    (new InstanceJobList(m_queue, c, r.id, *filter))->start();
}

void InstanceCommands::show(InstanceConnection *c, const InstanceRequest &r) {
    if (const auto id = existingJob(c, r))
        c->reply(r.id, {{Field::job, JobJson::toJson(*m_queue->job(*id), JobJson::WithDetails)}});
}

void InstanceCommands::log(InstanceConnection *c, const InstanceRequest &r) {
    const QJsonValue linesValue = r.message.value(Field::lines);
    const QJsonValue followValue = r.message.value(Field::follow);
    int lines = 1000;
    if (!linesValue.isUndefined() && !linesValue.isNull()) {
        const double number = linesValue.toDouble(-1);
        if (!linesValue.isDouble() || number < 0 || number != qint64(number)) {
            c->fail(r.id, QStringLiteral("'lines' must be a number of lines (0 for all)"));
            return;
        }
        lines = number == 0 || number > std::numeric_limits<int>::max()
                    ? std::numeric_limits<int>::max()
                    : int(number);
    }
    if (!followValue.isUndefined() && !followValue.isNull() && !followValue.isBool()) {
        c->fail(r.id, QStringLiteral("'follow' must be true or false"));
        return;
    }
    const auto id = existingJob(c, r);
    if (!id)
        return;
    if (followValue.toBool()) {
        (new InstanceLogFollow(m_queue, m_persister, c, r.id, *id))->start(lines);
        return;
    }
    if (!m_persister) {
        c->reply(r.id, {{Field::lines, QJsonArray::fromStringList(m_queue->logTail(*id, lines))}});
        return;
    }
    m_persister->readLog(*id, lines, c, [c, requestId = r.id](const QStringList &lines) {
        c->reply(requestId, {{Field::lines, QJsonArray::fromStringList(lines)}});
    });
}

void InstanceCommands::control(InstanceConnection *c, const InstanceRequest &r) {
    static const QHash<QString, Status (JobQueue::*)(JobId)> actions{
        {Command::cancel, &JobQueue::cancel}, {Command::pause, &JobQueue::pause},
        {Command::resume, &JobQueue::resume}, {Command::retry, &JobQueue::retry},
        {Command::remove, &JobQueue::remove},
    };
    const auto ids = requestedJobs(c, r);
    if (!ids)
        return;
    const auto action = actions.value(r.command);
    QJsonArray results;
    QStringList errors;
    for (JobId id : *ids) {
        const Status status =
            m_queue->job(id) ? (m_queue->*action)(id) : Status::failure(noJob(id));
        results.append(QJsonObject{
            {Field::id, qint64(id)}, {Field::ok, status.ok()}, {Field::error, status.error()}});
        if (!status)
            errors.append(status.error());
    }
    afterCommit(c, [c, requestId = r.id, results, errors](const QString &error) {
        QJsonObject reply{{Field::ok, errors.isEmpty() && error.isEmpty()},
                          {Field::results, results}};
        if (!error.isEmpty())
            reply.insert(Field::error, QStringLiteral("not saved: %1").arg(error));
        else if (!errors.isEmpty())
            reply.insert(Field::error, errors.join(QStringLiteral("; ")));
        c->reply(requestId, reply);
    });
}

void InstanceCommands::move(InstanceConnection *c, const InstanceRequest &r) {
    static const QHash<QString, MoveTarget> targets{{MoveTo::top, MoveTarget::Top},
                                                    {MoveTo::up, MoveTarget::Up},
                                                    {MoveTo::down, MoveTarget::Down},
                                                    {MoveTo::bottom, MoveTarget::Bottom}};
    const QJsonValue to = r.message.value(Field::to);
    if (!to.isString() || !targets.contains(to.toString())) {
        c->fail(r.id, QStringLiteral("'to' must be one of top, up, down, bottom"));
        return;
    }
    const auto id = existingJob(c, r);
    if (!id)
        return;
    const Status moved = m_queue->move(*id, targets.value(to.toString()));
    if (!moved) {
        c->fail(r.id, moved.error());
        return;
    }
    afterCommit(c, [this, c, requestId = r.id, id = *id](const QString &error) {
        const auto job = m_queue->job(id);
        if (!error.isEmpty())
            c->fail(requestId, QStringLiteral("not saved: %1").arg(error));
        else if (!job)
            c->fail(requestId, QStringLiteral("job %1 was removed").arg(id));
        else
            c->reply(requestId, {{Field::job, JobJson::toJson(*job)}});
    });
}

void InstanceCommands::queueWide(InstanceConnection *c, const InstanceRequest &r) {
    if (r.command == Command::pauseAll)
        m_queue->pauseAll();
    else if (r.command == Command::resumeAll)
        m_queue->resumeAll();
    else
        m_queue->drain();
    afterCommit(c, [c, requestId = r.id](const QString &error) {
        if (error.isEmpty())
            c->reply(requestId);
        else
            c->fail(requestId, QStringLiteral("not saved: %1").arg(error));
    });
}

void InstanceCommands::wait(InstanceConnection *c, const InstanceRequest &r) {
    const auto ids = requestedJobs(c, r);
    if (!ids)
        return;
    for (JobId id : *ids) {
        if (!m_queue->job(id)) {
            c->fail(r.id, noJob(id));
            return;
        }
    }
    (new InstanceJobWait(m_queue, c, r.id, *ids))->start();
}

void InstanceCommands::activate(InstanceConnection *c, const InstanceRequest &r) {
    if (m_headless) {
        c->fail(r.id, QStringLiteral("a headless instance (pid %1) owns %2; it has no window")
                          .arg(QCoreApplication::applicationPid())
                          .arg(m_dataDir));
        return;
    }
    c->reply(r.id);
    Q_EMIT activationRequested();
}

void InstanceCommands::shutdown(InstanceConnection *c, const InstanceRequest &r) {
    if (!m_headless) {
        c->fail(r.id, QStringLiteral("only a headless instance stops on request; this one "
                                     "(pid %1) has a window: close it there")
                          .arg(QCoreApplication::applicationPid()));
        return;
    }
    c->reply(r.id);
    c->flush();
    // From the event loop, not from inside the socket's readyRead: a handler may
    // well delete the server, this connection and its socket.
    QMetaObject::invokeMethod(this, &InstanceCommands::shutdownRequested, Qt::QueuedConnection);
}
