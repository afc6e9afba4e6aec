#include "timingapplication.h"

#include <QEvent>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

bool TimingApplication::notify(QObject *receiver, QEvent *event) {
    if (!m_tracing || m_depth > 0 || QThread::currentThread() != thread())
        return QApplication::notify(receiver, event);
    const QObject *parent = receiver->parent();
    // Timers without names are told apart by their interval.
    const auto *timer = qobject_cast<const QTimer *>(receiver);
    const QString name =
        timer ? QStringLiteral("%1 ms").arg(timer->interval()) : receiver->objectName();
    const QString key = QStringLiteral("type=%1 to %2 (%3) in %4")
                            .arg(int(event->type()))
                            .arg(QString::fromLatin1(receiver->metaObject()->className()), name,
                                 parent ? QString::fromLatin1(parent->metaObject()->className())
                                        : QStringLiteral("-"));
    QElapsedTimer clock;
    clock.start();
    ++m_depth;
    const bool result = QApplication::notify(receiver, event);
    --m_depth;
    const qint64 us = clock.nsecsElapsed() / 1000;
    Cost &cost = m_costs[key];
    ++cost.count;
    cost.totalUs += us;
    cost.maxUs = std::max(cost.maxUs, us);
    cost.over5ms += us >= 5000 ? 1 : 0;
    return result;
}

void TimingApplication::printTrace(int top) const {
    QList<QString> keys = m_costs.keys();
    std::sort(keys.begin(), keys.end(), [this](const QString &a, const QString &b) {
        return m_costs[a].totalUs > m_costs[b].totalUs;
    });
    for (const QString &key : keys.mid(0, top)) {
        const Cost &c = m_costs[key];
        std::printf("trace: %-60s count=%lld total_ms=%.1f max_ms=%.2f over_5ms=%lld\n",
                    qPrintable(key), c.count, c.totalUs / 1000.0, c.maxUs / 1000.0, c.over5ms);
    }
}
