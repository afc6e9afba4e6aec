#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// One request of the instance protocol that passed the envelope checks
// (a JSON object, "v" == InstanceProtocol::version, an integer "id", a string
// "cmd"). A plain value.
struct InstanceRequest {
    QJsonValue id;       // the client's id, echoed in every reply and event
    QString command;     // "cmd"
    QJsonObject message; // the whole request, arguments included
};
