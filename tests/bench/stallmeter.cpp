#include "stallmeter.h"

#include <algorithm>

namespace {
constexpr qint64 intervalNs = 1'000'000;
} // namespace

StallMeter::StallMeter(QObject *parent)
    : QObject(parent) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, &StallMeter::tick);
}

void StallMeter::start() {
    m_latenessUs.clear();
    m_latenessUs.reserve(200'000);
    m_worstUs = -1;
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallMeter::stop() {
    m_timer.stop();
}

void StallMeter::tick() {
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 late = std::max<qint64>(0, now - m_lastNs - intervalNs) / 1000;
    m_lastNs = now;
    m_latenessUs.push_back(late);
    if (late > m_worstUs) {
        m_worstUs = late;
        m_worstAtMs = now / 1'000'000;
    }
}

qint64 StallMeter::quantileUs(double q) const {
    if (m_latenessUs.empty())
        return 0;
    std::vector<qint64> sorted = m_latenessUs;
    const auto k = std::min(sorted.size() - 1, size_t(q * double(sorted.size() - 1) + 0.5));
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(k), sorted.end());
    return sorted[k];
}

qint64 StallMeter::maxUs() const {
    return m_latenessUs.empty() ? 0 : *std::max_element(m_latenessUs.begin(), m_latenessUs.end());
}

qsizetype StallMeter::countAtLeastUs(qint64 us) const {
    return std::count_if(m_latenessUs.begin(), m_latenessUs.end(),
                         [us](qint64 v) { return v >= us; });
}
