#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (the self-pipe
// trick: the handler only writes a byte; the event loop does the rest).
// One instance per process; lives on the main thread.
class UnixSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    // Fires on the main thread once per signal received.
    void interrupted(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};
