// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestpresets.h"

#include "jsonbody.h"

using namespace Qt::Literals::StringLiterals;

namespace {

QUrl onProducer(const QUrl &base, const QString &pathAndQuery)
{
    if (!base.isValid() || base.isEmpty())
        return {};
    QString text = base.toString();
    while (text.endsWith(u'/'))
        text.chop(1);
    return QUrl(text + pathAndQuery);
}

QByteArray chatBody(const QByteArray &model, bool maxTokens)
{
    const QByteArray limit = maxTokens ? QByteArray("\"max_tokens\":1024,") : QByteArray();
    return JsonBody::pretty("{\"model\":\"" + model + "\"," + limit
                            + "\"stream\":true,\"messages\":[{\"role\":\"user\","
                              "\"content\":\"What are Server-Sent Events?\"}]}");
}

StreamRequest post(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    StreamRequest request;
    request.url = url;
    request.method = "POST";
    request.headers = headers;
    request.body = body;
    return request;
}

} // namespace

QList<RequestPresets::Preset> RequestPresets::builtIn(const QUrl &producerBase)
{
    QList<Preset> presets;

    StreamRequest ticker;
    ticker.url = onProducer(producerBase, u"/ticker?count=0&interval=400&type=tick"_s);
    presets.append({u"embedded-ticker"_s, tr("Embedded demo (ticker)"),
                    tr("An endless tick event every 400 ms from the built-in producer."), ticker, true});

    StreamRequest openAiMock = post(onProducer(producerBase, u"/v1/chat/completions"_s),
                                    {{"Content-Type", "application/json"}}, chatBody("ssescope-mock-1", false));
    openAiMock.stop.dataValues = {"[DONE]"};
    presets.append({u"embedded-openai"_s, tr("Embedded LLM: OpenAI-compatible"),
                    tr("A streamed chat completion from the built-in producer, ending with data: [DONE]."), openAiMock,
                    true});

    StreamRequest anthropicMock = post(onProducer(producerBase, u"/v1/messages"_s),
                                       {{"Content-Type", "application/json"}, {"anthropic-version", "2023-06-01"}},
                                       chatBody("ssescope-mock-1", true));
    anthropicMock.stop.eventTypes = {"message_stop"};
    presets.append({u"embedded-anthropic"_s, tr("Embedded LLM: Anthropic"),
                    tr("A streamed Anthropic-style message from the built-in producer, ending with message_stop."),
                    anthropicMock, true});

    StreamRequest openAi = post(QUrl(u"https://api.openai.com/v1/chat/completions"_s),
                                {{"Content-Type", "application/json"}, {"Authorization", "Bearer $OPENAI_API_KEY"}},
                                chatBody("gpt-4o-mini", false));
    openAi.stop.dataValues = {"[DONE]"};
    presets.append({u"openai"_s, tr("OpenAI chat completion"),
                    tr("Needs your key: replace $OPENAI_API_KEY, or set that environment variable."), openAi, false});

    StreamRequest anthropic = post(QUrl(u"https://api.anthropic.com/v1/messages"_s),
                                   {{"Content-Type", "application/json"},
                                    {"x-api-key", "$ANTHROPIC_API_KEY"},
                                    {"anthropic-version", "2023-06-01"}},
                                   chatBody("claude-sonnet-4-5", true));
    anthropic.stop.eventTypes = {"message_stop"};
    presets.append({u"anthropic"_s, tr("Anthropic messages"),
                    tr("Needs your key: replace $ANTHROPIC_API_KEY, or set that environment variable."), anthropic,
                    false});
    return presets;
}
