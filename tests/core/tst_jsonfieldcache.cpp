// SPDX-License-Identifier: GPL-3.0-or-later
#include "log/jsonfieldcache.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(JsonField::Kind)

namespace {

void addEvent(StreamLog &log, const QByteArray &data)
{
    SseEventView event;
    event.type = "message";
    event.data = data;
    log.appendEvent(event, 1, 0, 0);
}

QList<JsonPointer> pointers(const QStringList &texts)
{
    QList<JsonPointer> list;
    for (const QString &text : texts)
        list.append(*JsonPointer::parse(text));
    return list;
}

} // namespace

class TestJsonFieldCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolves_data();
    void resolves();
    void everyPointerFromOneRow();
    void rowsThatAreNotEvents();
    void longValuesKeepTheirStart();
    void evictedRowsTakeTheirValues();
    void resetRowsTakeTheirOwnValues();
    void sortsNumbersAsNumbers();
};

void TestJsonFieldCache::resolves_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<JsonField::Kind>("kind");
    QTest::addColumn<QString>("text");

    const QByteArray chunk
        = R"({"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" Events"},"finish_reason":null}],"usage":{"completion_tokens":12}})";
    QTest::newRow("nested string") << chunk << u"/choices/0/delta/content"_s << JsonField::Kind::String << u" Events"_s;
    QTest::newRow("null") << chunk << u"/choices/0/finish_reason"_s << JsonField::Kind::Null << u"null"_s;
    QTest::newRow("number") << chunk << u"/usage/completion_tokens"_s << JsonField::Kind::Number << u"12"_s;
    QTest::newRow("object as compact JSON")
        << chunk << u"/choices/0/delta"_s << JsonField::Kind::Object << u"{\"content\":\" Events\"}"_s;
    QTest::newRow("array as compact JSON")
        << QByteArray(R"({"a":[1, "two", true]})") << u"/a"_s << JsonField::Kind::Array << u"[1,\"two\",true]"_s;
    QTest::newRow("array element") << QByteArray(R"({"a":[1,"two",false]})") << u"/a/2"_s << JsonField::Kind::Bool
                                   << u"false"_s;
    QTest::newRow("top-level array") << QByteArray(R"([{"x":1.5}])") << u"/0/x"_s << JsonField::Kind::Number
                                     << u"1.5"_s;
    QTest::newRow("missing member") << chunk << u"/choices/0/delta/role"_s << JsonField::Kind::Missing << QString();
    QTest::newRow("index past the end") << chunk << u"/choices/1"_s << JsonField::Kind::Missing << QString();
    QTest::newRow("into a string") << chunk << u"/id/0"_s << JsonField::Kind::Missing << QString();
    QTest::newRow("not JSON") << QByteArray("tick 1") << u"/a"_s << JsonField::Kind::NotJson << QString();
    QTest::newRow("DONE") << QByteArray("[DONE]") << u"/0"_s << JsonField::Kind::NotJson << QString();
    QTest::newRow("broken JSON") << QByteArray(R"({"a":)") << u"/a"_s << JsonField::Kind::NotJson << QString();
    QTest::newRow("line breaks kept") << QByteArray(R"({"t":"a\nb"})") << u"/t"_s << JsonField::Kind::String
                                      << u"a\nb"_s;
}

void TestJsonFieldCache::resolves()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, pointer);
    QFETCH(JsonField::Kind, kind);
    QFETCH(QString, text);

    StreamLog log;
    addEvent(log, data);
    JsonFieldCache cache;
    cache.setPointers(pointers({pointer}));
    const JsonField &field = cache.field(log, log.at(0), 0);
    QCOMPARE(field.kind, kind);
    QCOMPARE(field.text, text);
    QVERIFY(!field.cut);
    // Asked again, the row's value is the one remembered.
    QCOMPARE(&cache.field(log, log.at(0), 0), &field);
}

void TestJsonFieldCache::everyPointerFromOneRow()
{
    StreamLog log;
    addEvent(log, R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"Hi"}})");
    addEvent(log, R"({"type":"message_stop"})");
    JsonFieldCache cache;
    cache.setPointers(pointers({u"/type"_s, u"/delta/text"_s}));
    // The second pointer's value was found when the first was asked for.
    QCOMPARE(cache.field(log, log.at(1), 0).text, u"message_stop"_s);
    QCOMPARE(cache.field(log, log.at(1), 1).kind, JsonField::Kind::Missing);
    QCOMPARE(cache.field(log, log.at(0), 1).text, u"Hi"_s);
    QCOMPARE(cache.field(log, log.at(0), 0).text, u"content_block_delta"_s);
    // New pointers forget what the old ones found.
    cache.setPointers(pointers({u"/delta/type"_s}));
    QCOMPARE(cache.field(log, log.at(0), 0).text, u"text_delta"_s);
}

void TestJsonFieldCache::rowsThatAreNotEvents()
{
    StreamLog log;
    log.appendComment(R"({"a":1})", 1, 0, 0);
    StreamChunk chunk;
    chunk.bytes = R"(data: {"a":1})";
    log.appendChunk(chunk);
    JsonFieldCache cache;
    cache.setPointers(pointers({u"/a"_s}));
    QCOMPARE(cache.field(log, log.at(0), 0).kind, JsonField::Kind::NotJson);
    QCOMPARE(cache.field(log, log.at(1), 0).kind, JsonField::Kind::NotJson);
}

void TestJsonFieldCache::longValuesKeepTheirStart()
{
    StreamLog log;
    const QString text = u"é"_s.repeated(JsonFieldCache::MaxChars + 5);
    addEvent(log, "{\"t\":\"" + text.toUtf8() + "\",\"n\":2}");
    JsonFieldCache cache;
    cache.setPointers(pointers({u"/t"_s, u"/n"_s}));
    const JsonField &field = cache.field(log, log.at(0), 0);
    QCOMPARE(field.kind, JsonField::Kind::String);
    QVERIFY(field.cut);
    QCOMPARE(field.text, text.left(JsonFieldCache::MaxChars));
    QCOMPARE(cache.field(log, log.at(0), 1).number, 2.0);
}

void TestJsonFieldCache::evictedRowsTakeTheirValues()
{
    StreamLog log;
    JsonFieldCache cache;
    cache.setPointers(pointers({u"/i"_s, u"/odd"_s}));
    for (int i = 1; i <= 10; ++i)
        addEvent(log, "{\"i\":" + QByteArray::number(i) + (i % 2 ? ",\"odd\":true}" : "}"));
    for (qsizetype row = 0; row < log.size(); ++row)
        QCOMPARE(cache.field(log, log.at(row), 0).number, double(row + 1));
    log.evictOldest(3);
    for (int i = 11; i <= 12; ++i)
        addEvent(log, "{\"i\":" + QByteArray::number(i) + (i % 2 ? ",\"odd\":true}" : "}"));
    // Rows keep their own values after the front of the log went.
    for (qsizetype row = 0; row < log.size(); ++row) {
        QCOMPARE(cache.field(log, log.at(row), 0).number, double(row + 4));
        QCOMPARE(cache.field(log, log.at(row), 1).isFound(), (row + 4) % 2 == 1);
    }
    log.clear();
    addEvent(log, R"({"i":99})");
    QCOMPARE(cache.field(log, log.at(0), 0).text, u"99"_s);
}

// A reset numbers the rows from 1 again: values cached for the old row 1 must not stand for the new one (the
// filter matched a replayed recording's rows against the rows shown before).
void TestJsonFieldCache::resetRowsTakeTheirOwnValues()
{
    StreamLog log;
    JsonFieldCache cache;
    cache.setPointers(pointers({u"/i"_s}));
    addEvent(log, R"({"i":1})");
    QCOMPARE(cache.field(log, log.at(0), 0).text, u"1"_s);
    log.reset();
    addEvent(log, R"({"i":2})");
    QCOMPARE(log.at(0).sequence, 1);
    QCOMPARE(cache.field(log, log.at(0), 0).text, u"2"_s);
}

void TestJsonFieldCache::sortsNumbersAsNumbers()
{
    const auto field = [](const QByteArray &data) {
        StreamLog log;
        addEvent(log, data);
        JsonFieldCache cache;
        cache.setPointers(pointers({u"/v"_s}));
        return cache.field(log, log.at(0), 0);
    };
    const JsonField missing = field("{}");
    const JsonField notJson = field("text");
    const JsonField nine = field(R"({"v":9})");
    const JsonField ten = field(R"({"v":10})");
    const JsonField text = field(R"({"v":"abc"})");
    const JsonField textTen = field(R"({"v":"10"})");
    QVERIFY(JsonField::lessThan(nine, ten)); // as text "10" would come first
    QVERIFY(!JsonField::lessThan(ten, nine));
    QVERIFY(JsonField::lessThan(missing, nine));
    QVERIFY(JsonField::lessThan(notJson, nine));
    QVERIFY(!JsonField::lessThan(missing, notJson) && !JsonField::lessThan(notJson, missing));
    QVERIFY(JsonField::lessThan(ten, textTen)); // numbers before text
    QVERIFY(JsonField::lessThan(textTen, text));
}

QTEST_GUILESS_MAIN(TestJsonFieldCache)
#include "tst_jsonfieldcache.moc"
