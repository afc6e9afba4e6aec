// JobLogStore: the bounded log tails JobQueue keeps per job.
#include "engine/joblogstore.h"

#include <gtest/gtest.h>

namespace {

QStringList numbered(int from, int to) {
    QStringList lines;
    for (int i = from; i <= to; ++i)
        lines.append(QStringLiteral("line %1").arg(i));
    return lines;
}

} // namespace

TEST(JobLogStore, AJobThatNeverLoggedHasNoTailAndCostsNothing) {
    JobLogStore store;
    EXPECT_TRUE(store.tail(7).isEmpty());
    EXPECT_FALSE(store.contains(7));
    store.append(7, {});
    EXPECT_EQ(store.jobCount(), 0);
    EXPECT_EQ(store.bytesUsed(), 0);
}

TEST(JobLogStore, KeepsLinesInTheOrderTheyCameAcrossBatches) {
    JobLogStore store;
    store.append(1, numbered(1, 3));
    store.append(2, {QStringLiteral("other job")});
    store.append(1, numbered(4, 5));
    EXPECT_EQ(store.tail(1), numbered(1, 5));
    EXPECT_EQ(store.tail(1, 2), numbered(4, 5));
    EXPECT_EQ(store.tail(2), QStringList{QStringLiteral("other job")});
    EXPECT_TRUE(store.tail(1, 0).isEmpty());
}

TEST(JobLogStore, KeepsOnlyTheNewestLinesOfAJob) {
    JobLogStore store;
    const int max = JobLogStore::maxLinesPerJob;
    store.append(1, numbered(1, max));
    store.append(1, numbered(max + 1, max + 10));
    const QStringList tail = store.tail(1);
    ASSERT_EQ(tail.size(), max);
    EXPECT_EQ(tail.first(), QStringLiteral("line 11"));
    EXPECT_EQ(tail.last(), QStringLiteral("line %1").arg(max + 10));

    // A burst longer than the tail in one batch leaves only its end.
    store.append(2, numbered(1, 3 * max));
    EXPECT_EQ(store.tail(2), numbered(2 * max + 1, 3 * max));
}

TEST(JobLogStore, CutsARunawayLineAndSaysSo) {
    JobLogStore store;
    const QString huge(JobLogStore::maxLineLength * 50, QLatin1Char('x'));
    store.append(1, {huge});
    const QString kept = store.tail(1).first();
    EXPECT_LT(kept.size(), JobLogStore::maxLineLength + 100);
    EXPECT_TRUE(kept.startsWith(QString(JobLogStore::maxLineLength, QLatin1Char('x'))));
    EXPECT_TRUE(kept.contains(QString::number(huge.size() - JobLogStore::maxLineLength)));
}

TEST(JobLogStore, RemovingAJobFreesItsTail) {
    JobLogStore store;
    store.append(1, numbered(1, 100));
    store.append(2, numbered(1, 10));
    const qint64 withBoth = store.bytesUsed();
    store.remove(1);
    EXPECT_TRUE(store.tail(1).isEmpty());
    EXPECT_EQ(store.jobCount(), 1);
    EXPECT_LT(store.bytesUsed(), withBoth);
    store.remove(2);
    EXPECT_EQ(store.bytesUsed(), 0);
    store.remove(3); // unknown: nothing happens
}

TEST(JobLogStore, StaysWithinItsBudgetByTakingFromTheJobThatLoggedLeastRecently) {
    JobLogStore store;
    const QString line(JobLogStore::maxLineLength, QLatin1Char('y'));
    const qint64 perJob = JobLogStore::maxLinesPerJob * JobLogStore::costOf(line);
    const int jobsToOverflow = int(JobLogStore::budgetBytes / perJob) + 3;
    const QStringList full(JobLogStore::maxLinesPerJob, line);
    for (JobId id = 1; id <= JobId(jobsToOverflow); ++id) {
        store.append(id, full);
        EXPECT_LE(store.bytesUsed(), JobLogStore::budgetBytes);
    }
    // The first jobs logged least recently: they gave their lines up, the
    // newest job kept all of its own.
    EXPECT_FALSE(store.contains(1));
    EXPECT_EQ(store.tail(JobId(jobsToOverflow)).size(), JobLogStore::maxLinesPerJob);
    EXPECT_GT(store.bytesUsed(), JobLogStore::budgetBytes - 2 * perJob);

    // Logging again makes a job recent: the next job to give up lines is another.
    const JobId survivor = JobId(jobsToOverflow - 1);
    JobId oldestKept = 1;
    while (!store.contains(oldestKept))
        ++oldestKept;
    store.append(oldestKept, {QStringLiteral("still here")});
    store.append(JobId(jobsToOverflow + 1), full);
    EXPECT_TRUE(store.contains(oldestKept));
    EXPECT_EQ(store.tail(oldestKept).last(), QStringLiteral("still here"));
    EXPECT_EQ(store.tail(survivor).size(), JobLogStore::maxLinesPerJob);
    EXPECT_LE(store.bytesUsed(), JobLogStore::budgetBytes);
}
