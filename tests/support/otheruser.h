#pragma once

// A second local user, for tests where permissions matter: root ignores file
// modes, so the other side of a permission check runs as this user. When the
// tests run as root (CI does) and the user is missing, it is created with
// useradd; without root and without the user, the tests that need it skip
// with the reason. Commands run as the user through setpriv.
#include <QProcess>
#include <QString>
#include <QStringList>

#include <optional>
#include <pwd.h>
#include <unistd.h>

struct OtherUser {
    QString name;
    uid_t uid = 0;
    gid_t gid = 0;

    static constexpr const char *defaultName = "taskdeck-test";

    // The user, creating it when possible; nullopt and *why when it cannot be had.
    static std::optional<OtherUser> get(QString *why) {
        const QString name = QString::fromLatin1(defaultName);
        if (!lookup(name) && ::geteuid() == 0) {
            QProcess useradd;
            useradd.start(QStringLiteral("useradd"), {QStringLiteral("-M"), QStringLiteral("-s"),
                                                      QStringLiteral("/bin/sh"), name});
            useradd.waitForFinished(60000);
        }
        const std::optional<OtherUser> user = lookup(name);
        if (!user) {
            *why = QStringLiteral("no user %1 and not root to create it").arg(name);
            return std::nullopt;
        }
        if (::geteuid() != 0) {
            *why = QStringLiteral("running commands as %1 needs root").arg(name);
            return std::nullopt;
        }
        return user;
    }

    // `setpriv ... -- program arguments`, to run as this user.
    QStringList command(const QString &program, const QStringList &arguments = {}) const {
        return QStringList{QStringLiteral("--reuid=%1").arg(uid),
                           QStringLiteral("--regid=%1").arg(gid), QStringLiteral("--clear-groups"),
                           QStringLiteral("--"), program} +
               arguments;
    }
    // Runs program as this user and returns its exit code (-1 if it did not end).
    int run(const QString &program, const QStringList &arguments, QByteArray *output = nullptr,
            int timeoutMs = 60000) const {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("setpriv"), command(program, arguments));
        if (!process.waitForFinished(timeoutMs))
            return -1;
        if (output)
            *output = process.readAll();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

private:
    static std::optional<OtherUser> lookup(const QString &name) {
        struct passwd entry {};
        struct passwd *found = nullptr;
        char buffer[2048];
        if (::getpwnam_r(name.toLocal8Bit().constData(), &entry, buffer, sizeof buffer, &found) !=
                0 ||
            !found)
            return std::nullopt;
        return OtherUser{name, found->pw_uid, found->pw_gid};
    }
};
