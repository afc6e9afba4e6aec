#pragma once

#include "instanceclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// One client command's conversation with the instance: sends the request
// through InstanceClient, prints the answer (for people, or JSON with --json)
// and returns the exit code (ClientCommand::ExitCode values). Arguments are
// already checked by ClientCommand. Main thread; blocks on the socket.
class ClientSession {
public:
    enum ExitCode { Ok = 0, ActionFailed = 1, NoInstance = 3 };

    // command: the protocol's command name, e.g. "pause-all".
    ClientSession(QString command, const QString &dataDir, bool json);

    // Connects; false after printing why (no instance running, ...).
    bool connect();

    int add(const QJsonObject &spec);
    // All of specs or none (--each): sent in parts under the line limit, queued
    // by the instance with the last one; prints the ids, one per line.
    int addEach(const QList<QJsonObject> &specs); // prints the new id
    // The jobs that match filter (the "list" request's "states", "limit",
    // "since"): a table, or a JSON array, printed as the rows stream in.
    int list(const QJsonObject &filter);
    int show(qint64 id);                        // name: value lines
    int move(qint64 id, const QString &target); // prints nothing without --json
    int action(const QJsonArray &ids);          // a stderr line per failed job
    int queueWide();                            // pause-all, resume-all, drain
    int wait(const QJsonArray &ids);            // a final-state line per job
    // Without follow: the kept lines. With follow: those, then new lines as
    // they come, until the job ends (exit 0 if it succeeded, else 1). With
    // --json, each message as one compact JSON line.
    int log(qint64 id, int lines, bool follow);

    // "taskdeck: message" on stderr.
    static void printError(const QString &message);
    // text on stdout, flushed.
    static void writeOut(const QString &text);

    // The exit code when the conversation broke (or never began): 3 when no
    // instance answers or it went away, 1 otherwise (a socket not to be trusted).
    int lost() const;

private:
    // The final reply, or nullopt after printing why there is none.
    std::optional<QJsonObject> request(const QJsonObject &arguments);
    // A reply whose "ok" is false: prints its error; exit 1.
    int refused(const QJsonObject &reply);

    QString m_command;
    InstanceClient m_client;
    bool m_json;
};
