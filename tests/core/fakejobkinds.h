#pragma once

#include "job/jobkind.h"
#include "job/jobkindregistry.h"

#include <QSet>

#include <condition_variable>
#include <mutex>

#include <atomic>
#include <memory>

// Small job kinds for queue tests. Each run records how many runs overlap so
// tests can check the admission limits from inside the jobs themselves.
struct RunRecorder {
    std::atomic<int> running{0};
    std::atomic<int> maxRunning{0};
    std::atomic<int> runs{0};
    std::atomic<qint64> checkpoints{0};

    void enter();
    void leave() { running.fetch_sub(1); }
};

// "gate": runs until the test opens its gate (params "key"), checking for
// cancel and pause all the while. Reports items progress as it checks. With
// "stubborn": true it ignores cancel and pause (a job that does not stop).
// With "status" it sets that status line as it starts.
class GateKind : public JobKind {
public:
    explicit GateKind(std::shared_ptr<RunRecorder> recorder)
        : m_recorder(std::move(recorder)) {}
    QString name() const override { return QStringLiteral("gate"); }
    QString displayName() const override { return QStringLiteral("Gate"); }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &params) const override;
    JobResult run(JobContext &context, const QVariantMap &params) const override;

    void open(const QString &key);
    void openAll();
    // Blocks the calling job until the gate `key` opens (true) or the job is
    // canceled (false), honouring pause meanwhile.
    bool waitOpen(JobContext &context, const QString &key) const;

private:
    std::shared_ptr<RunRecorder> m_recorder;
    // std:: primitives rather than QMutex/QWaitCondition: ThreadSanitizer sees
    // through them, and Qt's uninstrumented wait would look like a race.
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    QSet<QString> m_open;
    bool m_allOpen = false;
};

// "instant": succeeds at once; "fail": returns its "message" as the error;
// "throw": throws std::runtime_error with its "message". With "leaveTemporary"
// (a path) each first creates that file and tracks it as a temporary.
class InstantKind : public JobKind {
public:
    InstantKind(QString name, std::shared_ptr<RunRecorder> recorder)
        : m_name(std::move(name))
        , m_recorder(std::move(recorder)) {}
    QString name() const override { return m_name; }
    QString displayName() const override { return m_name; }
    Expected<QVariantMap> validate(const QVariantMap &params) const override;
    QString defaultTitle(const QVariantMap &) const override { return m_name; }
    JobResult run(JobContext &context, const QVariantMap &params) const override;

private:
    QString m_name;
    std::shared_ptr<RunRecorder> m_recorder;
};

// "spin": reports progress in a tight loop, params "total" steps, "logEvery"
// (log a line every N steps, 0: never), until done or canceled.
class SpinKind : public JobKind {
public:
    QString name() const override { return QStringLiteral("spin"); }
    QString displayName() const override { return QStringLiteral("Spin"); }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &) const override { return QStringLiteral("spin"); }
    JobResult run(JobContext &context, const QVariantMap &params) const override;
};

// "steps" (Resumable): params "count" items named "0", "1", ...; items an
// earlier run finished (JobContext::finishedBefore) are skipped, the others
// recorded as finished with value "v<i>". Before item "holdAt" (if given) it
// waits for the gate "key". Summary: "processed P, skipped S".
class StepsKind : public JobKind {
public:
    explicit StepsKind(std::shared_ptr<GateKind> gate)
        : m_gate(std::move(gate)) {}
    QString name() const override { return QStringLiteral("steps"); }
    QString displayName() const override { return QStringLiteral("Steps"); }
    int capabilities() const override { return Cancelable | Pausable | Resumable; }
    Expected<QVariantMap> validate(const QVariantMap &params) const override { return params; }
    QString defaultTitle(const QVariantMap &) const override { return QStringLiteral("steps"); }
    JobResult run(JobContext &context, const QVariantMap &params) const override;

private:
    std::shared_ptr<GateKind> m_gate;
};

// A registry with all of the above, sharing one recorder.
struct FakeKinds {
    FakeKinds();
    std::shared_ptr<RunRecorder> recorder;
    std::shared_ptr<GateKind> gate;
    std::shared_ptr<JobKindRegistry> registry;
};
