// StringPool: equal strings come back sharing one copy, inside maps and lists
// too, and values are unchanged.
#include "base/stringpool.h"

#include <QStringList>
#include <gtest/gtest.h>

namespace {
// Two strings built separately, so that only pooling can make them share.
QString built(const char *text) {
    return QString::fromUtf8(QByteArray(text));
}
} // namespace

TEST(StringPool, EqualStringsShareOneCopy) {
    StringPool pool;
    const QString first = pool.intern(built("/home/me/videos"));
    const QString second = pool.intern(built("/home/me/videos"));
    ASSERT_NE(built("x").constData(), built("x").constData());
    EXPECT_EQ(first, second);
    EXPECT_EQ(first.constData(), second.constData());
    EXPECT_NE(pool.intern(built("/home/me/music")).constData(), first.constData());
    EXPECT_TRUE(pool.intern(QString()).isNull());
}

TEST(StringPool, MapsShareTheirKeysAndStringsAtAnyDepthAndKeepTheirValues) {
    const auto params = [] {
        return QVariantMap{
            {built("program"), built("ffmpeg")},
            {built("arguments"), QStringList{built("-i"), built("a.mkv")}},
            {built("nested"), QVariantMap{{built("cwd"), built("/srv")}}},
            {built("list"), QVariantList{built("one"), 2}},
            {built("grace_seconds"), 5.5},
        };
    };
    StringPool pool;
    const QVariantMap a = pool.intern(params());
    const QVariantMap b = pool.intern(params());
    EXPECT_EQ(a, params());
    EXPECT_EQ(b, params());
    EXPECT_EQ(a.firstKey().constData(), b.firstKey().constData());
    EXPECT_EQ(a.value("program").toString().constData(), b.value("program").toString().constData());
    EXPECT_EQ(a.value("arguments").toStringList().at(1).constData(),
              b.value("arguments").toStringList().at(1).constData());
    EXPECT_EQ(a.value("nested").toMap().value("cwd").toString().constData(),
              b.value("nested").toMap().value("cwd").toString().constData());
    EXPECT_EQ(a.value("list").toList().at(0).toString().constData(),
              b.value("list").toList().at(0).toString().constData());
    EXPECT_EQ(a.value("grace_seconds").toDouble(), 5.5);
}
