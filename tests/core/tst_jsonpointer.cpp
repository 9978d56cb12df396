// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/jsonpointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestJsonPointer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluates_data();
    void evaluates();
    void rejectsWhatIsNotAPointer_data();
    void rejectsWhatIsNotAPointer();
    void roundTripsEscapes();
    void removes_data();
    void removes();
};

void TestJsonPointer::evaluates_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("text");

    const QByteArray chat = R"({"choices":[{"delta":{"content":"Hi"},"index":0}],"n":3,"x":1.5,"ok":true,"z":null})";
    QTest::newRow("whole document") << QByteArray(R"({"a":1})") << QString() << true << u"{\"a\":1}"_s;
    QTest::newRow("nested through an array") << chat << u"/choices/0/delta/content"_s << true << u"Hi"_s;
    QTest::newRow("integer") << chat << u"/n"_s << true << u"3"_s;
    QTest::newRow("fraction") << chat << u"/x"_s << true << u"1.5"_s;
    QTest::newRow("true") << chat << u"/ok"_s << true << u"true"_s;
    QTest::newRow("null") << chat << u"/z"_s << true << u"null"_s;
    QTest::newRow("object as compact JSON") << chat << u"/choices/0/delta"_s << true << u"{\"content\":\"Hi\"}"_s;
    QTest::newRow("missing member") << chat << u"/nope"_s << false << QString();
    QTest::newRow("index past the end") << chat << u"/choices/1"_s << false << QString();
    QTest::newRow("leading zero index") << chat << u"/choices/00"_s << false << QString();
    QTest::newRow("index that is not a number") << chat << u"/choices/first"_s << false << QString();
    QTest::newRow("into a scalar") << chat << u"/n/0"_s << false << QString();
    QTest::newRow("escaped slash and tilde") << QByteArray(R"({"a/b":{"c~d":7}})") << u"/a~1b/c~0d"_s << true << u"7"_s;
    QTest::newRow("empty key") << QByteArray(R"({"":"empty"})") << u"/"_s << true << u"empty"_s;
    QTest::newRow("not JSON") << QByteArray("data that is not json") << u"/a"_s << false << QString();
    QTest::newRow("array root") << QByteArray(R"([10,20])") << u"/1"_s << true << u"20"_s;
}

void TestJsonPointer::evaluates()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, pointer);
    QFETCH(bool, found);
    QFETCH(QString, text);

    const std::optional<JsonPointer> parsed = JsonPointer::parse(pointer);
    QVERIFY(parsed);
    const QJsonValue value = parsed->evaluate(json);
    QCOMPARE(!value.isUndefined(), found);
    QCOMPARE(JsonPointer::valueText(value), text);
}

void TestJsonPointer::rejectsWhatIsNotAPointer_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("no leading slash") << u"choices/0"_s;
    QTest::newRow("bad escape") << u"/a~2"_s;
    QTest::newRow("tilde at the end") << u"/a~"_s;
}

void TestJsonPointer::rejectsWhatIsNotAPointer()
{
    QFETCH(QString, text);
    QVERIFY(!JsonPointer::parse(text));
}

void TestJsonPointer::roundTripsEscapes()
{
    const std::optional<JsonPointer> pointer = JsonPointer::parse(u"/a~1b/c~0d/0"_s);
    QVERIFY(pointer);
    QCOMPARE(pointer->tokens(), QStringList({u"a/b"_s, u"c~d"_s, u"0"_s}));
    QCOMPARE(pointer->toString(), u"/a~1b/c~0d/0"_s);
}

void TestJsonPointer::removes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("left"); // compact JSON; empty when nothing is left

    const QByteArray chunk = R"({"choices":[{"delta":{"role":"assistant"},"index":0}],"created":1,"id":"x"})";
    QTest::newRow("member") << chunk << u"/id"_s << true
                            << QByteArray(R"({"choices":[{"delta":{"role":"assistant"},"index":0}],"created":1})");
    QTest::newRow("nested through an array")
        << chunk << u"/choices/0/delta/role"_s << true
        << QByteArray(R"({"choices":[{"delta":{},"index":0}],"created":1,"id":"x"})");
    QTest::newRow("array element") << QByteArray(R"({"a":[1,2,3]})") << u"/a/1"_s << true
                                   << QByteArray(R"({"a":[1,3]})");
    QTest::newRow("whole document") << chunk << QString() << true << QByteArray();
    QTest::newRow("missing member") << chunk << u"/model"_s << false << chunk;
    QTest::newRow("missing on the way") << chunk << u"/usage/total"_s << false << chunk;
    QTest::newRow("index past the end") << chunk << u"/choices/1/delta"_s << false << chunk;
    QTest::newRow("leading zero index") << QByteArray(R"([1,2])") << u"/01"_s << false << QByteArray(R"([1,2])");
    QTest::newRow("into a scalar") << chunk << u"/id/0"_s << false << chunk;
    QTest::newRow("escaped") << QByteArray(R"({"a/b":{"c~d":7,"e":8}})") << u"/a~1b/c~0d"_s << true
                             << QByteArray(R"({"a/b":{"e":8}})");
}

void TestJsonPointer::removes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, pointer);
    QFETCH(bool, found);
    QFETCH(QByteArray, left);

    const std::optional<JsonPointer> parsed = JsonPointer::parse(pointer);
    QVERIFY(parsed);
    const QJsonDocument document = QJsonDocument::fromJson(json);
    QJsonValue value = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    QCOMPARE(parsed->remove(value), found);
    if (left.isEmpty())
        QVERIFY(value.isUndefined());
    else if (value.isObject())
        QCOMPARE(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact), left);
    else
        QCOMPARE(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact), left);
}

QTEST_GUILESS_MAIN(TestJsonPointer)
#include "tst_jsonpointer.moc"
