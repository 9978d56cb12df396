// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockstream.h"
#include "scenarioargs.h"
#include "scenarios.h"
#include "streamoptions.h"
#include "util/orderedjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using Kind = ParamSpec::Kind;

namespace {

const QString DefaultReply = u"Server-Sent Events carry one HTTP response that never ends: the server writes "
                             u"an event whenever it has one, and the client reads them as they arrive."_s;
const QString DefaultReasoning = u"The user asks about SSE. Explain the one long response."_s;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Words with their leading space, as tokenizers split English text.
QStringList tokens(const QString &text)
{
    QStringList result;
    QString current;
    for (const QChar c : text) {
        if (c == u' ' && !current.isEmpty() && current != u" ") {
            result << current;
            current.clear();
        }
        current += c;
    }
    if (!current.isEmpty())
        result << current;
    return result;
}

QList<ParamSpec> llmParams()
{
    return QList<ParamSpec>{
               {u"model"_s, Kind::Text, u"ssescope-mock-1"_s, u"model name echoed in the stream"_s},
               {u"stream"_s, Kind::Flag, u"1"_s, u"stream the reply (false: one JSON response)"_s},
               {u"reply"_s, Kind::Text, DefaultReply, u"the text of the reply"_s},
               {u"rate"_s, Kind::Integer, u"20"_s, u"tokens per second (0: as fast as possible)"_s, 0, 1000000},
           }
    + StreamOptions::params();
}

int tokenDelay(const ScenarioArgs &args)
{
    const qint64 rate = args.integer(u"rate"_s);
    return rate == 0 ? 0 : int(qMax<qint64>(1, 1000 / rate));
}

// Sends the pieces one per delay ms (all at once when delay is 0), then ends the stream.
void sendPaced(MockStream &stream, std::shared_ptr<StreamOptions> options, QList<QByteArray> events, int delay)
{
    auto pieces = std::make_shared<QList<QByteArray>>(std::move(events));
    auto next = std::make_shared<qsizetype>(0);
    const auto step = [&stream, options, pieces, next]() {
        if (*next >= pieces->size()) {
            stream.finish();
            return -1;
        }
        if (!options->send(stream, pieces->at((*next)++)))
            return -1;
        return 0;
    };
    if (delay == 0) {
        while (step() >= 0) { }
        return;
    }
    stream.repeat(0, [step, delay]() { return step() < 0 ? -1 : delay; });
}

// POST /v1/chat/completions as OpenAI-compatible APIs stream it: chat.completion.chunk deltas, a final
// chunk with finish_reason, then data: [DONE].
void serveOpenAi(MockStream &stream, const ScenarioArgs &args)
{
    const QString model = args.text(u"model"_s);
    const QString reply = args.text(u"reply"_s);
    const QString id = u"chatcmpl-mock-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    if (!args.flag(u"stream"_s)) {
        const QJsonObject message{{u"role"_s, u"assistant"_s}, {u"content"_s, reply}};
        const QJsonObject choice{{u"index"_s, 0}, {u"message"_s, message}, {u"finish_reason"_s, u"stop"_s}};
        stream.respond(200, "application/json",
                       compact({{u"id"_s, id},
                                {u"object"_s, u"chat.completion"_s},
                                {u"created"_s, created},
                                {u"model"_s, model},
                                {u"choices"_s, QJsonArray{choice}}}));
        return;
    }
    auto options = std::make_shared<StreamOptions>(args, stream);
    // Members in the order OpenAI sends them, not QJsonObject's sorted order.
    const auto chunk = [&](const OrderedJson &delta, const char *finish) {
        const OrderedJson choice
            = OrderedJson()
                  .add("index", 0)
                  .add("delta", delta)
                  .addRaw("finish_reason", finish ? QByteArray('"' + QByteArray(finish) + '"') : QByteArray("null"));
        QByteArray event;
        options->formatter().appendEvent(event,
                                         OrderedJson()
                                             .add("id", id)
                                             .add("object", "chat.completion.chunk")
                                             .add("created", created)
                                             .add("model", model)
                                             .addRaw("choices", QByteArray('[' + choice.toJson() + ']'))
                                             .toJson());
        return event;
    };
    QList<QByteArray> events{chunk(OrderedJson().add("role", "assistant").add("content", ""), nullptr)};
    if (args.flag(u"reasoning"_s)) {
        for (const QString &token : tokens(DefaultReasoning))
            events << chunk(OrderedJson().add("reasoning_content", token), nullptr);
    }
    for (const QString &token : tokens(reply))
        events << chunk(OrderedJson().add("content", token), nullptr);
    events << chunk(OrderedJson(), "stop");
    QByteArray done;
    options->formatter().appendEvent(done, "[DONE]");
    events << done;
    options->begin(stream);
    sendPaced(stream, options, events, tokenDelay(args));
}

// POST /v1/messages as Anthropic streams it: named events from message_start to message_stop.
void serveAnthropic(MockStream &stream, const ScenarioArgs &args)
{
    const QString model = args.text(u"model"_s);
    const QStringList replyTokens = tokens(args.text(u"reply"_s));
    const QString id = u"msg_mock_%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    auto options = std::make_shared<StreamOptions>(args, stream);
    // "type" first, then the members in the order Anthropic sends them.
    const auto event = [&](const char *type, const OrderedJson &members) {
        QByteArray json = OrderedJson().add("type", type).toJson();
        const QByteArray rest = members.toJson();
        if (rest.size() > 2)
            json = json.chopped(1) + ',' + rest.mid(1);
        QByteArray bytes;
        options->formatter().appendEvent(bytes, json, type);
        return bytes;
    };
    if (!args.flag(u"stream"_s)) {
        stream.respond(200, "application/json",
                       compact({{u"id"_s, id},
                                {u"type"_s, u"message"_s},
                                {u"role"_s, u"assistant"_s},
                                {u"model"_s, model},
                                {u"content"_s,
                                 QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, args.text(u"reply"_s)}}}},
                                {u"stop_reason"_s, u"end_turn"_s}}));
        return;
    }
    const OrderedJson message = OrderedJson()
                                    .add("id", id)
                                    .add("type", "message")
                                    .add("role", "assistant")
                                    .addRaw("content", "[]")
                                    .add("model", model)
                                    .addRaw("stop_reason", "null")
                                    .addRaw("stop_sequence", "null")
                                    .add("usage", OrderedJson().add("input_tokens", 12).add("output_tokens", 1));
    QList<QByteArray> events{
        event("message_start", OrderedJson().add("message", message)),
        event("content_block_start",
              OrderedJson().add("index", 0).add("content_block", OrderedJson().add("type", "text").add("text", ""))),
        event("ping", OrderedJson()),
    };
    for (const QString &token : replyTokens) {
        events << event(
            "content_block_delta",
            OrderedJson().add("index", 0).add("delta", OrderedJson().add("type", "text_delta").add("text", token)));
    }
    events << event("content_block_stop", OrderedJson().add("index", 0));
    events << event("message_delta",
                    OrderedJson()
                        .add("delta", OrderedJson().add("stop_reason", "end_turn").addRaw("stop_sequence", "null"))
                        .add("usage", OrderedJson().add("output_tokens", int(replyTokens.size()))));
    events << event("message_stop", OrderedJson());
    options->begin(stream);
    sendPaced(stream, options, events, tokenDelay(args));
}

} // namespace

QList<ScenarioSpec> llmScenarios()
{
    QList<ParamSpec> openAiParams = llmParams();
    openAiParams.append({u"reasoning"_s, Kind::Flag, u"0"_s, u"stream reasoning_content deltas before the reply"_s});
    return {
        {u"openai-chat"_s, u"/v1/chat/completions"_s, "POST",
         u"OpenAI-compatible chat completion: chat.completion.chunk deltas, finish_reason, data: [DONE]."_s,
         openAiParams, serveOpenAi, ScenarioEnding{ScenarioEnding::Kind::Data, "[DONE]"}},
        {u"anthropic-messages"_s, u"/v1/messages"_s, "POST",
         u"Anthropic-style messages stream: message_start, content_block_delta ..., message_stop."_s, llmParams(),
         serveAnthropic, ScenarioEnding{ScenarioEnding::Kind::Event, "message_stop"}},
    };
}
