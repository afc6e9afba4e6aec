#include "engine/joblogstore.h"

#include <QCoreApplication>

#include <algorithm>

static_assert(qint64(JobLogStore::maxLinesPerJob) * JobLogStore::maxLineLength * 2 * 4 <
                  JobLogStore::budgetBytes,
              "one job's tail must stay far below the budget shared by all jobs");

QString JobLogStore::clip(const QString &line) {
    if (line.size() <= maxLineLength)
        return line;
    return line.left(maxLineLength) +
           QCoreApplication::translate("JobLogStore", "… [%1 more characters]")
               .arg(line.size() - maxLineLength);
}

void JobLogStore::append(JobId id, const QStringList &lines) {
    if (lines.isEmpty())
        return;
    Tail &tail = m_tails[id];
    if (tail.touched != 0)
        m_byAge.erase(tail.touched);
    tail.touched = ++m_clock;
    m_byAge.emplace(tail.touched, id);

    // A burst longer than the tail only leaves its own end behind.
    const qsizetype first = std::max<qsizetype>(0, lines.size() - maxLinesPerJob);
    for (qsizetype i = first; i < lines.size(); ++i) {
        if (tail.lines.size() == size_t(maxLinesPerJob))
            dropOldest(tail);
        QString line = clip(lines.at(i));
        const qint64 cost = costOf(line);
        tail.lines.push_back(std::move(line));
        tail.bytes += cost;
        m_bytes += cost;
    }
    enforceBudget(id);
}

QStringList JobLogStore::tail(JobId id, int maxLines) const {
    auto it = m_tails.find(id);
    if (it == m_tails.end() || maxLines <= 0)
        return {};
    const std::deque<QString> &lines = it->second.lines;
    const size_t count = std::min(lines.size(), size_t(maxLines));
    QStringList result;
    result.reserve(qsizetype(count));
    for (auto line = lines.end() - std::ptrdiff_t(count); line != lines.end(); ++line)
        result.append(*line);
    return result;
}

void JobLogStore::remove(JobId id) {
    auto it = m_tails.find(id);
    if (it == m_tails.end())
        return;
    m_bytes -= it->second.bytes;
    m_byAge.erase(it->second.touched);
    m_tails.erase(it);
}

void JobLogStore::dropOldest(Tail &tail) {
    const qint64 cost = costOf(tail.lines.front());
    tail.lines.pop_front();
    tail.bytes -= cost;
    m_bytes -= cost;
}

void JobLogStore::enforceBudget(JobId keep) {
    // One job's tail is far below the budget (maxLinesPerJob lines of at most
    // maxLineLength characters), so the job that just logged never has to give
    // up lines for the others.
    while (m_bytes > budgetBytes && !m_byAge.empty()) {
        const JobId oldest = m_byAge.begin()->second;
        if (oldest == keep)
            break;
        Tail &tail = m_tails.at(oldest);
        while (m_bytes > budgetBytes && !tail.lines.empty())
            dropOldest(tail);
        if (tail.lines.empty())
            remove(oldest);
    }
}
