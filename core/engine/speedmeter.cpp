#include "engine/speedmeter.h"

#include <cmath>

void SpeedMeter::addSample(qint64 timeMs, qint64 done) {
    if (!m_samples.empty() && done < m_samples.back().done)
        m_samples.clear(); // the job restarted its count (a new phase): start over
    m_samples.push_back({timeMs, done});
    // Keep one sample at or beyond the window's start so the window stays full.
    while (m_samples.size() > 2 && timeMs - m_samples[1].timeMs >= m_windowMs)
        m_samples.pop_front();
}

double SpeedMeter::rate() const {
    if (m_samples.size() < 2)
        return 0;
    const Sample &first = m_samples.front();
    const Sample &last = m_samples.back();
    const qint64 elapsedMs = last.timeMs - first.timeMs;
    if (elapsedMs < 200)
        return 0;
    return double(last.done - first.done) * 1000.0 / double(elapsedMs);
}

qint64 SpeedMeter::etaSeconds(qint64 done, qint64 total) const {
    const double perSecond = rate();
    if (total < 0 || perSecond <= 0)
        return -1;
    if (done >= total)
        return 0;
    return qint64(std::ceil(double(total - done) / perSecond));
}
