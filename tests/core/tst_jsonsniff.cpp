// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/jsonpointer.h"
#include "util/jsonsniff.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestJsonSniff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sniffsAndParses_data();
    void sniffsAndParses();
};

void TestJsonSniff::sniffsAndParses_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("looksLikeJson");
    QTest::addColumn<QString>("parsed"); // compact JSON, or empty when it does not parse

    QTest::newRow("object") << QByteArray(R"({"a":1})") << true << u"{\"a\":1}"_s;
    QTest::newRow("array") << QByteArray("[1,2]") << true << u"[1,2]"_s;
    QTest::newRow("JSON white space first") << QByteArray(" \t\r\n{\"a\":1}") << true << u"{\"a\":1}"_s;
    QTest::newRow("white space after") << QByteArray("[true] \n") << true << u"[true]"_s;
    QTest::newRow("empty") << QByteArray() << false << QString();
    QTest::newRow("only spaces") << QByteArray("   ") << false << QString();
    QTest::newRow("text") << QByteArray("hello {") << false << QString();
    QTest::newRow("DONE marker") << QByteArray("[DONE]") << true << QString();
    QTest::newRow("number") << QByteArray("42") << false << QString();
    QTest::newRow("string") << QByteArray(R"("text")") << false << QString();
    QTest::newRow("cut off") << QByteArray(R"({"broken":)") << true << QString();
    QTest::newRow("vertical tab is not JSON space") << QByteArray("\v{}") << false << QString();
    QTest::newRow("form feed is not JSON space") << QByteArray("\f[]") << false << QString();
}

void TestJsonSniff::sniffsAndParses()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, looksLikeJson);
    QFETCH(QString, parsed);

    QCOMPARE(JsonSniff::looksLikeContainer(data), looksLikeJson);
    const QJsonValue value = JsonSniff::parseContainer(data);
    QCOMPARE(value.isUndefined(), parsed.isEmpty());
    QCOMPARE(JsonPointer::valueText(value), parsed);
}

QTEST_GUILESS_MAIN(TestJsonSniff)
#include "tst_jsonsniff.moc"
