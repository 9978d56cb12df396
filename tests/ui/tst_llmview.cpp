// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/llmview.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 StartNs = 1'000'000'000;
constexpr qint64 FirstEventNs = StartNs + 250'000'000;
constexpr qint64 StepNs = 50'000'000;

struct Step
{
    QByteArray type;
    QByteArray data;
};

// Quotes inside JSON strings are written \u0022: moc reads \" in raw strings as an escape.
const QList<Step> OpenAiTranscript{
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"reasoning_content":"Check "},"finish_reason":null}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"reasoning_content":"both cities."},"finish_reason":null}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Looking "},"finish_reason":null}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"them up."},"finish_reason":null}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\u0022city\u0022:\u0022Paris\u0022,\u0022units\u0022:\u0022metric\u0022}"}}]},"finish_reason":null}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{\u0022zone\u0022:\u0022Asia/Tokyo\u0022,\u0022at\u0022:[],\u0022fields\u0022:[\u0022time\u0022, \u0022dst,utc\u0022]}"}}]},"finish_reason":null}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null})"},
    {"message",
     R"({"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[],"usage":{"prompt_tokens":50,"completion_tokens":30,"total_tokens":80}})"},
    {"message", "[DONE]"},
};

const QList<Step> AnthropicTranscript{
    {"message_start",
     R"({"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2}}})"},
    {"content_block_start",
     R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}})"},
    {"content_block_delta",
     R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants weather."}})"},
    {"content_block_delta",
     R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"\nUse the tool."}})"},
    {"content_block_delta",
     R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}})"},
    {"content_block_stop", R"({"type":"content_block_stop","index":0})"},
    {"content_block_start", R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})"},
    {"content_block_delta",
     R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Let me check "}})"},
    {"content_block_delta",
     R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"the weather."}})"},
    {"content_block_stop", R"({"type":"content_block_stop","index":1})"},
    {"content_block_start",
     R"({"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}})"},
    {"content_block_delta",
     R"({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}})"},
    {"content_block_delta",
     R"({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\u0022location\u0022: \u0022San Fra"}})"},
    {"content_block_delta",
     R"({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\u0022}"}})"},
    {"content_block_stop", R"({"type":"content_block_stop","index":2})"},
    {"message_delta",
     R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}})"},
    {"message_stop", R"({"type":"message_stop"})"},
};

// Hugging Face text-generation-inference, which only a JSON pointer reads.
const QList<Step> TgiTranscript{
    {"message", R"({"index":1,"token":{"id":1,"text":"Deep","special":false},"generated_text":null})"},
    {"message", R"({"index":2,"token":{"id":2,"text":" learning","special":false},"generated_text":null})"},
    {"message", R"({"index":3,"token":{"id":3,"text":"","special":true},"generated_text":"Deep learning"})"},
};

SseEvent makeEvent(const Step &step)
{
    SseEvent e;
    e.type = step.type;
    e.data = step.data;
    return e;
}

// Step i arrives at FirstEventNs + (first + i) * StepNs.
void feed(LlmView &view, const QList<Step> &steps, qsizetype first = 0, qsizetype count = -1)
{
    const qsizetype end = count < 0 ? steps.size() : first + count;
    for (qsizetype i = first; i < end; ++i)
        view.addEvent(makeEvent(steps.at(i)), FirstEventNs + i * StepNs);
}

QStringList treeLines(const QTreeWidget *tree)
{
    QStringList lines;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        lines << item->text(0) + u" | "_s + item->text(1);
        for (int c = 0; c < item->childCount(); ++c)
            lines << item->child(c)->text(0);
    }
    return lines;
}

} // namespace

class TestLlmView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placeholderExplainsTheView();
    void openAiReply();
    void updatesWaitForTheTimer();
    void appendingKeepsTheSelection();
    void anthropicReply();
    void reasoningCollapses();
    void pointerMode();
    void copyReply();
    void resetStartsOver();
    void garbageKeepsThePlaceholder();
    void errorsAreShown();
};

void TestLlmView::placeholderExplainsTheView()
{
    LlmView view;
    QVERIFY(view.isShowingPlaceholder());
    const QString intro = u"This view puts together the reply of an LLM API as it streams: the text, the reasoning, "
                          u"the tool calls, and how fast the tokens came.\n\nOpenAI chat completions and Anthropic "
                          u"messages are recognised by themselves. For another API, choose JSON pointer and name "
                          u"the field that carries each piece of text, such as /choices/0/text."_s;
    QCOMPARE(view.placeholderText(), intro);
    QVERIFY(!view.copyButton()->isEnabled());
}

void TestLlmView::openAiReply()
{
    LlmView view;
    view.reset(StartNs);
    feed(view, OpenAiTranscript);
    view.flush();

    QVERIFY(!view.isShowingPlaceholder());
    QCOMPARE(view.replyText(), u"Looking them up."_s);
    QCOMPARE(view.reasoningText(), u"Check both cities."_s);
    QVERIFY(view.findChild<QPlainTextEdit *>(u"llmReasoning"_s)->isVisibleTo(&view));
    // Deltas in steps 1, 2, 3, 4, 6, 7: 5 after the first in 300 ms, 30 tokens for 6 pieces.
    QCOMPARE(view.metricsText(),
             u"OpenAI (detected) · model gpt-4o · deltas 6 · tokens 30 (usage) · "
             u"TTFT 300 ms · 83.3 tokens/s"_s);
    QCOMPARE(view.statusText(), u"stopped: tool_calls, done: [DONE]"_s);

    QTreeWidget *tools = view.toolCallsView();
    QVERIFY(tools->isVisibleTo(&view));
    QCOMPARE(tools->topLevelItemCount(), 2);
    const QStringList expected{
        u"get_weather | call_a"_s,
        u"{\n  \"city\": \"Paris\",\n  \"units\": \"metric\"\n}"_s,
        u"get_time | call_b"_s,
        u"{\n  \"zone\": \"Asia/Tokyo\",\n  \"at\": [],\n  \"fields\": [\"time\", \"dst,utc\"]\n}"_s,
    };
    QCOMPARE(treeLines(tools), expected);
    QVERIFY(tools->topLevelItem(0)->isExpanded());
    QCOMPARE(view.findChild<QLabel *>(u"llmToolsTitle"_s)->text(), u"Tool calls: 2"_s);
    QVERIFY(view.copyButton()->isEnabled());
}

void TestLlmView::updatesWaitForTheTimer()
{
    LlmView view;
    view.reset(StartNs);
    feed(view, OpenAiTranscript, 0, 5);
    // Nothing is laid out per event: the text waits for the timer.
    QCOMPARE(view.replyText(), QString());
    QCOMPARE(view.assembler().text(), u"Looking them up."_s);
    QTRY_COMPARE_WITH_TIMEOUT(view.replyText(), u"Looking them up."_s, 5000);
    QCOMPARE(view.statusText(), u"streaming…"_s);
    QVERIFY(!view.toolCallsView()->isVisibleTo(&view));

    // Half an argument is shown as it came; once complete it is indented.
    feed(view, OpenAiTranscript, 5, 1);
    view.flush();
    QCOMPARE(treeLines(view.toolCallsView()), (QStringList{u"get_weather | call_a"_s, QString()}));
    feed(view, OpenAiTranscript, 6, 1);
    view.flush();
    QCOMPARE(view.toolCallsView()->topLevelItem(0)->child(0)->text(0),
             u"{\n  \"city\": \"Paris\",\n  \"units\": \"metric\"\n}"_s);
}

void TestLlmView::appendingKeepsTheSelection()
{
    LlmView view;
    view.reset(StartNs);
    feed(view, OpenAiTranscript, 0, 4);
    view.flush();
    auto reply = view.findChild<QPlainTextEdit *>(u"llmReply"_s);
    QTextCursor cursor = reply->textCursor();
    cursor.setPosition(0);
    cursor.setPosition(4, QTextCursor::KeepAnchor);
    reply->setTextCursor(cursor);
    feed(view, OpenAiTranscript, 4);
    view.flush();
    QCOMPARE(view.replyText(), u"Looking them up."_s);
    QCOMPARE(reply->textCursor().selectedText(), u"Look"_s);
}

void TestLlmView::anthropicReply()
{
    LlmView view;
    view.reset(StartNs);
    feed(view, AnthropicTranscript);
    view.flush();
    QCOMPARE(view.replyText(), u"Let me check the weather."_s);
    QCOMPARE(view.reasoningText(), u"The user wants weather.\nUse the tool."_s);
    // Deltas in steps 2, 3, 7, 8, 12, 13: 5 after the first in 550 ms, 89 tokens for 6 pieces.
    QCOMPARE(view.metricsText(),
             u"Anthropic (detected) · model claude-sonnet-4-20250514 · deltas 6 · "
             u"tokens 89 (usage) · TTFT 350 ms · 134.8 tokens/s"_s);
    QCOMPARE(view.statusText(), u"stopped: tool_use, done: message_stop"_s);
    const QStringList expected{u"get_weather | toolu_01"_s, u"{\n  \"location\": \"San Francisco, CA\"\n}"_s};
    QCOMPARE(treeLines(view.toolCallsView()), expected);

    // Chosen rather than detected, the format is named plainly.
    view.setFormat(LlmFormat::Anthropic);
    QCOMPARE(view.formatBox()->currentText(), u"Anthropic messages"_s);
    QVERIFY(view.metricsText().startsWith(u"Anthropic · model"_s));
    QCOMPARE(view.replyText(), u"Let me check the weather."_s);

    // Read as OpenAI, nothing is understood.
    view.formatBox()->setCurrentIndex(view.formatBox()->findData(int(LlmFormat::OpenAi)));
    QVERIFY(view.isShowingPlaceholder());
    QVERIFY(view.placeholderText().endsWith(u"\n\nEvents so far: 17; none is in the OpenAI format."_s));
}

void TestLlmView::reasoningCollapses()
{
    LlmView view;
    view.reset(StartNs);
    feed(view, AnthropicTranscript);
    view.flush();
    auto toggle = view.findChild<QToolButton *>(u"llmReasoningToggle"_s);
    auto reasoning = view.findChild<QPlainTextEdit *>(u"llmReasoning"_s);
    QVERIFY(toggle->isVisibleTo(&view));
    QVERIFY(reasoning->isVisibleTo(&view));
    toggle->click();
    QVERIFY(!reasoning->isVisibleTo(&view));
    QCOMPARE(toggle->arrowType(), Qt::RightArrow);
    // Collapsed stays collapsed as more arrives.
    feed(view, AnthropicTranscript, 2, 1);
    view.flush();
    QVERIFY(!reasoning->isVisibleTo(&view));
    toggle->click();
    QVERIFY(reasoning->isVisibleTo(&view));

    // No reasoning, no reasoning area.
    view.reset(StartNs);
    feed(view, OpenAiTranscript, 3, 2);
    view.flush();
    QVERIFY(!toggle->isVisibleTo(&view));
    QVERIFY(!reasoning->isVisibleTo(&view));
}

void TestLlmView::pointerMode()
{
    LlmView view;
    view.reset(StartNs);
    feed(view, TgiTranscript);
    view.flush();
    QVERIFY(view.isShowingPlaceholder());
    QVERIFY(view.placeholderText().endsWith(u"\n\nEvents so far: 3; none looks like an LLM reply."_s));
    QVERIFY(view.pointerEdit()->isHidden());

    view.formatBox()->setCurrentIndex(view.formatBox()->findData(int(LlmFormat::Pointer)));
    QVERIFY(!view.pointerEdit()->isHidden());
    QVERIFY(view.isShowingPlaceholder());
    QVERIFY(view.placeholderText().endsWith(
        u"\n\nEvents so far: 3. Enter the JSON pointer of the text above, then press Enter."_s));

    // Not a pointer: nothing changes.
    QTest::keyClicks(view.pointerEdit(), u"token/text"_s);
    QTest::keyClick(view.pointerEdit(), Qt::Key_Return);
    QVERIFY(view.isShowingPlaceholder());
    QCOMPARE(view.pointerEdit()->palette().color(QPalette::Text), QColor(Qt::red));

    view.pointerEdit()->clear();
    QTest::keyClicks(view.pointerEdit(), u"/token/text"_s);
    QVERIFY(view.pointerEdit()->palette().color(QPalette::Text) != QColor(Qt::red));
    QVERIFY(view.isShowingPlaceholder()); // applied on Enter
    QTest::keyClick(view.pointerEdit(), Qt::Key_Return);
    QVERIFY(!view.isShowingPlaceholder());
    QCOMPARE(view.replyText(), u"Deep learning"_s);
    QCOMPARE(view.metricsText(),
             u"JSON pointer /token/text · deltas 2 · tokens 2 (counted) · TTFT 250 ms · 20.0 tokens/s"_s);
    QCOMPARE(view.statusText(), u"streaming…"_s);

    // A pointer that misses some events says how many.
    QVERIFY(view.setPointer(u"/generated_text"_s));
    QCOMPARE(view.pointerEdit()->text(), u"/generated_text"_s);
    QCOMPARE(view.replyText(), u"Deep learning"_s);
    QCOMPARE(view.metricsText(),
             u"JSON pointer /generated_text · deltas 1 · tokens 1 (counted) · "
             u"TTFT 350 ms · 2 not understood"_s);
    QVERIFY(!view.setPointer(u"nope"_s));

    // Back to Auto, the pointer goes away and the stream is not an LLM's.
    view.setFormat(LlmFormat::Auto);
    QVERIFY(view.pointerEdit()->isHidden());
    QVERIFY(view.isShowingPlaceholder());
}

void TestLlmView::copyReply()
{
    LlmView view;
    view.reset(StartNs);
    feed(view, AnthropicTranscript, 0, 8);
    view.flush();
    QVERIFY(view.copyButton()->isEnabled());
    // The copy takes what arrived since the last update too.
    feed(view, AnthropicTranscript, 8);
    QApplication::clipboard()->clear();
    QTest::mouseClick(view.copyButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), u"Let me check the weather."_s);
}

void TestLlmView::resetStartsOver()
{
    LlmView view;
    view.setFormat(LlmFormat::OpenAi);
    view.reset(StartNs);
    feed(view, OpenAiTranscript);
    view.flush();
    QCOMPARE(view.toolCallsView()->topLevelItemCount(), 2);
    view.reset(StartNs + 10 * StepNs);
    QVERIFY(view.isShowingPlaceholder());
    QCOMPARE(view.replyText(), QString());
    QCOMPARE(view.reasoningText(), QString());
    QCOMPARE(view.toolCallsView()->topLevelItemCount(), 0);
    QCOMPARE(view.formatBox()->currentData().toInt(), int(LlmFormat::OpenAi));
    QCOMPARE(view.assembler().eventCount(), 0);
}

void TestLlmView::garbageKeepsThePlaceholder()
{
    LlmView view;
    view.reset(StartNs);
    const QList<Step> garbage{
        {"message", "hello"},
        {"message", QByteArray("\xff\xfe{\x00\x01", 5)},
        {"message", R"({"choices":)"},
        {"tick", R"({"type":"tick","n":1})"},
    };
    feed(view, garbage);
    view.flush();
    QVERIFY(view.isShowingPlaceholder());
    QVERIFY(view.placeholderText().endsWith(u"\n\nEvents so far: 4; none looks like an LLM reply."_s));
    QCOMPARE(view.replyText(), QString());
}

void TestLlmView::errorsAreShown()
{
    LlmView view;
    view.reset(StartNs);
    const QList<Step> overloaded{
        AnthropicTranscript.at(0),
        AnthropicTranscript.at(6),
        AnthropicTranscript.at(7),
        {"error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"},
    };
    feed(view, overloaded);
    view.flush();
    QCOMPARE(view.replyText(), u"Let me check "_s);
    QCOMPARE(view.statusText(), u"error: overloaded_error: Overloaded"_s);
    QCOMPARE(view.findChild<QLabel *>(u"llmStatus"_s)->palette().color(QPalette::WindowText), QColor(Qt::red));

    // An error before anything decided the format.
    view.reset(StartNs);
    const QList<Step> refused{
        {"message", R"({"error":{"message":"Incorrect API key provided.","type":"invalid_request_error"}})"},
    };
    feed(view, refused);
    view.flush();
    QVERIFY(!view.isShowingPlaceholder());
    QCOMPARE(view.metricsText(), u"format not detected · deltas 0 · tokens 0 (counted)"_s);
    QCOMPARE(view.statusText(), u"error: invalid_request_error: Incorrect API key provided."_s);

    view.reset(StartNs);
    QCOMPARE(view.statusText(), u"streaming…"_s);
    QVERIFY(view.findChild<QLabel *>(u"llmStatus"_s)->palette().color(QPalette::WindowText) != QColor(Qt::red));
}

QTEST_MAIN(TestLlmView)
#include "tst_llmview.moc"
