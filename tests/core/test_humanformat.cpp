#include "job/humanformat.h"

#include <gtest/gtest.h>

// The test main sets an en_US default locale.

TEST(HumanFormat, SmallSizesAreWholeBytes) {
    EXPECT_EQ(HumanFormat::bytes(0).toStdString(), "0 bytes");
    EXPECT_EQ(HumanFormat::bytes(999).toStdString(), "999 bytes");
}

// One unit system everywhere: SI, as disks are sold ("MB" never means MiB here).
TEST(HumanFormat, LargerSizesUseOneDecimalInSiUnits) {
    EXPECT_EQ(HumanFormat::bytes(1500).toStdString(), "1.5 kB");
    EXPECT_EQ(HumanFormat::bytes(5'000'000).toStdString(), "5.0 MB");
    EXPECT_EQ(HumanFormat::bytes(5 * 1024 * 1024).toStdString(), "5.2 MB");
    EXPECT_EQ(HumanFormat::bytes(38'200'000'000).toStdString(), "38.2 GB");
    EXPECT_EQ(HumanFormat::bytes(3'000'000'000'000).toStdString(), "3.0 TB");
    EXPECT_EQ(HumanFormat::bytes(1536, QLocale::c()).toStdString(), "1.5 kB");
}

TEST(HumanFormat, NegativeSizesShowAsZero) {
    EXPECT_EQ(HumanFormat::bytes(-5).toStdString(), "0 bytes");
}

TEST(HumanFormat, QuantitiesCarryTheirUnit) {
    EXPECT_EQ(HumanFormat::quantity(2000, ProgressUnit::Bytes).toStdString(), "2.0 kB");
    EXPECT_EQ(HumanFormat::quantity(1, ProgressUnit::Files).toStdString(), "1 file");
    EXPECT_EQ(HumanFormat::quantity(1204, ProgressUnit::Files).toStdString(), "1,204 files");
    EXPECT_EQ(HumanFormat::quantity(7, ProgressUnit::Items).toStdString(), "7");
}

TEST(HumanFormat, DoneOfTotalNamesTheUnitOnce) {
    EXPECT_EQ(HumanFormat::doneOfTotal(1'000'000, 4'000'000, ProgressUnit::Bytes).toStdString(),
              "1.0 MB / 4.0 MB");
    EXPECT_EQ(HumanFormat::doneOfTotal(512, 999, ProgressUnit::Bytes).toStdString(),
              "512 / 999 bytes");
    EXPECT_EQ(HumanFormat::doneOfTotal(12, 340, ProgressUnit::Files).toStdString(),
              "12 / 340 files");
    EXPECT_EQ(HumanFormat::doneOfTotal(12, 340, ProgressUnit::Items).toStdString(), "12 / 340");
}

TEST(HumanFormat, DoneOfAnUnknownTotalIsJustTheDonePart) {
    EXPECT_EQ(HumanFormat::doneOfTotal(3000, -1, ProgressUnit::Bytes).toStdString(), "3.0 kB");
    EXPECT_EQ(HumanFormat::doneOfTotal(5, -1, ProgressUnit::Files).toStdString(), "5 files");
}

TEST(HumanFormat, SpeedsArePerSecond) {
    EXPECT_EQ(HumanFormat::speed(230.4e6, ProgressUnit::Bytes).toStdString(), "230.4 MB/s");
    EXPECT_EQ(HumanFormat::speed(12, ProgressUnit::Files).toStdString(), "12 files/s");
    EXPECT_EQ(HumanFormat::speed(0.4, ProgressUnit::Files).toStdString(), "0.4 files/s");
    EXPECT_EQ(HumanFormat::speed(3.5, ProgressUnit::Items).toStdString(), "3.5 items/s");
}

TEST(HumanFormat, DurationsShowTheTwoLargestParts) {
    EXPECT_EQ(HumanFormat::duration(0).toStdString(), "0s");
    EXPECT_EQ(HumanFormat::duration(45).toStdString(), "45s");
    EXPECT_EQ(HumanFormat::duration(185).toStdString(), "3m 05s");
    EXPECT_EQ(HumanFormat::duration(3720).toStdString(), "1h 02m");
    EXPECT_EQ(HumanFormat::duration(2 * 86400 + 3 * 3600 + 59).toStdString(), "2d 03h");
}

TEST(HumanFormat, PercentIsWholeAndNeverRoundsUpToComplete) {
    EXPECT_EQ(HumanFormat::percent(0).toStdString(), "0%");
    EXPECT_EQ(HumanFormat::percent(0.424).toStdString(), "42%");
    EXPECT_EQ(HumanFormat::percent(0.999).toStdString(), "99%");
    EXPECT_EQ(HumanFormat::percent(1).toStdString(), "100%");
    EXPECT_EQ(HumanFormat::percent(1.5).toStdString(), "100%");
}

TEST(HumanFormat, UnknownPercentIsEmpty) {
    EXPECT_TRUE(HumanFormat::percent(-1).isEmpty());
}

TEST(HumanFormat, APercentageShowsNoCountAndNoRateAndMediaTimeReadsAsTimes) {
    // A command that prints "42%" is not "420 / 1,000" at "50 items/s".
    EXPECT_TRUE(HumanFormat::doneOfTotal(420, 1000, ProgressUnit::Percent).isEmpty());
    EXPECT_TRUE(HumanFormat::speed(50, ProgressUnit::Percent).isEmpty());
    EXPECT_TRUE(HumanFormat::quantity(420, ProgressUnit::Percent).isEmpty());
    // An encode: media time and a speed factor, as ffmpeg says it.
    EXPECT_EQ(HumanFormat::doneOfTotal(83000, 600000, ProgressUnit::MediaTime).toStdString(),
              "1:23 / 10:00");
    EXPECT_EQ(HumanFormat::mediaTime(3723000).toStdString(), "1:02:03");
    EXPECT_EQ(HumanFormat::speed(1900, ProgressUnit::MediaTime).toStdString(), "1.9x");
}
