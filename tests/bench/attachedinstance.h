#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class InstanceServer;
class JobQueue;
class QueuePersister;

// What the real application attaches to its queue, for a benchmark: the store
// (QueuePersister on a temporary data folder, so every change is written and
// synced as in the window) and the instance server on that folder; and a shell
// that keeps listing the whole queue, one `taskdeck list` after another.
//
// Ownership: borrows the queue, which must outlive it. GUI thread.
class AttachedInstance {
public:
    // Opens the store and listens; error() is empty when both worked. Call
    // before any job is added: the store starts from an empty queue.
    explicit AttachedInstance(JobQueue *queue);
    ~AttachedInstance();

    QString error() const { return m_error; }

    // Starts `program --data-dir DIR list` again each time it ends, until stopListing().
    void startListing(const QString &program);
    void stopListing();
    // Listings that ended with exit 0.
    int listsCompleted() const { return m_completed; }
    int listsFailed() const { return m_failed; }

private:
    void listAgain();

    QTemporaryDir m_dataDir;
    std::unique_ptr<QueuePersister> m_persister;
    std::unique_ptr<InstanceServer> m_server;
    QProcess m_lister;
    QString m_program;
    bool m_listing = false;
    int m_completed = 0;
    int m_failed = 0;
    QString m_error;
};
