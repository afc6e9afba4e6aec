// A stand-in for the desktop's file manager, for the tests of Show in File
// Manager: owns org.freedesktop.FileManager1 on the bus at ADDRESS and appends
// the URIs of every ShowItems call it receives to RECORD, one a line.
//   fakefilemanager ADDRESS RECORD
// Runs until killed, or until the bus goes away (checked once a second). Registers the object
// before the name, so a client that sees the name can call it.
#include <QCoreApplication>
#include <QDBusConnection>
#include <QFile>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <cstdio>

class FakeFileManager : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.FileManager1")
public:
    explicit FakeFileManager(QString record)
        : m_record(std::move(record)) {}

public Q_SLOTS:
    // org.freedesktop.FileManager1.ShowItems(as uris, s startupId).
    void ShowItems(const QStringList &uris, const QString &startupId) {
        Q_UNUSED(startupId);
        QFile file(m_record);
        if (!file.open(QIODevice::Append | QIODevice::Text))
            return;
        for (const QString &uri : uris)
            file.write(uri.toUtf8() + '\n');
    }

private:
    QString m_record;
};

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: fakefilemanager ADDRESS RECORD\n");
        return 2;
    }
    QDBusConnection bus = QDBusConnection::connectToBus(args.at(1), QStringLiteral("bus"));
    if (!bus.isConnected()) {
        std::fprintf(stderr, "fakefilemanager: cannot connect to %s\n", qPrintable(args.at(1)));
        return 1;
    }
    FakeFileManager manager(args.at(2));
    if (!bus.registerObject(QStringLiteral("/org/freedesktop/FileManager1"), &manager,
                            QDBusConnection::ExportAllSlots) ||
        !bus.registerService(QStringLiteral("org.freedesktop.FileManager1"))) {
        std::fprintf(stderr, "fakefilemanager: cannot register on the bus\n");
        return 1;
    }
    // The bus daemon gone (the test ended, or died): nothing more to do.
    QTimer watchdog;
    QObject::connect(&watchdog, &QTimer::timeout, &app, [&bus] {
        if (!bus.isConnected())
            QCoreApplication::exit(0);
    });
    watchdog.start(1000);
    return app.exec();
}

#include "fakefilemanager.moc"
