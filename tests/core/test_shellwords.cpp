// Command lines split as sh splits a simple command.
#include "kinds/command/shellwords.h"

#include <gtest/gtest.h>

namespace {
QStringList split(const char *line) {
    const Expected<QStringList> words = ShellWords::split(QString::fromUtf8(line));
    EXPECT_TRUE(words.ok()) << words.error().toStdString();
    return words.ok() ? words.value() : QStringList{};
}
} // namespace

TEST(ShellWords, SplitsOnBlanksAndHonoursEveryKindOfQuote) {
    EXPECT_EQ(split("  rsync -a\tsrc  dst "), (QStringList{"rsync", "-a", "src", "dst"}));
    EXPECT_EQ(split(R"(ffmpeg -i "my film.mkv" 'out put.mp4' a\ b)"),
              (QStringList{"ffmpeg", "-i", "my film.mkv", "out put.mp4", "a b"}));
    EXPECT_EQ(split(R"(sh -c 'echo "$HOME" \n' "a \"q\" \$x \y")"),
              (QStringList{"sh", "-c", R"(echo "$HOME" \n)", R"(a "q" $x \y)"}));
    EXPECT_EQ(split(R"(echo '' "" x""y 'it'\''s')"), (QStringList{"echo", "", "", "xy", "it's"}));
    EXPECT_EQ(split("   "), QStringList{});
}

TEST(ShellWords, AnOpenQuoteOrATrailingBackslashIsRefused) {
    EXPECT_EQ(ShellWords::split(QStringLiteral("echo 'oops")).error(),
              QStringLiteral("the command line has an unterminated single quote"));
    EXPECT_EQ(ShellWords::split(QStringLiteral("echo \"oops")).error(),
              QStringLiteral("the command line has an unterminated double quote"));
    EXPECT_EQ(ShellWords::split(QStringLiteral("echo \\")).error(),
              QStringLiteral("the command line ends with a lone backslash"));
}
