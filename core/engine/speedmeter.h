#pragma once

#include <QtGlobal>

#include <deque>

// Turns (time, amount done) samples into a smoothed rate and an ETA.
// The rate is the average over a sliding window of the last few seconds: steady
// enough to read, quick to follow a real change. Not thread-safe: one owner.
class SpeedMeter {
public:
    explicit SpeedMeter(qint64 windowMs = 5000)
        : m_windowMs(windowMs) {}

    void addSample(qint64 timeMs, qint64 done);
    // Forget the history (after a pause: the idle time is not part of the rate).
    void reset() { m_samples.clear(); }

    // Units per second; 0 until two samples at least 200 ms apart exist.
    double rate() const;
    // Seconds until done reaches total at the current rate; -1 when unknown.
    qint64 etaSeconds(qint64 done, qint64 total) const;

private:
    struct Sample {
        qint64 timeMs;
        qint64 done;
    };
    qint64 m_windowMs;
    std::deque<Sample> m_samples;
};
