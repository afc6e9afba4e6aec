// The store's preferences as the window and the headless instance read them.
#include "instance/storesettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <gtest/gtest.h>

class StoreSettingsTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(dir.isValid()); }
    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};
};

TEST_F(StoreSettingsTest, DefaultsResumeSafeKindsAndKeepThirtyDays) {
    EXPECT_EQ(StoreSettings::recoveryPolicy(settings), RecoveryPolicy::ResumeSafeKinds);
    EXPECT_EQ(StoreSettings::historyDays(settings), 30);
}

TEST_F(StoreSettingsTest, ReadsTheSharedKeys) {
    settings.setValue(QStringLiteral("store/recovery"), QStringLiteral("resume-nothing"));
    settings.setValue(QStringLiteral("store/history-days"), 0);
    EXPECT_EQ(StoreSettings::recoveryPolicy(settings), RecoveryPolicy::ResumeNothing);
    EXPECT_EQ(StoreSettings::historyDays(settings), 0); // keep forever
    settings.setValue(QStringLiteral("store/recovery"), QStringLiteral("resume-safe"));
    settings.setValue(QStringLiteral("store/history-days"), 7);
    EXPECT_EQ(StoreSettings::recoveryPolicy(settings), RecoveryPolicy::ResumeSafeKinds);
    EXPECT_EQ(StoreSettings::historyDays(settings), 7);
}

TEST_F(StoreSettingsTest, UnreadableValuesReadAsTheDefaults) {
    settings.setValue(QStringLiteral("store/recovery"), QStringLiteral("resume-everything"));
    settings.setValue(QStringLiteral("store/history-days"), QStringLiteral("a week"));
    EXPECT_EQ(StoreSettings::recoveryPolicy(settings), RecoveryPolicy::ResumeSafeKinds);
    EXPECT_EQ(StoreSettings::historyDays(settings), 30);
    settings.setValue(QStringLiteral("store/history-days"), -3);
    EXPECT_EQ(StoreSettings::historyDays(settings), 30);
}

TEST_F(StoreSettingsTest, SettersRoundTripThroughTheFile) {
    StoreSettings::setRecoveryPolicy(settings, RecoveryPolicy::ResumeNothing);
    StoreSettings::setHistoryDays(settings, 90);
    settings.sync();
    const QSettings reread(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    EXPECT_EQ(reread.value(QStringLiteral("store/recovery")).toString(),
              QStringLiteral("resume-nothing"));
    EXPECT_EQ(StoreSettings::recoveryPolicy(reread), RecoveryPolicy::ResumeNothing);
    EXPECT_EQ(StoreSettings::historyDays(reread), 90);
    StoreSettings::setHistoryDays(settings, -1);
    EXPECT_EQ(StoreSettings::historyDays(settings), 30);
}
