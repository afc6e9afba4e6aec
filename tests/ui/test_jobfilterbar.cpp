#include "jobtable/jobfilterbar.h"
#include "jobtable/jobtablemodel.h"

#include "uitestfixture.h"

#include <QAbstractButton>
#include <QLineEdit>

namespace {

using StateFilter = JobFilterProxyModel::StateFilter;

class JobFilterBarTest : public UiTestFixture {
protected:
    JobTableModel model{&queue};
    JobFilterProxyModel proxy;
    JobFilterBar bar;

    void SetUp() override {
        proxy.setSourceModel(&model);
        bar.setProxy(&proxy);
        bar.show();
        bar.activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&bar));
    }
};

} // namespace

TEST_F(JobFilterBarTest, ButtonsPickTheStateFilterOneAtATime) {
    EXPECT_TRUE(bar.button(StateFilter::All)->isChecked());
    QTest::mouseClick(bar.button(StateFilter::Failed), Qt::LeftButton);
    EXPECT_EQ(proxy.stateFilter(), StateFilter::Failed);
    EXPECT_TRUE(bar.button(StateFilter::Failed)->isChecked());
    EXPECT_FALSE(bar.button(StateFilter::All)->isChecked());

    // A filter set elsewhere shows on the bar.
    proxy.setStateFilter(StateFilter::Active);
    EXPECT_TRUE(bar.button(StateFilter::Active)->isChecked());
    EXPECT_FALSE(bar.button(StateFilter::Failed)->isChecked());
}

TEST_F(JobFilterBarTest, TheButtonsCanBeUsedFromTheKeyboard) {
    QAbstractButton *done = bar.button(StateFilter::Done);
    done->setFocus();
    ASSERT_TRUE(waitUntil([&] { return done->hasFocus(); }));
    QTest::keyClick(done, Qt::Key_Space);
    EXPECT_EQ(proxy.stateFilter(), StateFilter::Done);
}

TEST_F(JobFilterBarTest, TypingSearchesAndEscapeClears) {
    queue.setMaxRunning(1);
    add(QStringLiteral("spin"), QStringLiteral("holiday photos"));
    add(QStringLiteral("spin"), QStringLiteral("backup"));
    QLineEdit *search = bar.searchField();
    EXPECT_EQ(search->placeholderText().toStdString(), "Search jobs");
    EXPECT_TRUE(search->isClearButtonEnabled());

    bar.focusSearch();
    ASSERT_TRUE(waitUntil([&] { return search->hasFocus(); }));
    QTest::keyClicks(search, QStringLiteral("PHOTO"));
    EXPECT_EQ(proxy.searchText().toStdString(), "PHOTO");
    EXPECT_EQ(proxy.rowCount(), 1);

    QTest::keyClick(search, Qt::Key_Escape);
    EXPECT_TRUE(search->text().isEmpty());
    EXPECT_EQ(proxy.rowCount(), 2);
}

TEST_F(JobFilterBarTest, FocusSearchSelectsWhatWasTyped) {
    bar.searchField()->setText(QStringLiteral("old"));
    bar.focusSearch();
    EXPECT_EQ(bar.searchField()->selectedText().toStdString(), "old");
}

TEST_F(JobFilterBarTest, ButtonsCountTheirJobs) {
    queue.setMaxRunning(1);
    const JobId failed = add(QStringLiteral("fail"));
    add(QStringLiteral("spin"));
    add(QStringLiteral("spin"));
    ASSERT_TRUE(waitForState(failed, JobState::Failed));
    EXPECT_TRUE(waitUntil([&] {
        return bar.button(StateFilter::Failed)->text() == QStringLiteral("Failed (1)") &&
               bar.button(StateFilter::All)->text() == QStringLiteral("All (3)") &&
               bar.button(StateFilter::Active)->text() == QStringLiteral("Active (1)") &&
               bar.button(StateFilter::Queued)->text() == QStringLiteral("Queued (1)");
    })) << bar.button(StateFilter::All)->text().toStdString();
}

TEST_F(JobFilterBarTest, EveryControlHasAnAccessibleName) {
    EXPECT_FALSE(bar.accessibleName().isEmpty());
    EXPECT_FALSE(bar.searchField()->accessibleName().isEmpty());
    for (int f = 0; f < JobFilterProxyModel::stateFilterCount; ++f)
        EXPECT_FALSE(bar.button(StateFilter(f))->accessibleName().isEmpty()) << f;
}
