// SPDX-License-Identifier: GPL-3.0-or-later
#include "llm/llmassembler.h"
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 StartNs = 1'000'000'000;
constexpr qint64 FirstEventNs = StartNs + 250'000'000;
constexpr qint64 StepNs = 50'000'000;

// Quotes inside JSON strings are written \u0022 in these raw strings: moc reads \" in them as an escape.

// The embedded producer's POST /v1/chat/completions?reply=Hi%20there,%20friend.&rate=0, byte for byte.
const QByteArray OpenAiMock
    = R"(data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"content":" there,"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"content":" friend."},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

data: [DONE]

)";

// The same with reasoning=1: reasoning_content deltas before the reply.
const QByteArray OpenAiMockReasoning
    = R"(data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"reasoning_content":"The"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"reasoning_content":" user"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"reasoning_content":" asks."},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{"content":" there,"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1795282801660","object":"chat.completion.chunk","created":1795282801,"model":"ssescope-mock-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

data: [DONE]

)";

// Two parallel tool calls as OpenAI streams them, with stream_options.include_usage (a last chunk with empty
// choices carries usage; the others carry "usage":null).
const QByteArray OpenAiParallelTools
    = R"(data: {"id":"chatcmpl-AB1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_paris","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-AB1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\u0022lo"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-AB1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"cation\u0022: \u0022Paris\u0022}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-AB1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_tokyo","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-AB1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\u0022location\u0022: "}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-AB1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\u0022Tokyo\u0022}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-AB1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}

data: {"id":"chatcmpl-AB1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_1","choices":[],"usage":{"prompt_tokens":80,"completion_tokens":36,"total_tokens":116}}

data: [DONE]

)";

// OpenRouter and vLLM name the reasoning field "reasoning"; a server_error arrives in the stream.
const QByteArray OpenAiReasoningThenError
    = R"(data: {"id":"gen-1","object":"chat.completion.chunk","model":"deepseek/deepseek-r1","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"Think"},"finish_reason":null}]}

data: {"id":"gen-1","object":"chat.completion.chunk","model":"deepseek/deepseek-r1","choices":[{"index":0,"delta":{"content":"","reasoning":"ing."},"finish_reason":null}]}

data: {"id":"gen-1","object":"chat.completion.chunk","model":"deepseek/deepseek-r1","choices":[{"index":0,"delta":{"content":"Yes"},"finish_reason":null}]}

data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}

)";

// A compatible server that leaves out the tool call index, with the data spread over two data: lines and a
// choice for n=2 before choices[0].
const QByteArray OpenAiCompatible
    = R"(data: {"object":"chat.completion.chunk","choices":[{"index":1,"delta":{"content":"other choice"}},
data: {"index":0,"delta":{"tool_calls":[{"id":"t1","function":{"name":"search","arguments":"{\u0022q\u0022:"}}]}}]}

data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":"\u0022sse\u0022}"}}]}}]}

data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"id":"t2","function":{"name":"open","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}

)";

// The embedded producer's POST /v1/messages?reply=Hi%20there,%20friend.&rate=0, byte for byte.
const QByteArray AnthropicMock = R"(event: message_start
data: {"type":"message_start","message":{"id":"msg_mock_1795282801695","type":"message","role":"assistant","content":[],"model":"ssescope-mock-1","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: ping
data: {"type":"ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there,"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" friend."}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}

event: message_stop
data: {"type":"message_stop"}

)";

// Extended thinking, then text, then a tool_use block, as the Messages API streams them.
const QByteArray AnthropicThinkingTextTool = R"(event: message_start
data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants weather."}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":" Use the tool."}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Let me check "}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"the weather."}}

event: content_block_stop
data: {"type":"content_block_stop","index":1}

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\u0022location\u0022: \u0022San Fra"}}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\u0022}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":2}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

event: message_stop
data: {"type":"message_stop"}

)";

// An overloaded error in the middle of a message.
const QByteArray AnthropicError = R"(event: message_start
data: {"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant","content":[],"model":"claude-3-5-haiku-latest","usage":{"input_tokens":9,"output_tokens":1}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Par"}}

event: error
data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

)";

// Hugging Face text-generation-inference: no format of its own here, so a JSON pointer names the piece.
const QByteArray TextGenerationInference
    = R"(data:{"index":1,"token":{"id":1,"text":"Deep","logprob":-0.1,"special":false},"generated_text":null,"details":null}

data:{"index":2,"token":{"id":2,"text":" learning","logprob":-0.2,"special":false},"generated_text":null,"details":null}

data:{"index":3,"token":{"id":3,"text":"","logprob":-0.3,"special":true},"generated_text":"Deep learning","details":null}

)";

// Things that are no LLM's reply: text, a truncated object, arrays, an unknown shape, a named event.
const QByteArray Garbage = R"(data: hello

data: {"choices":

data: [1, 2, 3]

data: {"type":"update","value":42}

data: {"object":"list"}

event: ping
data: {"type":"ping"}

data: [DONE

)";

struct Collected final : SseParserSink
{
    void eventDispatched(const SseEventView &view) override { events.append(SseEvent::fromView(view)); }
    QList<SseEvent> events;
};

QList<SseEvent> parse(const QByteArray &stream)
{
    Collected collected;
    SseParser parser(&collected);
    parser.feed(stream);
    parser.finish();
    return collected.events;
}

// Event i arrives at FirstEventNs + i * StepNs.
void feed(LlmAssembler &assembler, const QByteArray &stream)
{
    const QList<SseEvent> events = parse(stream);
    for (qsizetype i = 0; i < events.size(); ++i)
        assembler.addEvent(events.at(i), FirstEventNs + i * StepNs);
}

QStringList describe(const QList<LlmToolCall> &calls)
{
    QStringList lines;
    for (const LlmToolCall &call : calls)
        lines << u"%1 %2 %3 %4"_s.arg(call.index).arg(call.id, call.name, call.arguments);
    return lines;
}

} // namespace

class TestLlmAssembler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assembles_data();
    void assembles();
    void timing_data();
    void timing();
    void firstEventIsTheStartWithoutReset();
    void noRateFromOneDelta();
    void changingTheFormatRereads();
    void pointerMustBeValid();
    void resetKeepsTheFormat();
    void hugeDataIsNotParsed();
    void textStopsGrowingAtTheLimit();
    void keptEventsCountTheirCost();
    void randomBytesAreNeverUnderstood_data();
    void randomBytesAreNeverUnderstood();
};

void TestLlmAssembler::assembles_data()
{
    QTest::addColumn<LlmFormat>("format");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<LlmFormat>("detected");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QStringList>("toolCalls");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("stopReason");
    QTest::addColumn<QString>("doneMarker");
    QTest::addColumn<QString>("error");
    QTest::addColumn<qint64>("events");
    QTest::addColumn<qint64>("notUnderstood");
    QTest::addColumn<qint64>("deltas");
    QTest::addColumn<qint64>("usage"); // -1: none

    const QString mockModel = u"ssescope-mock-1"_s;
    QTest::newRow("openai mock") << LlmFormat::Auto << QString() << OpenAiMock << LlmFormat::OpenAi
                                 << u"Hi there, friend."_s << QString() << QStringList() << mockModel << u"stop"_s
                                 << u"[DONE]"_s << QString() << qint64(6) << qint64(0) << qint64(3) << qint64(-1);
    QTest::newRow("openai mock chosen") << LlmFormat::OpenAi << QString() << OpenAiMock << LlmFormat::OpenAi
                                        << u"Hi there, friend."_s << QString() << QStringList() << mockModel
                                        << u"stop"_s << u"[DONE]"_s << QString() << qint64(6) << qint64(0) << qint64(3)
                                        << qint64(-1);
    QTest::newRow("openai mock reasoning")
        << LlmFormat::Auto << QString() << OpenAiMockReasoning << LlmFormat::OpenAi << u"Hi there,"_s
        << u"The user asks."_s << QStringList() << mockModel << u"stop"_s << u"[DONE]"_s << QString() << qint64(8)
        << qint64(0) << qint64(5) << qint64(-1);
    QTest::newRow("openai parallel tool calls")
        << LlmFormat::Auto << QString() << OpenAiParallelTools << LlmFormat::OpenAi << QString() << QString()
        << QStringList{u"0 call_paris get_weather {\"location\": \"Paris\"}"_s,
                       u"1 call_tokyo get_weather {\"location\": \"Tokyo\"}"_s}
        << u"gpt-4o-2024-08-06"_s << u"tool_calls"_s << u"[DONE]"_s << QString() << qint64(9) << qint64(0) << qint64(4)
        << qint64(36);
    QTest::newRow("openai reasoning field, then an error")
        << LlmFormat::Auto << QString() << OpenAiReasoningThenError << LlmFormat::OpenAi << u"Yes"_s << u"Thinking."_s
        << QStringList() << u"deepseek/deepseek-r1"_s << QString() << QString()
        << u"server_error: The server had an error while processing your request."_s << qint64(4) << qint64(0)
        << qint64(3) << qint64(-1);
    QTest::newRow("openai compatible without tool call index")
        << LlmFormat::Auto << QString() << OpenAiCompatible << LlmFormat::OpenAi << QString() << QString()
        << QStringList{u"0 t1 search {\"q\":\"sse\"}"_s, u"1 t2 open {}"_s} << QString() << u"tool_calls"_s << QString()
        << QString() << qint64(3) << qint64(0) << qint64(3) << qint64(-1);
    QTest::newRow("anthropic mock") << LlmFormat::Auto << QString() << AnthropicMock << LlmFormat::Anthropic
                                    << u"Hi there, friend."_s << QString() << QStringList() << mockModel
                                    << u"end_turn"_s << u"message_stop"_s << QString() << qint64(9) << qint64(0)
                                    << qint64(3) << qint64(3);
    QTest::newRow("anthropic thinking, text and tool_use")
        << LlmFormat::Anthropic << QString() << AnthropicThinkingTextTool << LlmFormat::Anthropic
        << u"Let me check the weather."_s << u"The user wants weather. Use the tool."_s
        << QStringList{u"2 toolu_01T1x1fJ34qAmk2tNTrN7Up6 get_weather {\"location\": \"San Francisco, CA\"}"_s}
        << u"claude-sonnet-4-20250514"_s << u"tool_use"_s << u"message_stop"_s << QString() << qint64(17) << qint64(0)
        << qint64(6) << qint64(89);
    QTest::newRow("anthropic error") << LlmFormat::Auto << QString() << AnthropicError << LlmFormat::Anthropic
                                     << u"Par"_s << QString() << QStringList() << u"claude-3-5-haiku-latest"_s
                                     << QString() << QString() << u"overloaded_error: Overloaded"_s << qint64(4)
                                     << qint64(0) << qint64(1) << qint64(-1);
    QTest::newRow("pointer") << LlmFormat::Pointer << u"/token/text"_s << TextGenerationInference << LlmFormat::Pointer
                             << u"Deep learning"_s << QString() << QStringList() << QString() << QString() << QString()
                             << QString() << qint64(3) << qint64(0) << qint64(2) << qint64(-1);
    QTest::newRow("pointer into openai") << LlmFormat::Pointer << u"/choices/0/delta/content"_s << OpenAiMock
                                         << LlmFormat::Pointer << u"Hi there, friend."_s << QString() << QStringList()
                                         << QString() << QString() << u"[DONE]"_s << QString() << qint64(6) << qint64(1)
                                         << qint64(3) << qint64(-1);
    QTest::newRow("pointer names nothing")
        << LlmFormat::Pointer << u"/missing"_s << TextGenerationInference << LlmFormat::Pointer << QString()
        << QString() << QStringList() << QString() << QString() << QString() << QString() << qint64(3) << qint64(3)
        << qint64(0) << qint64(-1);
    QTest::newRow("garbage") << LlmFormat::Auto << QString() << Garbage << LlmFormat::Auto << QString() << QString()
                             << QStringList() << QString() << QString() << QString() << QString() << qint64(7)
                             << qint64(7) << qint64(0) << qint64(-1);
    QTest::newRow("garbage as openai") << LlmFormat::OpenAi << QString() << Garbage << LlmFormat::OpenAi << QString()
                                       << QString() << QStringList() << QString() << QString() << QString() << QString()
                                       << qint64(7) << qint64(7) << qint64(0) << qint64(-1);
    QTest::newRow("garbage, then openai")
        << LlmFormat::Auto << QString() << Garbage + OpenAiMock << LlmFormat::OpenAi << u"Hi there, friend."_s
        << QString() << QStringList() << mockModel << u"stop"_s << u"[DONE]"_s << QString() << qint64(13) << qint64(7)
        << qint64(3) << qint64(-1);
    QTest::newRow("anthropic read as openai")
        << LlmFormat::OpenAi << QString() << AnthropicMock << LlmFormat::OpenAi << QString() << QString()
        << QStringList() << QString() << QString() << QString() << QString() << qint64(9) << qint64(9) << qint64(0)
        << qint64(-1);
    QTest::newRow("openai read as anthropic")
        << LlmFormat::Anthropic << QString() << OpenAiMock << LlmFormat::Anthropic << QString() << QString()
        << QStringList() << QString() << QString() << QString() << QString() << qint64(6) << qint64(6) << qint64(0)
        << qint64(-1);
}

void TestLlmAssembler::assembles()
{
    QFETCH(LlmFormat, format);
    QFETCH(QString, pointer);
    QFETCH(QByteArray, stream);

    LlmAssembler assembler;
    assembler.setFormat(format);
    QVERIFY(assembler.setPointer(pointer));
    assembler.reset(StartNs);
    feed(assembler, stream);

    QTEST(assembler.detectedFormat(), "detected");
    QTEST(assembler.text(), "text");
    QTEST(assembler.reasoning(), "reasoning");
    QTEST(describe(assembler.toolCalls()), "toolCalls");
    QTEST(assembler.model(), "model");
    QTEST(assembler.stopReason(), "stopReason");
    QTEST(assembler.doneMarker(), "doneMarker");
    QFETCH(QString, doneMarker);
    QCOMPARE(assembler.isDone(), !doneMarker.isEmpty());
    QTEST(assembler.errorText(), "error");
    QTEST(assembler.eventCount(), "events");
    QTEST(assembler.notUnderstoodCount(), "notUnderstood");
    QTEST(assembler.deltaCount(), "deltas");
    QFETCH(qint64, usage);
    QCOMPARE(assembler.usageTokens().value_or(-1), usage);
    QCOMPARE(assembler.tokensFromUsage(), usage >= 0);
    QCOMPARE(assembler.tokens(), usage >= 0 ? usage : assembler.deltaCount());
    QVERIFY(!assembler.isTruncated());
    QVERIFY(assembler.keptAllEvents());
}

void TestLlmAssembler::timing_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<qint64>("ttftNs");
    QTest::addColumn<double>("tokensPerSecond");

    // Event i arrives at 250 ms + i * 50 ms after the start.
    // Deltas in events 1..3: 2 pieces after the first in 100 ms.
    QTest::newRow("openai, counted") << OpenAiMock << qint64(300'000'000) << 20.0;
    // Deltas in events 1..5, counted: 4 pieces in 200 ms.
    QTest::newRow("openai reasoning first") << OpenAiMockReasoning << qint64(300'000'000) << 20.0;
    // Deltas in events 1, 2, 4, 5 (tool arguments), 36 tokens by usage: 3/0.2 s pieces, 9 tokens each.
    QTest::newRow("openai tools, usage") << OpenAiParallelTools << qint64(300'000'000) << 135.0;
    // Deltas in events 3..5, 3 tokens by usage.
    QTest::newRow("anthropic mock, usage") << AnthropicMock << qint64(400'000'000) << 20.0;
    // Deltas in events 2, 3, 7, 8, 12, 13; 89 tokens: 5 pieces in 550 ms, 89/6 tokens each.
    QTest::newRow("anthropic tools, usage")
        << AnthropicThinkingTextTool << qint64(350'000'000) << 5.0 / 0.55 * 89.0 / 6.0;
}

void TestLlmAssembler::timing()
{
    QFETCH(QByteArray, stream);
    LlmAssembler assembler;
    assembler.reset(StartNs);
    feed(assembler, stream);
    QTEST(assembler.timeToFirstTokenNs().value_or(-1), "ttftNs");
    QFETCH(double, tokensPerSecond);
    QVERIFY(assembler.tokensPerSecond().has_value());
    QVERIFY2(qFuzzyCompare(*assembler.tokensPerSecond(), tokensPerSecond),
             qPrintable(QString::number(*assembler.tokensPerSecond())));
}

void TestLlmAssembler::firstEventIsTheStartWithoutReset()
{
    LlmAssembler assembler;
    QCOMPARE(assembler.timeToFirstTokenNs(), std::nullopt);
    feed(assembler, AnthropicMock);
    // The first delta is the fourth event.
    QCOMPARE(assembler.timeToFirstTokenNs(), 3 * StepNs);
}

void TestLlmAssembler::noRateFromOneDelta()
{
    LlmAssembler assembler;
    assembler.reset(StartNs);
    feed(assembler, AnthropicError);
    QCOMPARE(assembler.deltaCount(), 1);
    QCOMPARE(assembler.timeToFirstTokenNs(), 350'000'000);
    QCOMPARE(assembler.tokensPerSecond(), std::nullopt);

    // Two deltas at the same instant give no rate either.
    LlmAssembler sameTime;
    const QByteArray piece = R"({"choices":[{"index":0,"delta":{"content":"a"}}]})";
    sameTime.addEvent("message", piece, 5);
    sameTime.addEvent("message", piece, 5);
    QCOMPARE(sameTime.deltaCount(), 2);
    QCOMPARE(sameTime.timeToFirstTokenNs(), 0);
    QCOMPARE(sameTime.tokensPerSecond(), std::nullopt);
}

void TestLlmAssembler::changingTheFormatRereads()
{
    LlmAssembler assembler;
    assembler.setFormat(LlmFormat::Anthropic);
    assembler.reset(StartNs);
    feed(assembler, OpenAiMockReasoning);
    QCOMPARE(assembler.text(), QString());
    QCOMPARE(assembler.notUnderstoodCount(), 8);
    const quint64 before = assembler.revision();

    assembler.setFormat(LlmFormat::Auto);
    QVERIFY(assembler.revision() > before);
    QCOMPARE(assembler.detectedFormat(), LlmFormat::OpenAi);
    QCOMPARE(assembler.text(), u"Hi there,"_s);
    QCOMPARE(assembler.reasoning(), u"The user asks."_s);
    QCOMPARE(assembler.eventCount(), 8);
    QCOMPARE(assembler.notUnderstoodCount(), 0);
    // Times are the ones the events arrived with.
    QCOMPARE(assembler.timeToFirstTokenNs(), 300'000'000);

    QVERIFY(assembler.setPointer(u"/choices/0/delta/reasoning_content"_s));
    QCOMPARE(assembler.text(), u"Hi there,"_s); // not in pointer mode yet
    assembler.setFormat(LlmFormat::Pointer);
    QCOMPARE(assembler.detectedFormat(), LlmFormat::Pointer);
    QCOMPARE(assembler.text(), u"The user asks."_s);
    QCOMPARE(assembler.reasoning(), QString());
    QVERIFY(assembler.setPointer(u"/choices/0/delta/content"_s));
    QCOMPARE(assembler.text(), u"Hi there,"_s);
    QCOMPARE(assembler.doneMarker(), u"[DONE]"_s);
}

void TestLlmAssembler::pointerMustBeValid()
{
    LlmAssembler assembler;
    QVERIFY(assembler.setPointer(u"/a/b"_s));
    QVERIFY(!assembler.setPointer(u"a/b"_s));
    QVERIFY(!assembler.setPointer(u"/a~2"_s));
    QCOMPARE(assembler.pointer().toString(), u"/a/b"_s);
    QVERIFY(assembler.setPointer(u"/m~1n"_s));
    assembler.setFormat(LlmFormat::Pointer);
    assembler.addEvent("message", R"({"m/n":"slash"})", 1);
    QCOMPARE(assembler.text(), u"slash"_s);
}

void TestLlmAssembler::resetKeepsTheFormat()
{
    LlmAssembler assembler;
    assembler.setFormat(LlmFormat::OpenAi);
    feed(assembler, OpenAiMock);
    assembler.reset(42);
    QCOMPARE(assembler.format(), LlmFormat::OpenAi);
    QCOMPARE(assembler.detectedFormat(), LlmFormat::OpenAi);
    QCOMPARE(assembler.text(), QString());
    QCOMPARE(assembler.eventCount(), 0);
    QCOMPARE(assembler.deltaCount(), 0);
    QCOMPARE(assembler.isDone(), false);
    QCOMPARE(assembler.stopReason(), QString());
    // Nothing is kept from before the reset.
    assembler.setFormat(LlmFormat::Auto);
    QCOMPARE(assembler.eventCount(), 0);
    QCOMPARE(assembler.detectedFormat(), LlmFormat::Auto);

    assembler.reset(StartNs);
    feed(assembler, AnthropicMock);
    QCOMPARE(assembler.detectedFormat(), LlmFormat::Anthropic);
    QCOMPARE(assembler.text(), u"Hi there, friend."_s);
}

void TestLlmAssembler::hugeDataIsNotParsed()
{
    LlmAssembler assembler;
    QByteArray huge = R"({"choices":[{"index":0,"delta":{"content":")";
    huge += QByteArray(LlmAssembler::MaxDataBytes, 'x');
    huge += R"("}}]})";
    assembler.addEvent("message", huge, 1);
    QCOMPARE(assembler.notUnderstoodCount(), 1);
    QCOMPARE(assembler.detectedFormat(), LlmFormat::Auto);
    QCOMPARE(assembler.text(), QString());
}

void TestLlmAssembler::textStopsGrowingAtTheLimit()
{
    LlmAssembler assembler;
    assembler.setFormat(LlmFormat::Pointer);
    QVERIFY(assembler.setPointer(u"/t"_s));
    const QByteArray piece = "{\"t\":\"" + QByteArray(1024 * 1024, 'a') + "\"}";
    const qsizetype count = LlmAssembler::MaxTextChars / (1024 * 1024) + 2;
    for (qsizetype i = 0; i < count; ++i)
        assembler.addEvent("message", piece, i);
    QCOMPARE(assembler.text().size(), LlmAssembler::MaxTextChars);
    QVERIFY(assembler.isTruncated());
    QCOMPARE(assembler.deltaCount(), count);
    // The kept events went over their budget: re-reading would be partial, and says so.
    QVERIFY(!assembler.keptAllEvents());
    assembler.reset();
    QVERIFY(assembler.keptAllEvents());
    QVERIFY(!assembler.isTruncated());
}

// Tiny events cost more than their bytes to keep: a flood of them reaches the budget, instead of a million
// entries growing a list the window waits for.
void TestLlmAssembler::keptEventsCountTheirCost()
{
    LlmAssembler assembler;
    const qsizetype fit = LlmAssembler::MaxRetainedBytes / (LlmAssembler::KeptEventCost + 8);
    for (qsizetype i = 0; i < fit; ++i)
        assembler.addEvent("message", "x", i);
    QVERIFY(assembler.keptAllEvents());
    for (qsizetype i = 0; i < fit / 10; ++i)
        assembler.addEvent("message", "x", fit + i);
    QVERIFY(!assembler.keptAllEvents());
}

void TestLlmAssembler::randomBytesAreNeverUnderstood_data()
{
    QTest::addColumn<LlmFormat>("format");
    QTest::newRow("auto") << LlmFormat::Auto;
    QTest::newRow("openai") << LlmFormat::OpenAi;
    QTest::newRow("anthropic") << LlmFormat::Anthropic;
    QTest::newRow("pointer") << LlmFormat::Pointer;
}

void TestLlmAssembler::randomBytesAreNeverUnderstood()
{
    QFETCH(LlmFormat, format);
    LlmAssembler assembler;
    assembler.setFormat(format);
    QRandomGenerator random(20261121);
    constexpr int Count = 2000;
    for (int i = 0; i < Count; ++i) {
        QByteArray data(random.bounded(1, 300), Qt::Uninitialized);
        for (char &c : data)
            c = char(random.bounded(256));
        // Starting with a brace or bracket sends the bytes to the JSON parser too.
        if (i % 2 == 0)
            data[0] = i % 4 == 0 ? '{' : '[';
        assembler.addEvent("message", data, i);
    }
    QCOMPARE(assembler.eventCount(), Count);
    QCOMPARE(assembler.notUnderstoodCount(), Count);
    QCOMPARE(assembler.text(), QString());
    QCOMPARE(assembler.deltaCount(), 0);
}

QTEST_GUILESS_MAIN(TestLlmAssembler)
#include "tst_llmassembler.moc"
