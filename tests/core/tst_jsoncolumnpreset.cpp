// SPDX-License-Identifier: GPL-3.0-or-later
#include "log/jsoncolumnpreset.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(LlmFormat)

class TestJsonColumnPreset final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detects_data();
    void detects();
    void decidedOnce();
    void givesUpAfterSomeEvents();
};

void TestJsonColumnPreset::detects_data()
{
    QTest::addColumn<QByteArrayList>("events");
    QTest::addColumn<LlmFormat>("format");
    QTest::addColumn<int>("decidedAt"); // the event (1-based) that decided; 0: still undecided
    QTest::addColumn<QStringList>("pointers");

    const QByteArray openAiRole
        = R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]})";
    const QStringList openAi{u"/choices/0/delta/content"_s, u"/choices/0/finish_reason"_s};
    const QStringList anthropic{u"/type"_s, u"/delta/text"_s};
    QTest::newRow("OpenAI chunk") << QByteArrayList{openAiRole} << LlmFormat::OpenAi << 1 << openAi;
    QTest::newRow("OpenAI-compatible without object")
        << QByteArrayList{R"({"choices":[{"delta":{"content":"Hi"}}]})"} << LlmFormat::OpenAi << 1 << openAi;
    QTest::newRow("OpenAI after a keep-alive")
        << QByteArrayList{"", "ping", openAiRole} << LlmFormat::OpenAi << 3 << openAi;
    QTest::newRow("Anthropic message_start")
        << QByteArrayList{R"({"type":"message_start","message":{"id":"msg_1","model":"claude"}})"}
        << LlmFormat::Anthropic << 1 << anthropic;
    QTest::newRow("Anthropic after ping")
        << QByteArrayList{R"({"type":"ping"})",
                          R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})"}
        << LlmFormat::Anthropic << 2 << anthropic;
    QTest::newRow("ticker") << QByteArrayList{"tick 1", "tick 2"} << LlmFormat::Auto << 0 << QStringList();
    QTest::newRow("other JSON") << QByteArrayList{R"({"type":"update","value":3})", R"([1,2])"} << LlmFormat::Auto << 0
                                << QStringList();
    QTest::newRow("DONE alone decides nothing") << QByteArrayList{"[DONE]"} << LlmFormat::Auto << 0 << QStringList();
}

void TestJsonColumnPreset::detects()
{
    QFETCH(QByteArrayList, events);
    QFETCH(LlmFormat, format);
    QFETCH(int, decidedAt);
    QFETCH(QStringList, pointers);

    JsonColumnPreset preset;
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(preset.addEvent(events.at(i)), i + 1 == decidedAt);
    QCOMPARE(preset.isDecided(), decidedAt > 0);
    QCOMPARE(preset.format(), format);
    QStringList found;
    for (const JsonColumn &column : preset.columns()) {
        found << column.pointer;
        QVERIFY(!column.title.isEmpty());
    }
    QCOMPARE(found, pointers);
}

void TestJsonColumnPreset::decidedOnce()
{
    JsonColumnPreset preset;
    QVERIFY(preset.addEvent(R"({"type":"message_stop"})"));
    // Later events are not looked at, whatever they hold.
    QVERIFY(!preset.addEvent(R"({"object":"chat.completion.chunk","choices":[]})"));
    QCOMPARE(preset.format(), LlmFormat::Anthropic);
    preset.reset();
    QVERIFY(!preset.isDecided());
    QVERIFY(preset.addEvent(R"({"object":"chat.completion.chunk","choices":[]})"));
    QCOMPARE(preset.format(), LlmFormat::OpenAi);
}

void TestJsonColumnPreset::givesUpAfterSomeEvents()
{
    JsonColumnPreset preset;
    for (int i = 1; i < JsonColumnPreset::MaxEvents; ++i)
        QVERIFY(!preset.addEvent("tick"));
    QVERIFY(preset.addEvent("tick"));
    QVERIFY(preset.isDecided());
    QCOMPARE(preset.format(), LlmFormat::Auto);
    QVERIFY(preset.columns().isEmpty());
    QVERIFY(!preset.addEvent(R"({"type":"message_start"})"));
    QCOMPARE(preset.format(), LlmFormat::Auto);
}

QTEST_GUILESS_MAIN(TestJsonColumnPreset)
#include "tst_jsoncolumnpreset.moc"
