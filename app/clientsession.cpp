#include "clientsession.h"

#include "clientprinter.h"
#include "instance/instanceprotocol.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace {
namespace Field = InstanceProtocol::Field;

QString tr(const char *text) {
    return QCoreApplication::translate("ClientSession", text);
}

void printJson(const QJsonValue &value) {
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    ClientSession::writeOut(QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
}

// The reply without the protocol's own fields, for --json.
QJsonObject payload(QJsonObject reply) {
    reply.remove(Field::v);
    reply.remove(Field::id);
    return reply;
}

bool succeeded(const QJsonObject &reply) {
    return reply.value(Field::ok).toBool();
}

QString replyError(const QJsonObject &reply) {
    return reply.value(Field::error).toString();
}

void printLines(const QJsonArray &lines) {
    QString text;
    for (const QJsonValue &line : lines)
        text += line.toString() + QLatin1Char('\n');
    ClientSession::writeOut(text);
}
} // namespace

ClientSession::ClientSession(QString command, const QString &dataDir, bool json)
    : m_command(std::move(command))
    , m_client(dataDir)
    , m_json(json) {}

void ClientSession::printError(const QString &message) {
    std::fprintf(stderr, "taskdeck: %s\n", message.toLocal8Bit().constData());
}

void ClientSession::writeOut(const QString &text) {
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

bool ClientSession::connect() {
    if (m_client.connect())
        return true;
    printError(m_client.error());
    return false;
}

// The final reply, or nullopt after printing why there is none.
std::optional<QJsonObject> ClientSession::request(const QJsonObject &arguments) {
    std::optional<QJsonObject> reply = m_client.request(m_command, arguments);
    if (!reply)
        printError(m_client.error());
    return reply;
}

int ClientSession::lost() const {
    return m_client.instanceGone() ? NoInstance : ActionFailed;
}

// A reply whose "ok" is false: says why; exit 1.
int ClientSession::refused(const QJsonObject &reply) {
    printError(replyError(reply));
    return ActionFailed;
}

int ClientSession::add(const QJsonObject &spec) {
    const auto reply = request({{Field::spec, spec}});
    if (!reply)
        return lost();
    if (!succeeded(*reply))
        return refused(*reply);
    const QJsonObject job = reply->value(Field::job).toObject();
    if (m_json)
        printJson(job);
    else
        writeOut(QString::number(qint64(job.value(QStringLiteral("id")).toDouble())) +
                 QLatin1Char('\n'));
    return Ok;
}

int ClientSession::addEach(const QList<QJsonObject> &specs) {
    // Each part's line well under InstanceProtocol::maxLineBytes.
    constexpr qsizetype partBytes = InstanceProtocol::maxLineBytes / 2;
    QList<QJsonArray> parts{QJsonArray()};
    qsizetype bytes = 0;
    for (const QJsonObject &spec : specs) {
        const qsizetype size = QJsonDocument(spec).toJson(QJsonDocument::Compact).size() + 1;
        if (bytes + size > partBytes && !parts.last().isEmpty()) {
            parts.append(QJsonArray());
            bytes = 0;
        }
        parts.last().append(spec);
        bytes += size;
    }
    std::optional<QJsonObject> reply;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const bool more = i + 1 < parts.size();
        reply = request({{Field::specs, parts.at(i)}, {Field::more, more}});
        if (!reply)
            return lost();
        if (!succeeded(*reply))
            return refused(*reply);
    }
    const QJsonArray ids = reply->value(Field::ids).toArray();
    if (m_json) {
        printJson(ids);
        return Ok;
    }
    QString text;
    for (const QJsonValue &id : ids)
        text += QString::number(id.toInteger()) + QLatin1Char('\n');
    writeOut(text);
    return Ok;
}

int ClientSession::list(const QJsonObject &filter) {
    if (!m_client.send(m_command, filter)) {
        printError(m_client.error());
        return lost();
    }
    // Rows are printed as their events arrive: the first ones show while the
    // instance still reads the rest, and the client holds one batch at a time.
    // --json prints one array, a job object per line.
    qint64 printed = 0;
    const auto print = [&](const QJsonArray &jobs) {
        if (m_json) {
            QString text;
            for (const QJsonValue &job : jobs)
                text +=
                    (printed++ == 0 ? QStringLiteral("[\n") : QStringLiteral(",\n")) +
                    QString::fromUtf8(QJsonDocument(job.toObject()).toJson(QJsonDocument::Compact));
            writeOut(text);
        } else {
            writeOut(ClientPrinter::rows(jobs));
        }
    };
    if (!m_json)
        writeOut(ClientPrinter::header());
    for (;;) {
        const std::optional<QJsonObject> message = m_client.next();
        if (!message) {
            printError(m_client.error());
            return lost();
        }
        if (message->value(Field::event).toString() == InstanceProtocol::Event::jobs) {
            print(message->value(Field::jobs).toArray());
            continue;
        }
        if (message->contains(Field::event))
            continue;
        if (!succeeded(*message))
            return refused(*message);
        break;
    }
    if (m_json)
        writeOut(printed == 0 ? QStringLiteral("[]\n") : QStringLiteral("\n]\n"));
    return Ok;
}

int ClientSession::show(qint64 id) {
    const auto reply = request({{Field::job, id}});
    if (!reply)
        return lost();
    if (!succeeded(*reply))
        return refused(*reply);
    const QJsonObject job = reply->value(Field::job).toObject();
    if (m_json)
        printJson(job);
    else
        writeOut(ClientPrinter::details(job));
    return Ok;
}

int ClientSession::move(qint64 id, const QString &target) {
    const auto reply = request({{Field::job, id}, {Field::to, target}});
    if (!reply)
        return lost();
    if (!succeeded(*reply))
        return refused(*reply);
    if (m_json)
        printJson(reply->value(Field::job));
    return Ok;
}

int ClientSession::action(const QJsonArray &ids) {
    const auto reply = request({{Field::jobs, ids}});
    if (!reply)
        return lost();
    if (m_json)
        printJson(payload(*reply));
    const QJsonArray results = reply->value(Field::results).toArray();
    if (results.isEmpty() && !succeeded(*reply))
        return refused(*reply);
    for (const QJsonValue &value : results) {
        const QJsonObject result = value.toObject();
        if (result.value(Field::ok).toBool())
            continue;
        printError(tr("cannot %1 job %2: %3")
                       .arg(m_command)
                       .arg(qint64(result.value(Field::id).toDouble()))
                       .arg(result.value(Field::error).toString()));
    }
    return succeeded(*reply) ? Ok : ActionFailed;
}

int ClientSession::queueWide() {
    const auto reply = request({});
    if (!reply)
        return lost();
    if (m_json)
        printJson(payload(*reply));
    return succeeded(*reply) ? Ok : refused(*reply);
}

int ClientSession::wait(const QJsonArray &ids) {
    const auto reply = request({{Field::jobs, ids}});
    if (!reply)
        return lost();
    if (!succeeded(*reply))
        return refused(*reply);
    const QJsonArray jobs = reply->value(Field::jobs).toArray();
    bool allSucceeded = true;
    QString lines;
    for (const QJsonValue &value : jobs) {
        const QJsonObject job = value.toObject();
        allSucceeded = allSucceeded &&
                       job.value(QStringLiteral("state")).toString() == QLatin1String("succeeded");
        lines += ClientPrinter::finalLine(job) + QLatin1Char('\n');
    }
    if (m_json)
        printJson(jobs);
    else
        writeOut(lines);
    return allSucceeded ? Ok : ActionFailed;
}

// Without follow: the kept lines. With follow: those, then new lines as
// they come, until the job ends (exit 0 if it succeeded, else 1).
int ClientSession::log(qint64 id, int lines, bool follow) {
    if (!m_client.send(m_command,
                       {{Field::job, id}, {Field::lines, lines}, {Field::follow, follow}})) {
        printError(m_client.error());
        return lost();
    }
    for (;;) {
        const std::optional<QJsonObject> message = m_client.next();
        if (!message) {
            printError(m_client.error());
            return lost();
        }
        if (m_json)
            writeOut(QString::fromUtf8(
                QJsonDocument(payload(*message)).toJson(QJsonDocument::Compact) + '\n'));
        if (message->contains(Field::event)) {
            if (!m_json)
                printLines(message->value(Field::lines).toArray());
            continue;
        }
        if (!succeeded(*message))
            return refused(*message);
        if (!follow) {
            if (!m_json)
                printLines(message->value(Field::lines).toArray());
            return Ok;
        }
        const QString state = message->value(Field::state).toString();
        if (state == QLatin1String("succeeded"))
            return Ok;
        const QString error = replyError(*message);
        printError(error.isEmpty() ? tr("job %1 ended %2").arg(id).arg(state)
                                   : tr("job %1 ended %2: %3").arg(id).arg(state, error));
        return ActionFailed;
    }
}
