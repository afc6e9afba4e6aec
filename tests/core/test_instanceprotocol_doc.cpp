// docs/protocol.md against the server it specifies: every command the server
// answers has its section, the job object's table lists exactly the fields the
// server sends, and the documented replies are the ones on the wire.
#include "instance/instancecommands.h"
#include "instance/instanceprotocol.h"
#include "instance/jobjson.h"
#include "instanceserverfixture.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace {

QString s(const char *text) {
    return QString::fromLatin1(text);
}

QStringList docLines() {
    QFile file(QStringLiteral(TASKDECK_PROTOCOL_DOC));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << TASKDECK_PROTOCOL_DOC;
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
}

// The lines under the heading "## title", up to the next heading of that level.
QStringList section(const QStringList &lines, const QString &title) {
    const qsizetype start = lines.indexOf(QStringLiteral("## ") + title);
    EXPECT_GE(start, 0) << "no section '## " << title.toStdString() << "'";
    if (start < 0)
        return {};
    QStringList body;
    for (qsizetype i = start + 1; i < lines.size() && !lines[i].startsWith(s("## ")); ++i)
        body.append(lines[i]);
    return body;
}

// Every `name` in the line.
QStringList quotedNames(const QString &line) {
    static const QRegularExpression quoted(QStringLiteral("`([^`]+)`"));
    QStringList names;
    for (auto it = quoted.globalMatch(line); it.hasNext();)
        names.append(it.next().captured(1));
    return names;
}

QSet<QString> toSet(const QStringList &list) {
    return QSet<QString>(list.cbegin(), list.cend());
}

std::string joined(QStringList list) {
    list.sort();
    return list.join(s(", ")).toStdString();
}

class InstanceProtocolDoc : public InstanceServerFixture {};

} // namespace

TEST_F(InstanceProtocolDoc, EveryCommandTheServerAnswersHasASectionAndNoOtherIsDocumented) {
    QStringList documented;
    for (const QString &line : section(docLines(), s("Commands"))) {
        if (line.startsWith(s("### ")))
            documented += quotedNames(line);
    }
    const QStringList served = InstanceCommands::commandNames();
    ASSERT_FALSE(served.isEmpty());
    const QSet<QString> missing = toSet(served) - toSet(documented);
    const QSet<QString> extra = toSet(documented) - toSet(served);
    EXPECT_TRUE(missing.isEmpty()) << "served, not documented: " << joined(missing.values());
    EXPECT_TRUE(extra.isEmpty()) << "documented, not served: " << joined(extra.values());
    EXPECT_EQ(documented.size(), toSet(documented).size()) << "a command has two sections";
}

TEST_F(InstanceProtocolDoc, TheJobObjectTableListsExactlyTheFieldsTheServerSends) {
    QStringList documented;
    for (const QString &line : section(docLines(), s("The job object"))) {
        if (line.startsWith(s("| `")))
            documented.append(quotedNames(line).constFirst());
    }
    const QStringList sent = JobJson::toJson(JobSnapshot(), JobJson::WithDetails).keys();
    EXPECT_EQ(joined(documented), joined(sent));
}

TEST_F(InstanceProtocolDoc, TheVersionAndTheLineLimitAreTheOnesDocumented) {
    const QString doc = docLines().join(QLatin1Char('\n'));
    EXPECT_TRUE(doc.contains(s("Protocol version **%1**").arg(InstanceProtocol::version)));
    EXPECT_TRUE(doc.contains(
        s("**Line limit: %1 MiB**").arg(InstanceProtocol::maxLineBytes / (1024 * 1024))));
}

TEST_F(InstanceProtocolDoc, AnUnknownCommandGetsTheReplyTheExampleSessionShows) {
    TestClient &client = connectClient();
    client.lastId = 6; // the example's request is number 7
    const QJsonObject reply = request(client, s("frobnicate"));
    const QString line = QString::fromUtf8(QJsonDocument(reply).toJson(QJsonDocument::Compact));
    EXPECT_EQ(line,
              s("{\"error\":\"unknown command 'frobnicate'\",\"id\":7,\"ok\":false,\"v\":1}"));
    EXPECT_TRUE(docLines().contains(s("    < ") + line)) << line.toStdString();
}

TEST_F(InstanceProtocolDoc, TheEnvelopeErrorsAreTheOnesDocumented) {
    TestClient &client = connectClient();
    client.sendRaw("[]\n{\"v\":1,\"cmd\":\"hello\"}\n{\"v\":1,\"id\":3,\"cmd\":4}\n");
    ASSERT_TRUE(waitForClient(client, [&] { return client.received.size() >= 3; }));
    const QString envelope = section(docLines(), s("Messages")).join(QLatin1Char('\n'));
    for (const QJsonObject &reply : std::as_const(client.received)) {
        const QString error = reply.value(s("error")).toString();
        EXPECT_FALSE(error.isEmpty()) << text(reply);
        EXPECT_TRUE(envelope.contains(QLatin1Char('`') + error + QLatin1Char('`')))
            << error.toStdString();
    }
}
