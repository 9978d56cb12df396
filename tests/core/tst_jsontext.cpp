// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/jsontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestJsonText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
};

void TestJsonText::roundTrip_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("plain") << QByteArray("hello");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("quotes and backslash") << QByteArray(R"(say "hi" \o/)");
    QTest::newRow("control bytes") << QByteArray("a\nb\rc\td\x01\x1f");
    QTest::newRow("null") << QByteArray("a\0b", 3);
    QTest::newRow("unicode") << QByteArray("当前行号是 😀 \xEF\xBF\xBD");
}

void TestJsonText::roundTrip()
{
    QFETCH(QByteArray, text);
    QByteArray json = R"({"v":)";
    JsonText::appendString(json, text);
    json += '}';
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.object().value(QStringLiteral("v")).toString(), QString::fromUtf8(text));
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
