// The placeholders of `add --each` and the command dialog's "For each file".
#include "base/lineplaceholders.h"

#include <gtest/gtest.h>

namespace {
std::string sub(const char *word, const char *line) {
    return LinePlaceholders::substitute(QString::fromUtf8(word), QString::fromUtf8(line))
        .toStdString();
}
} // namespace

TEST(LinePlaceholders, EachPlaceholderOfGnuParallel) {
    EXPECT_EQ(sub("{}", "dir/a.tar.gz"), "dir/a.tar.gz");
    EXPECT_EQ(sub("{.}", "dir/a.tar.gz"), "dir/a.tar");
    EXPECT_EQ(sub("{/}", "dir/a.tar.gz"), "a.tar.gz");
    EXPECT_EQ(sub("{/.}", "dir/a.tar.gz"), "a.tar");
    EXPECT_EQ(sub("{//}", "dir/a.tar.gz"), "dir");
    EXPECT_EQ(sub("out/{/.}.mp4 -i {}", "/m/film.mkv"), "out/film.mp4 -i /m/film.mkv");
}

TEST(LinePlaceholders, EdgesOfNamesAndBracesThatAreNotPlaceholders) {
    EXPECT_EQ(sub("{.}", ".bashrc"), ".bashrc");         // a leading dot is no extension
    EXPECT_EQ(sub("{.}", "v1.2/readme"), "v1.2/readme"); // a dot in a folder is not either
    EXPECT_EQ(sub("{//}", "file"), ".");
    EXPECT_EQ(sub("{//}", "/file"), "/");
    EXPECT_EQ(sub("{/}", "file"), "file");
    EXPECT_EQ(sub("{x} {{}} {", "L"), "{x} {L} {");
    EXPECT_EQ(sub("{}{}", "ab"), "abab");
    EXPECT_EQ(sub("{}", "{.}"), "{.}"); // the line is not substituted again
}

TEST(LinePlaceholders, TheLineIsAppendedWhenNoWordNamesIt) {
    const QStringList words{QStringLiteral("gzip"), QStringLiteral("-9")};
    EXPECT_EQ(LinePlaceholders::wordsFor(words, QStringLiteral("f")),
              (QStringList{QStringLiteral("gzip"), QStringLiteral("-9"), QStringLiteral("f")}));
    EXPECT_EQ(LinePlaceholders::wordsFor(
                  {QStringLiteral("cp"), QStringLiteral("{}"), QStringLiteral("{}.bak")},
                  QStringLiteral("f")),
              (QStringList{QStringLiteral("cp"), QStringLiteral("f"), QStringLiteral("f.bak")}));
}
