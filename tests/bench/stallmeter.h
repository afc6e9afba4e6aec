#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

// Measures how late the event loop of the thread it lives on runs timers: a
// 1 ms Qt::PreciseTimer records, on every tick, the lateness (actual interval
// minus 1 ms, at least 0) in microseconds. GUI thread (the thread it lives on).
class StallMeter : public QObject {
    Q_OBJECT
public:
    explicit StallMeter(QObject *parent = nullptr);

    void start();
    void stop();

    // Every tick's lateness so far, in microseconds, in tick order.
    const std::vector<qint64> &latenessUs() const { return m_latenessUs; }
    // The lateness at quantile q (0..1) of the ticks so far; 0 when none.
    qint64 quantileUs(double q) const;
    qint64 maxUs() const;
    // How many ticks were at least this late.
    qsizetype countAtLeastUs(qint64 us) const;
    // Milliseconds since start() at which the latest tick of the largest stall ended.
    qint64 worstAtMs() const { return m_worstAtMs; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_worstAtMs = 0;
    qint64 m_worstUs = -1;
    std::vector<qint64> m_latenessUs;
};
