#include "queuepersister.h"

#include "jobqueue.h"

#include <QTimer>

// Placeholder until the persister lands: nothing is written; commits are immediate.
class QueuePersister::Private {
public:
    JobQueue *queue;
    QString dataDir;
};

QueuePersister::QueuePersister(JobQueue *queue, QString dataDir, QObject *parent)
    : QObject(parent)
    , d(new Private{queue, std::move(dataDir)}) {}

QueuePersister::~QueuePersister() = default;

QString QueuePersister::dataDir() const {
    return d->dataDir;
}

QString QueuePersister::databasePath() const {
    return d->dataDir + QStringLiteral("/taskdeck.db");
}

Expected<QString> QueuePersister::open(RecoveryPolicy, int) {
    return QString();
}

void QueuePersister::whenCommitted(QObject *context, std::function<void(const QString &)> done) {
    QTimer::singleShot(0, context, [done = std::move(done)] { done(QString()); });
}

void QueuePersister::readLog(JobId id, int maxLines, QObject *context,
                             std::function<void(const QStringList &)> done) {
    QTimer::singleShot(0, context, [this, id, maxLines, done = std::move(done)] {
        done(d->queue->logTail(id, maxLines));
    });
}

Status QueuePersister::flush() {
    return {};
}

QString QueuePersister::lastError() const {
    return {};
}
