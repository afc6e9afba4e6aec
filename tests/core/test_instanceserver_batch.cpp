// "add" with "specs": parts staged with "more", queued whole with the last
// part or not at all.
#include "instanceserverfixture.h"

namespace {
QString s(const char *text) {
    return QString::fromUtf8(text);
}

QJsonObject instantSpec(const QString &title) {
    return {{s("kind"), s("instant")}, {s("params"), QJsonObject()}, {s("title"), title}};
}

class InstanceServerBatchTest : public InstanceServerFixture {};
} // namespace

TEST_F(InstanceServerBatchTest, PartsAreStagedAndQueuedTogetherWithTheLast) {
    TestClient &client = connectClient();
    const QJsonObject first = request(
        client, s("add"),
        {{s("specs"), QJsonArray{instantSpec(s("a")), instantSpec(s("b"))}}, {s("more"), true}});
    EXPECT_TRUE(first.value(s("ok")).toBool()) << text(first);
    EXPECT_EQ(first.value(s("staged")).toInteger(), 2);
    EXPECT_TRUE(queue.order().isEmpty()); // nothing is queued before the last part

    const QJsonObject last =
        request(client, s("add"), {{s("specs"), QJsonArray{instantSpec(s("c"))}}});
    ASSERT_TRUE(last.value(s("ok")).toBool()) << text(last);
    const QJsonArray ids = last.value(s("ids")).toArray();
    ASSERT_EQ(ids.size(), 3);
    QStringList titles;
    for (const QJsonValue &id : ids)
        titles.append(queue.job(JobId(id.toInteger()))->spec.title);
    EXPECT_EQ(titles, (QStringList{s("a"), s("b"), s("c")}));
}

TEST_F(InstanceServerBatchTest, ABadSpecInAnyPartQueuesNothingAndNamesIt) {
    TestClient &client = connectClient();
    request(
        client, s("add"),
        {{s("specs"), QJsonArray{instantSpec(s("a")), instantSpec(s("b"))}}, {s("more"), true}});
    QJsonObject unknown = instantSpec(s("c"));
    unknown.insert(s("kind"), s("teleport"));
    const QJsonObject refused =
        request(client, s("add"), {{s("specs"), QJsonArray{instantSpec(s("x")), unknown}}});
    EXPECT_FALSE(refused.value(s("ok")).toBool());
    EXPECT_TRUE(refused.value(s("error"))
                    .toString()
                    .startsWith(s("job 4 of 4: unknown job kind 'teleport'")))
        << text(refused);
    EXPECT_TRUE(queue.order().isEmpty());

    // The refusal dropped what was staged: a new add starts from nothing.
    const QJsonObject again =
        request(client, s("add"), {{s("specs"), QJsonArray{instantSpec(s("d"))}}});
    ASSERT_TRUE(again.value(s("ok")).toBool()) << text(again);
    EXPECT_EQ(again.value(s("ids")).toArray().size(), 1);

    const QList<std::pair<QJsonObject, QString>> cases{
        {{{s("specs"), s("x")}}, s("'specs' must be an array of spec objects")},
        {{{s("specs"), QJsonArray{1}}}, s("job 1 of the add: it is not a spec object")},
        {{{s("specs"), QJsonArray{instantSpec(s("e"))}}, {s("more"), 1}},
         s("'more' must be true or false")},
        {{{s("specs"), QJsonArray()}}, s("'specs' must hold at least one spec object")},
    };
    for (const auto &[arguments, error] : cases) {
        const QJsonObject reply = request(client, s("add"), arguments);
        EXPECT_FALSE(reply.value(s("ok")).toBool()) << text(reply);
        EXPECT_EQ(reply.value(s("error")).toString(), error) << text(reply);
    }
    EXPECT_EQ(queue.order().size(), 1);
}

TEST_F(InstanceServerBatchTest, AClientThatLeavesMidwayQueuesNothing) {
    {
        TestClient &leaving = connectClient();
        request(leaving, s("add"),
                {{s("specs"), QJsonArray{instantSpec(s("a"))}}, {s("more"), true}});
        leaving.socket.disconnectFromServer();
    }
    TestClient &other = connectClient();
    const QJsonObject reply =
        request(other, s("add"), {{s("specs"), QJsonArray{instantSpec(s("b"))}}});
    ASSERT_TRUE(reply.value(s("ok")).toBool()) << text(reply);
    ASSERT_EQ(queue.order().size(), 1);
    EXPECT_EQ(queue.job(queue.order().first())->spec.title, s("b"));
}
