#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QHash>

// A QApplication that, while tracing, times every top-level event delivery on
// the GUI thread and sums them by what was delivered (event type, receiver's
// class, its parent's class): where the event loop's time goes when it stalls.
// GUI thread only.
class TimingApplication : public QApplication {
public:
    TimingApplication(int &argc, char **argv)
        : QApplication(argc, argv) {}

    void setTracing(bool on) { m_tracing = on; }
    // Prints the deliveries that took longest in total, and their worst case, to stdout.
    void printTrace(int top) const;

    bool notify(QObject *receiver, QEvent *event) override;

private:
    struct Cost {
        qint64 count = 0;
        qint64 totalUs = 0;
        qint64 maxUs = 0;
        qint64 over5ms = 0;
    };
    bool m_tracing = false;
    int m_depth = 0;
    QHash<QString, Cost> m_costs;
};
