#pragma once

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// A D-Bus session bus of a test's own: a dbus-daemon started for it (from a
// configuration with no service folders, so nothing is ever activated on it:
// a name nobody owns is an error at once), and a connection to it. Other
// programs join it by address(). Stopped, and its connection closed, when
// this object is destroyed. GUI thread (the test's).
class PrivateSessionBus {
public:
    static constexpr int startTimeoutMs = 20000;

    // Starts the daemon; check connected() for whether it came up.
    PrivateSessionBus() {
        static int count = 0;
        m_name = QStringLiteral("taskdeck-test-bus-%1").arg(++count);
        const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
        QFile file(config);
        if (!m_dir.isValid() || !file.open(QIODevice::WriteOnly | QIODevice::Text))
            return;
        file.write(QStringLiteral(R"(<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%1</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)")
                       .arg(m_dir.path())
                       .toUtf8());
        file.close();
        m_daemon.start(QStringLiteral("dbus-daemon"),
                       {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                        QStringLiteral("--print-address=1")});
        // The daemon prints its address once it listens.
        const QDeadlineTimer deadline(startTimeoutMs);
        while (!m_daemon.canReadLine() && m_daemon.state() != QProcess::NotRunning &&
               !deadline.hasExpired())
            m_daemon.waitForReadyRead(100);
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        if (!m_address.isEmpty())
            m_connection = QDBusConnection::connectToBus(m_address, m_name);
    }
    ~PrivateSessionBus() {
        QDBusConnection::disconnectFromBus(m_name);
        m_daemon.kill();
        m_daemon.waitForFinished(startTimeoutMs);
    }
    PrivateSessionBus(const PrivateSessionBus &) = delete;
    PrivateSessionBus &operator=(const PrivateSessionBus &) = delete;

    bool connected() const { return m_connection.isConnected(); }
    QString address() const { return m_address; }
    QDBusConnection connection() const { return m_connection; }
    // What the daemon said on stderr, for a failure message.
    QString errors() { return QString::fromUtf8(m_daemon.readAllStandardError()); }

    bool waitForService(const QString &service, int timeoutMs = startTimeoutMs) {
        return QTest::qWaitFor(
            [&] { return m_connection.interface()->isServiceRegistered(service).value(); },
            timeoutMs);
    }

private:
    QTemporaryDir m_dir;
    QString m_name;
    QString m_address;
    QProcess m_daemon;
    QDBusConnection m_connection{QString()};
};
