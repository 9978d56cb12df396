// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockstream.h"
#include "scenarioargs.h"
#include "scenarios.h"
#include "streamoptions.h"

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
    auto options = std::make_shared<StreamOptions>(args);
    const auto chunk = [&](const QJsonObject &delta, const QJsonValue &finish) {
        const QJsonObject choice{{u"index"_s, 0}, {u"delta"_s, delta}, {u"finish_reason"_s, finish}};
        QByteArray event;
        options->formatter().appendEvent(event,
                                         compact({{u"id"_s, id},
                                                  {u"object"_s, u"chat.completion.chunk"_s},
                                                  {u"created"_s, created},
                                                  {u"model"_s, model},
                                                  {u"choices"_s, QJsonArray{choice}}}));
        return event;
    };
    QList<QByteArray> events{chunk({{u"role"_s, u"assistant"_s}, {u"content"_s, QString()}}, QJsonValue::Null)};
    if (args.flag(u"reasoning"_s)) {
        for (const QString &token : tokens(DefaultReasoning))
            events << chunk({{u"reasoning_content"_s, token}}, QJsonValue::Null);
    }
    for (const QString &token : tokens(reply))
        events << chunk({{u"content"_s, token}}, QJsonValue::Null);
    events << chunk({}, u"stop"_s);
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
    auto options = std::make_shared<StreamOptions>(args);
    const auto event = [&](const char *type, QJsonObject body) {
        body.insert(u"type"_s, QString::fromLatin1(type));
        QByteArray bytes;
        options->formatter().appendEvent(bytes, compact(body), type);
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
    const QJsonObject message{{u"id"_s, id},
                              {u"type"_s, u"message"_s},
                              {u"role"_s, u"assistant"_s},
                              {u"content"_s, QJsonArray()},
                              {u"model"_s, model},
                              {u"stop_reason"_s, QJsonValue::Null},
                              {u"usage"_s, QJsonObject{{u"input_tokens"_s, 12}, {u"output_tokens"_s, 1}}}};
    QList<QByteArray> events{
        event("message_start", {{u"message"_s, message}}),
        event("content_block_start",
              {{u"index"_s, 0}, {u"content_block"_s, QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, QString()}}}}),
        event("ping", {}),
    };
    for (const QString &token : replyTokens) {
        events << event("content_block_delta",
                        {{u"index"_s, 0}, {u"delta"_s, QJsonObject{{u"type"_s, u"text_delta"_s}, {u"text"_s, token}}}});
    }
    events << event("content_block_stop", {{u"index"_s, 0}});
    events << event(
        "message_delta",
        {{u"delta"_s, QJsonObject{{u"stop_reason"_s, u"end_turn"_s}, {u"stop_sequence"_s, QJsonValue::Null}}},
         {u"usage"_s, QJsonObject{{u"output_tokens"_s, int(replyTokens.size())}}}});
    events << event("message_stop", {});
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
         openAiParams, serveOpenAi},
        {u"anthropic-messages"_s, u"/v1/messages"_s, "POST",
         u"Anthropic-style messages stream: message_start, content_block_delta ..., message_stop."_s, llmParams(),
         serveAnthropic},
    };
}
