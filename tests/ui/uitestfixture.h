#pragma once

#include "engine/jobqueue.h"
#include "failingjobkind.h"
#include "kinds/builtinkinds.h"
#include "spinningjobkind.h"

#include <QTest>
#include <gtest/gtest.h>

#include <functional>
#include <memory>

// A queue with the built-in kinds (the real "hash") and the fakes: "spin"
// (runs until canceled), "spin-unpausable" (cannot pause), "fail". Helpers read
// as the tests' sentences. Waits are on conditions with generous bounds, never sleeps.
class UiTestFixture : public ::testing::Test {
protected:
    static constexpr int patienceMs = 30000;

    static std::shared_ptr<JobKindRegistry> makeKinds() {
        auto kinds = BuiltinKinds::registry();
        kinds->add(std::make_shared<SpinningJobKind>());
        kinds->add(std::make_shared<SpinningJobKind>(QStringLiteral("spin-unpausable"),
                                                     JobCapability::Cancelable));
        // Claims Resumable for what the window says of it; it starts over when it does.
        kinds->add(std::make_shared<SpinningJobKind>(
            QStringLiteral("spin-resumable"),
            JobCapability::Cancelable | JobCapability::Pausable | JobCapability::Resumable));
        kinds->add(std::make_shared<FailingJobKind>());
        return kinds;
    }

    std::shared_ptr<JobKindRegistry> kinds = makeKinds();
    JobQueue queue{kinds};

    JobId add(const QString &kind, const QString &title = {}, QVariantMap params = {}) {
        JobSpec spec;
        spec.kind = kind;
        spec.title = title;
        spec.params = std::move(params);
        return add(spec);
    }
    JobId add(const JobSpec &spec) {
        const Expected<JobId> id = queue.add(spec);
        EXPECT_TRUE(id.ok()) << id.error().toStdString();
        return id.ok() ? *id : 0;
    }
    JobState stateOf(JobId id) const { return queue.job(id)->state; }
    bool waitForState(JobId id, JobState state, int timeoutMs = patienceMs) {
        return QTest::qWaitFor(
            [&] {
                const std::optional<JobSnapshot> job = queue.job(id);
                return job && job->state == state;
            },
            timeoutMs);
    }
    static bool waitUntil(const std::function<bool()> &condition, int timeoutMs = patienceMs) {
        return QTest::qWaitFor(condition, timeoutMs);
    }
};

inline void PrintTo(JobState state, std::ostream *os) {
    *os << jobStateName(state).toStdString();
}
