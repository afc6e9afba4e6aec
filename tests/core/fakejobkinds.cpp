#include "fakejobkinds.h"

#include <QFile>

#include "job/jobcontext.h"

#include <stdexcept>

void RunRecorder::enter() {
    runs.fetch_add(1);
    const int now = running.fetch_add(1) + 1;
    int seen = maxRunning.load();
    while (now > seen && !maxRunning.compare_exchange_weak(seen, now)) {
    }
}

QString GateKind::defaultTitle(const QVariantMap &params) const {
    return QStringLiteral("gate %1").arg(params.value(QStringLiteral("key")).toString());
}

JobResult GateKind::run(JobContext &context, const QVariantMap &params) const {
    const QString key = params.value(QStringLiteral("key")).toString();
    m_recorder->enter();
    context.setTotal(-1, ProgressUnit::Items);
    if (params.contains(QStringLiteral("status")))
        context.setStatus(params.value(QStringLiteral("status")).toString());
    if (params.value(QStringLiteral("stubborn")).toBool()) {
        // Deaf to cancel and pause: only its gate ends it.
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_allOpen || m_open.contains(key); });
    } else {
        waitOpen(context, key);
    }
    m_recorder->leave();
    return {};
}

bool GateKind::waitOpen(JobContext &context, const QString &key) const {
    qint64 checks = 0;
    for (;;) {
        if (!context.checkpoint())
            return false;
        context.setDone(++checks);
        m_recorder->checkpoints.fetch_add(1);
        std::unique_lock lock(m_mutex);
        if (m_allOpen || m_open.contains(key))
            return true;
        // Wakes at once when the gate opens; the timeout only bounds how late
        // a cancel or pause is seen.
        m_changed.wait_for(lock, std::chrono::milliseconds(5));
    }
}

void GateKind::open(const QString &key) {
    std::lock_guard lock(m_mutex);
    m_open.insert(key);
    m_changed.notify_all();
}

void GateKind::openAll() {
    std::lock_guard lock(m_mutex);
    m_allOpen = true;
    m_changed.notify_all();
}

Expected<QVariantMap> InstantKind::validate(const QVariantMap &params) const {
    if (params.value(QStringLiteral("invalid")).toBool())
        return Expected<QVariantMap>::failure(QStringLiteral("invalid parameter 'invalid'"));
    return params;
}

JobResult InstantKind::run(JobContext &context, const QVariantMap &params) const {
    m_recorder->enter();
    context.setTotal(1, ProgressUnit::Items);
    context.setDone(1);
    m_recorder->leave();
    // "leaveTemporary": a file the run creates and tracks but never renames or
    // deletes, as a run that stops half-way through writing an output would.
    if (const QString temporary = params.value(QStringLiteral("leaveTemporary")).toString();
        !temporary.isEmpty()) {
        QFile file(temporary);
        if (file.open(QIODevice::WriteOnly))
            context.trackTemporary(temporary);
    }
    const QString message = params.value(QStringLiteral("message")).toString();
    if (m_name == QLatin1String("throw"))
        throw std::runtime_error(message.toStdString());
    if (m_name == QLatin1String("fail"))
        return JobResult::failure(message);
    return JobResult{{}, QStringLiteral("done"), {}};
}

JobResult SpinKind::run(JobContext &context, const QVariantMap &params) const {
    const qint64 total = params.value(QStringLiteral("total"), 1000000).toLongLong();
    const qint64 logEvery = params.value(QStringLiteral("logEvery"), 0).toLongLong();
    context.setTotal(total, ProgressUnit::Bytes);
    for (qint64 step = 1; step <= total; ++step) {
        if (!context.checkpoint())
            return {};
        context.setDone(step);
        if (logEvery > 0 && step % logEvery == 0)
            context.log(QStringLiteral("step %1").arg(step));
    }
    return {};
}

JobResult StepsKind::run(JobContext &context, const QVariantMap &params) const {
    const int count = params.value(QStringLiteral("count")).toInt();
    const int holdAt = params.value(QStringLiteral("holdAt"), -1).toInt();
    const QString key = params.value(QStringLiteral("key")).toString();
    context.setTotal(count, ProgressUnit::Items);
    int processed = 0;
    int skipped = 0;
    for (int i = 0; i < count; ++i) {
        if (i == holdAt && !m_gate->waitOpen(context, key))
            return {};
        const QString item = QString::number(i);
        if (context.finishedBefore(item)) {
            ++skipped;
        } else {
            ++processed;
            context.recordFinished(item, QStringLiteral("v%1").arg(i));
        }
        context.setDone(i + 1);
    }
    context.setTotal(count, ProgressUnit::Items);
    return JobResult{
        {}, QStringLiteral("processed %1, skipped %2").arg(processed).arg(skipped), {}};
}

FakeKinds::FakeKinds()
    : recorder(std::make_shared<RunRecorder>())
    , gate(std::make_shared<GateKind>(recorder))
    , registry(std::make_shared<JobKindRegistry>()) {
    registry->add(gate);
    for (const char *name : {"instant", "fail", "throw"})
        registry->add(std::make_shared<InstantKind>(QLatin1String(name), recorder));
    registry->add(std::make_shared<SpinKind>());
    registry->add(std::make_shared<StepsKind>(gate));
}
