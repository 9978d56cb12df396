// SPDX-License-Identifier: GPL-3.0-or-later
#include "llmassembler.h"

#include "util/jsonsniff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr QByteArrayView DoneData = "[DONE]";

// The data "type" values of a messages stream that only Anthropic sends (ping and error are too generic).
bool isAnthropicType(const QString &type)
{
    return type == u"message_start"_s || type == u"content_block_start"_s || type == u"content_block_delta"_s
        || type == u"content_block_stop"_s || type == u"message_delta"_s || type == u"message_stop"_s;
}

// A cheap look before parsing, so that a busy stream that is not an LLM's costs no JSON parsing.
bool mightDecide(const QByteArray &data)
{
    return data.contains("choices") || data.contains("\"type\"") || data.contains("\"error\"");
}

// choices[0] by its "index" member when the API sends several choices in any order.
QJsonObject firstChoice(const QJsonArray &choices)
{
    for (const QJsonValue &value : choices) {
        const QJsonObject choice = value.toObject();
        const QJsonValue index = choice.value(u"index"_s);
        if (!choice.isEmpty() && (index.isUndefined() || index.toInteger(-1) == 0))
            return choice;
    }
    return {};
}

} // namespace

void LlmAssembler::reset(std::optional<qint64> startNs)
{
    std::vector<KeptEvent>().swap(m_kept); // its memory too
    m_keptBytes = 0;
    m_keptAll = true;
    m_startNs = startNs;
    clearReply();
}

void LlmAssembler::setFormat(LlmFormat format)
{
    m_format = format;
    replay();
}

bool LlmAssembler::setPointer(const QString &text)
{
    const std::optional<JsonPointer> pointer = JsonPointer::parse(text);
    if (!pointer)
        return false;
    m_pointer = *pointer;
    if (m_format == LlmFormat::Pointer)
        replay();
    return true;
}

void LlmAssembler::addEvent(const SseEvent &event, qint64 monotonicNs)
{
    if (m_keptAll) {
        const qsizetype size = event.type.size() + event.data.size() + KeptEventCost;
        if (m_keptBytes + size > MaxRetainedBytes) {
            m_keptAll = false;
        } else {
            // Shares the event's bytes rather than copying them.
            m_kept.push_back({event.type, event.data, monotonicNs});
            m_keptBytes += size;
        }
    }
    process(event.type, event.data, monotonicNs);
}

void LlmAssembler::addEvent(QByteArrayView type, QByteArrayView data, qint64 monotonicNs)
{
    SseEvent event;
    event.type = type.toByteArray();
    event.data = data.toByteArray();
    addEvent(event, monotonicNs);
}

std::optional<qint64> LlmAssembler::timeToFirstTokenNs() const
{
    if (!m_firstDeltaNs)
        return std::nullopt;
    const qint64 start = m_startNs ? *m_startNs : m_firstEventNs.value_or(*m_firstDeltaNs);
    return *m_firstDeltaNs - start;
}

std::optional<double> LlmAssembler::tokensPerSecond() const
{
    if (m_deltas < 2 || !m_firstDeltaNs || m_lastDeltaNs <= *m_firstDeltaNs)
        return std::nullopt;
    // The first delta marks the start of the interval, so the pieces after it are what the interval produced;
    // with a usage figure, each piece counts as its share of the reported tokens.
    const double seconds = double(m_lastDeltaNs - *m_firstDeltaNs) / 1e9;
    const double piecesPerSecond = double(m_deltas - 1) / seconds;
    return piecesPerSecond * double(tokens()) / double(m_deltas);
}

void LlmAssembler::clearReply()
{
    m_detected = m_format;
    m_text.clear();
    m_reasoning.clear();
    m_toolCalls.clear();
    m_blocks.clear();
    m_model.clear();
    m_stopReason.clear();
    m_doneMarker.clear();
    m_error.clear();
    m_truncated = false;
    m_events = 0;
    m_notUnderstood = 0;
    m_deltas = 0;
    m_usageTokens.reset();
    m_firstEventNs.reset();
    m_firstDeltaNs.reset();
    m_lastDeltaNs = 0;
    ++m_revision;
}

void LlmAssembler::replay()
{
    clearReply();
    for (const KeptEvent &event : std::as_const(m_kept))
        process(event.type, event.data, event.monotonicNs);
}

void LlmAssembler::process(const QByteArray &type, const QByteArray &data, qint64 monotonicNs)
{
    ++m_events;
    ++m_revision;
    if (!m_firstEventNs)
        m_firstEventNs = monotonicNs;
    if (data.size() > MaxDataBytes) {
        ++m_notUnderstood;
        return;
    }
    if (data.size() < 32 && data.trimmed() == DoneData && m_detected != LlmFormat::Anthropic) {
        // The chat completions terminator; JSON pointer users mostly stream OpenAI-like APIs that send it too.
        if (m_detected == LlmFormat::Auto)
            m_detected = LlmFormat::OpenAi;
        m_doneMarker = QString::fromLatin1(DoneData);
        return;
    }
    if (m_detected == LlmFormat::Auto && !mightDecide(data)) {
        ++m_notUnderstood;
        return;
    }
    const QJsonValue root = JsonSniff::parseContainer(data);
    const QJsonObject object = root.toObject();
    bool understood = false;
    switch (m_detected) {
    case LlmFormat::Auto:
        if (detect(object))
            understood = m_detected == LlmFormat::OpenAi ? processOpenAi(object, monotonicNs)
                                                         : processAnthropic(type, object, monotonicNs);
        else
            understood = recordError(object);
        break;
    case LlmFormat::OpenAi:
        understood = processOpenAi(object, monotonicNs);
        break;
    case LlmFormat::Anthropic:
        understood = processAnthropic(type, object, monotonicNs);
        break;
    case LlmFormat::Pointer:
        understood = processPointer(root, monotonicNs);
        break;
    }
    if (!understood)
        ++m_notUnderstood;
}

LlmFormat LlmAssembler::detectFormat(const QJsonObject &object)
{
    if (object.value(u"object"_s).toString() == u"chat.completion.chunk"_s || object.value(u"choices"_s).isArray())
        return LlmFormat::OpenAi;
    if (isAnthropicType(object.value(u"type"_s).toString()))
        return LlmFormat::Anthropic;
    return LlmFormat::Auto;
}

bool LlmAssembler::detect(const QJsonObject &object)
{
    m_detected = detectFormat(object);
    return m_detected != LlmFormat::Auto;
}

bool LlmAssembler::processOpenAi(const QJsonObject &object, qint64 monotonicNs)
{
    bool understood = recordError(object);
    if (const QJsonValue model = object.value(u"model"_s); model.isString() && m_model.isEmpty())
        m_model = model.toString();
    // Sent with stream_options.include_usage, often in a last chunk whose choices are empty; null before that.
    const QJsonValue usage = object.value(u"usage"_s).toObject().value(u"completion_tokens"_s);
    if (usage.isDouble()) {
        understood = true;
        m_usageTokens = usage.toInteger();
    }
    const QJsonValue choices = object.value(u"choices"_s);
    if (!choices.isArray())
        return understood;
    const QJsonObject choice = firstChoice(choices.toArray());
    const QJsonObject delta = choice.value(u"delta"_s).toObject();
    appendPiece(m_reasoning, delta.value(u"reasoning_content"_s).toString(), monotonicNs);
    appendPiece(m_reasoning, delta.value(u"reasoning"_s).toString(), monotonicNs);
    appendPiece(m_text, delta.value(u"content"_s).toString(), monotonicNs);
    // Legacy completions put the piece in choices[0].text.
    appendPiece(m_text, choice.value(u"text"_s).toString(), monotonicNs);
    const QJsonArray calls = delta.value(u"tool_calls"_s).toArray();
    for (const QJsonValue &value : calls) {
        const QJsonObject call = value.toObject();
        const QString id = call.value(u"id"_s).toString();
        int index = 0;
        if (const QJsonValue given = call.value(u"index"_s); given.isDouble()) {
            index = given.toInt();
        } else {
            // Some compatible servers leave out the index: a new id starts a call, no id continues the last.
            const auto same = std::find_if(m_toolCalls.cbegin(), m_toolCalls.cend(),
                                           [&id](const LlmToolCall &known) { return known.id == id; });
            if (same != m_toolCalls.cend())
                index = same->index;
            else if (!m_toolCalls.isEmpty())
                index = id.isEmpty() ? m_toolCalls.constLast().index : m_toolCalls.constLast().index + 1;
        }
        LlmToolCall &target = toolCall(index);
        if (!id.isEmpty() && target.id.isEmpty())
            target.id = id;
        const QJsonObject function = call.value(u"function"_s).toObject();
        if (const QString name = function.value(u"name"_s).toString(); !name.isEmpty() && target.name.isEmpty())
            target.name = name;
        appendPiece(target.arguments, function.value(u"arguments"_s).toString(), monotonicNs);
    }
    if (const QJsonValue finish = choice.value(u"finish_reason"_s); finish.isString())
        m_stopReason = finish.toString();
    return true;
}

bool LlmAssembler::processAnthropic(const QByteArray &type, const QJsonObject &object, qint64 monotonicNs)
{
    if (object.isEmpty())
        return false;
    QString kind = object.value(u"type"_s).toString();
    if (kind.isEmpty())
        kind = QString::fromUtf8(type);
    const int index = object.value(u"index"_s).toInt();
    if (kind == u"message_start"_s) {
        // message_start's usage.output_tokens is a placeholder; the real count comes with message_delta.
        m_model = object.value(u"message"_s).toObject().value(u"model"_s).toString();
        return true;
    }
    if (kind == u"content_block_start"_s) {
        const QJsonObject block = object.value(u"content_block"_s).toObject();
        const QString blockType = block.value(u"type"_s).toString();
        if (blockType == u"text"_s) {
            m_blocks.insert(index, BlockKind::Text);
            appendPiece(m_text, block.value(u"text"_s).toString(), monotonicNs);
        } else if (blockType == u"thinking"_s) {
            m_blocks.insert(index, BlockKind::Thinking);
            appendPiece(m_reasoning, block.value(u"thinking"_s).toString(), monotonicNs);
        } else if (blockType == u"tool_use"_s || blockType == u"server_tool_use"_s) {
            m_blocks.insert(index, BlockKind::ToolUse);
            LlmToolCall &call = toolCall(index);
            call.id = block.value(u"id"_s).toString();
            call.name = block.value(u"name"_s).toString();
            // The input starts as {} and arrives as input_json_delta pieces; a block that brings it whole keeps it.
            const QJsonObject input = block.value(u"input"_s).toObject();
            if (!input.isEmpty())
                call.arguments = QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact));
        } else {
            m_blocks.insert(index, BlockKind::Other);
        }
        return true;
    }
    if (kind == u"content_block_delta"_s) {
        const QJsonObject delta = object.value(u"delta"_s).toObject();
        const QString deltaType = delta.value(u"type"_s).toString();
        if (deltaType == u"text_delta"_s)
            appendPiece(m_text, delta.value(u"text"_s).toString(), monotonicNs);
        else if (deltaType == u"thinking_delta"_s)
            appendPiece(m_reasoning, delta.value(u"thinking"_s).toString(), monotonicNs);
        else if (deltaType == u"input_json_delta"_s)
            appendPiece(toolCall(index).arguments, delta.value(u"partial_json"_s).toString(), monotonicNs);
        else if (deltaType != u"signature_delta"_s && deltaType != u"citations_delta"_s)
            return false;
        return true;
    }
    if (kind == u"message_delta"_s) {
        if (const QJsonValue stop = object.value(u"delta"_s).toObject().value(u"stop_reason"_s); stop.isString())
            m_stopReason = stop.toString();
        if (const QJsonValue tokens = object.value(u"usage"_s).toObject().value(u"output_tokens"_s); tokens.isDouble())
            m_usageTokens = tokens.toInteger();
        return true;
    }
    if (kind == u"message_stop"_s) {
        m_doneMarker = u"message_stop"_s;
        return true;
    }
    if (kind == u"error"_s)
        return recordError(object);
    return kind == u"content_block_stop"_s || kind == u"ping"_s;
}

bool LlmAssembler::processPointer(const QJsonValue &root, qint64 monotonicNs)
{
    const QJsonValue value = m_pointer.evaluate(root);
    if (!value.isString())
        return false;
    appendPiece(m_text, value.toString(), monotonicNs);
    return true;
}

bool LlmAssembler::recordError(const QJsonObject &object)
{
    const QJsonValue error = object.value(u"error"_s);
    if (error.isString()) {
        m_error = error.toString();
        return true;
    }
    if (!error.isObject())
        return false;
    const QJsonObject details = error.toObject();
    const QString type = details.value(u"type"_s).toString();
    const QString message = details.value(u"message"_s).toString();
    if (type.isEmpty() && message.isEmpty())
        m_error = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    else if (type.isEmpty() || message.isEmpty())
        m_error = type + message;
    else
        m_error = type + u": "_s + message;
    return true;
}

void LlmAssembler::appendPiece(QString &target, const QString &piece, qint64 monotonicNs)
{
    if (piece.isEmpty())
        return;
    ++m_deltas;
    if (!m_firstDeltaNs)
        m_firstDeltaNs = monotonicNs;
    m_lastDeltaNs = monotonicNs;
    const qsizetype room = MaxTextChars - target.size();
    if (piece.size() > room) {
        target += QStringView(piece).first(qMax<qsizetype>(0, room));
        m_truncated = true;
        return;
    }
    target += piece;
}

LlmToolCall &LlmAssembler::toolCall(int index)
{
    for (LlmToolCall &call : m_toolCalls) {
        if (call.index == index)
            return call;
    }
    m_toolCalls.append(LlmToolCall{index, {}, {}, {}});
    return m_toolCalls.last();
}
