// The progress parsers of command jobs, fed recorded tool output, and the
// small pieces around them: line splitting on '\r' and '\n', the capped log.
#include "job/cappedlogfile.h"
#include "kinds/command/autoprogressparser.h"
#include "kinds/command/outputlinesampler.h"
#include "kinds/command/outputlinesplitter.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using Reading = ProgressParser::Reading;

QByteArray testData(const char *name) {
    QFile file(QStringLiteral(TASKDECK_TEST_DATA "/") + QLatin1String(name));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

// Every reading the parser reports for the recorded output, in order.
QList<Reading> readingsOf(ProgressParser &parser, const QByteArray &output) {
    OutputLineSplitter splitter;
    QList<QByteArray> lines = splitter.feed(output);
    lines += splitter.finish();
    QList<Reading> readings;
    for (const QByteArray &line : lines) {
        if (auto reading = parser.feed(QString::fromUtf8(line)))
            readings.append(*reading);
    }
    return readings;
}

std::optional<Reading> feedOne(ProgressParser &parser, const char *line) {
    return parser.feed(QString::fromUtf8(line));
}

} // namespace

void PrintTo(const Reading &r, std::ostream *os) {
    *os << r.done << "/" << r.total << " unit " << int(r.unit);
}

TEST(PercentProgressParser, ReadsATrailingPercentageAsPerMille) {
    PercentProgressParser parser;
    EXPECT_EQ(feedOne(parser, "42%"), (Reading{420, 1000, ProgressUnit::Percent}));
    EXPECT_EQ(feedOne(parser, "encoding 42.5 %"), (Reading{425, 1000, ProgressUnit::Percent}));
    EXPECT_EQ(feedOne(parser, "[ 7%]  "), (Reading{70, 1000, ProgressUnit::Percent}));
    EXPECT_EQ(feedOne(parser, "done: 100%"), (Reading{1000, 1000, ProgressUnit::Percent}));
}

TEST(PercentProgressParser, IgnoresPercentagesThatDoNotEndTheLineOrStandAlone) {
    PercentProgressParser parser;
    EXPECT_FALSE(feedOne(parser, "42% of the files are done"));
    EXPECT_FALSE(feedOne(parser, "version-42%"));
    EXPECT_FALSE(feedOne(parser, "150%"));
    EXPECT_FALSE(feedOne(parser, "no progress here"));
}

TEST(FfmpegProgressParser, ReadsOutTimeAgainstTheDurationFromTheBanner) {
    FfmpegProgressParser parser;
    const QList<Reading> readings = readingsOf(parser, testData("ffmpeg-progress.txt"));
    EXPECT_EQ(parser.durationMs(), 62500);
    // out_time_us, out_time_ms and out_time each report; "N/A" reports nothing;
    // progress=end reports the end.
    ASSERT_EQ(readings.size(), 10);
    EXPECT_EQ(readings.first(), (Reading{12480, 62500, ProgressUnit::MediaTime}));
    EXPECT_EQ(readings[3], (Reading{31250, 62500, ProgressUnit::MediaTime}));
    EXPECT_EQ(readings.last(), (Reading{62500, 62500, ProgressUnit::MediaTime}));
}

TEST(FfmpegProgressParser, AGivenDurationWinsOverTheBannerAndNoDurationMeansNoProgress) {
    FfmpegProgressParser given(125);
    EXPECT_FALSE(feedOne(given, "  Duration: 00:01:02.50, start: 0.000000, bitrate: 4127 kb/s"));
    EXPECT_EQ(feedOne(given, "out_time_us=62500000"),
              (Reading{62500, 125000, ProgressUnit::MediaTime}));

    FfmpegProgressParser unknown;
    EXPECT_FALSE(feedOne(unknown, "out_time_us=62500000"));
    EXPECT_FALSE(feedOne(unknown, "  Duration: N/A, start: 0.000000, bitrate: N/A"));
}

TEST(RsyncProgressParser, ReadsBytesAndEstimatesTheTotalFromThePercentage) {
    RsyncProgressParser parser;
    const QList<Reading> readings = readingsOf(parser, testData("rsync-progress2.txt"));
    ASSERT_EQ(readings.size(), 5);
    EXPECT_EQ(readings[0], (Reading{0, -1, ProgressUnit::Bytes}));
    EXPECT_EQ(readings[1], (Reading{32768000, 131072000, ProgressUnit::Bytes}));
    EXPECT_EQ(readings[3], (Reading{104857600, 131072000, ProgressUnit::Bytes}));
    EXPECT_EQ(readings[4], (Reading{131072000, 131072000, ProgressUnit::Bytes}));
}

TEST(AutoProgressParser, PicksTheFormatItSeesAndKeepsToIt) {
    AutoProgressParser rsync;
    const QList<Reading> rsyncReadings = readingsOf(rsync, testData("rsync-progress2.txt"));
    ASSERT_EQ(rsyncReadings.size(), 5);
    EXPECT_EQ(rsyncReadings.last().unit, ProgressUnit::Bytes);
    EXPECT_TRUE(dynamic_cast<const RsyncProgressParser *>(rsync.chosen()));
    // A file name ending in a percentage no longer moves the bar.
    EXPECT_FALSE(feedOne(rsync, "photos/at 50%"));

    AutoProgressParser ffmpeg;
    const QList<Reading> ffmpegReadings = readingsOf(ffmpeg, testData("ffmpeg-progress.txt"));
    ASSERT_EQ(ffmpegReadings.size(), 10);
    EXPECT_EQ(ffmpegReadings.last(), (Reading{62500, 62500, ProgressUnit::MediaTime}));

    AutoProgressParser percent;
    EXPECT_FALSE(percent.chosen());
    EXPECT_EQ(feedOne(percent, "33%"), (Reading{330, 1000, ProgressUnit::Percent}));
    EXPECT_TRUE(dynamic_cast<const PercentProgressParser *>(percent.chosen()));
}

TEST(ProgressParser, CreatesOneParserPerModeAndNoneForNone) {
    EXPECT_TRUE(dynamic_cast<AutoProgressParser *>(ProgressParser::create("auto").get()));
    EXPECT_TRUE(dynamic_cast<PercentProgressParser *>(ProgressParser::create("percent").get()));
    EXPECT_TRUE(dynamic_cast<FfmpegProgressParser *>(ProgressParser::create("ffmpeg").get()));
    EXPECT_TRUE(dynamic_cast<RsyncProgressParser *>(ProgressParser::create("rsync").get()));
    EXPECT_FALSE(ProgressParser::create("none"));
    EXPECT_FALSE(ProgressParser::create("bogus"));
}

TEST(OutputLineSplitter, SplitsOnNewlineAndCarriageReturnKeepingThePartialRest) {
    OutputLineSplitter splitter;
    EXPECT_EQ(splitter.feed("one\ntw"), (QList<QByteArray>{"one"}));
    EXPECT_EQ(splitter.feed("o\r\nthree\r 10%\r 20%"), (QList<QByteArray>{"two", "three", " 10%"}));
    EXPECT_EQ(splitter.feed("\n\nlast"), (QList<QByteArray>{" 20%", ""}));
    EXPECT_EQ(splitter.finish(), (QList<QByteArray>{"last"}));
    EXPECT_EQ(splitter.finish(), QList<QByteArray>{});
}

TEST(OutputLineSplitter, CutsALineThatNeverEnds) {
    OutputLineSplitter splitter;
    const QByteArray endless(OutputLineSplitter::maxLineBytes * 2 + 5, 'x');
    const QList<QByteArray> lines = splitter.feed(endless);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_EQ(lines[0].size(), OutputLineSplitter::maxLineBytes);
    EXPECT_EQ(splitter.finish().value(0).size(), 5);
}

TEST(OutputLineSplitter, ACarriageReturnAtAChunksEndStillPairsWithTheNextNewline) {
    OutputLineSplitter splitter;
    EXPECT_EQ(splitter.feed("a\r"), (QList<QByteArray>{"a"}));
    EXPECT_EQ(splitter.feed("\nb\n"), (QList<QByteArray>{"b"}));
}

TEST(OutputLineSampler, PassesEveryLineWhileTheProgramPrintsAtAHumanPace) {
    OutputLineSampler sampler(1000);
    QList<QByteArray> seen;
    for (int second = 0; second < 5; ++second)
        seen += sampler.feed(QByteArray("line\n").repeated(900), second * 1000);
    EXPECT_EQ(seen.size(), 4500);
    EXPECT_EQ(sampler.skippedLines(), 0);
}

TEST(OutputLineSampler, AFloodIsCountedNotCutAndItsLastLinesStillComeThrough) {
    OutputLineSampler sampler(1000);
    QByteArray chunk;
    for (int i = 0; i < 100000; ++i)
        chunk += "line " + QByteArray::number(i) + '\n';
    const QList<QByteArray> first = sampler.feed(chunk, 0);
    // The allowance, one note, the tail.
    ASSERT_EQ(first.size(), 1000 + 1 + OutputLineSampler::tailLines);
    EXPECT_EQ(first[999], "line 999");
    EXPECT_EQ(first[1000],
              OutputLineSampler::skippedNote(100000 - 1000 - OutputLineSampler::tailLines));
    EXPECT_EQ(first.last(), "line 99999");
    EXPECT_EQ(sampler.skippedLines(), 100000 - 1000 - OutputLineSampler::tailLines);

    // No allowance left at once: the next chunk gives only its note and tail.
    const QList<QByteArray> second = sampler.feed(chunk, 1);
    ASSERT_EQ(second.size(), 2 + OutputLineSampler::tailLines);
    EXPECT_EQ(second.last(), "line 99999");
    // A partial line at the end is kept for the next chunk, as the splitter does.
    const QList<QByteArray> third = sampler.feed("par", 2);
    EXPECT_TRUE(third.isEmpty());
    EXPECT_EQ(sampler.finish(), QList<QByteArray>{"par"});
}

TEST(CappedLogFile, StopsAtItsCapAndSaysSo) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("job.log"));
    CappedLogFile log(100);
    ASSERT_TRUE(log.open(path));
    for (int i = 0; i < 50; ++i)
        log.writeLine(QByteArray("line ") + QByteArray::number(i));
    EXPECT_TRUE(log.truncated());
    log.close();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    EXPECT_TRUE(text.startsWith("line 0\nline 1\n"));
    EXPECT_TRUE(text.contains("[log truncated")) << text.toStdString();
    EXPECT_FALSE(text.contains("line 49"));
    EXPECT_LT(text.size(), 200);
}
