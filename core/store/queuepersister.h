#pragma once

#include "base/expected.h"
#include "job/storedjob.h"
#include "store/storebatch.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class JobQueue;
class JobStore;
class QThread;

// Keeps a JobQueue on disk: owns the store thread and its JobStore, follows
// the queue's signals, and sends what changed to the store in batches (at
// most every batchIntervalMs, at once when jobs are added), so the queue's
// thread never waits on the disk.
//
// Thread: lives on the queue's thread; call everything there. Callbacks run on
// that thread too.
class QueuePersister : public QObject {
    Q_OBJECT
public:
    static constexpr int batchIntervalMs = 100;

    // dataDir: the folder of taskdeck.db and logs/. Does not open anything yet.
    QueuePersister(JobQueue *queue, QString dataDir, QObject *parent = nullptr);
    // Writes what is pending and stops the store thread (waits for it).
    ~QueuePersister() override;

    QString dataDir() const;
    QString databasePath() const;

    // Opens the store on its thread, prunes history older than historyDays,
    // restores the (empty) queue from it, and starts following the queue.
    // Blocks until the store has loaded: call it once at start-up, before a
    // window exists. Returns the store's notice (empty when all was well), or
    // an error when no database can be used.
    Expected<QString> open(RecoveryPolicy policy, int historyDays);

    // Calls done (on this thread) once everything the queue did before this
    // call is committed to disk, with an empty string, or with the write's
    // error. Sends pending changes at once. `context` bounds the callback's life.
    void whenCommitted(QObject *context, std::function<void(const QString &error)> done);

    // The job's log as the store has it: the last maxLines lines of its file
    // (every line logged before this call, even those not written yet), passed
    // to done on this thread.
    void readLog(JobId id, int maxLines, QObject *context,
                 std::function<void(const QStringList &lines)> done);

    // For a clean stop: sends what is pending and waits until it is written.
    // Running jobs should have been interrupted first (JobQueue::interruptRunning).
    Status flush();

    // The last write's error, empty once a write succeeds again.
    QString lastError() const;

    // Tests: caps the database's size (JobStore::limitPagesForTesting) so a
    // write fails as on a full disk. After open().
    Status limitPagesForTesting(int pages);

Q_SIGNALS:
    // A write failed (disk full, ...); what was committed before is kept and the
    // changes are tried again with the next batch. Fires on each failure that
    // follows a success, not for every retry.
    void storeFailed(const QString &message);
    // Writing works again after storeFailed.
    void storeRecovered();

private:
    class Private;
    std::unique_ptr<Private> d;
};
