// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sse/sseevent.h"
#include "util/jsonpointer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

class QJsonObject;
class QJsonValue;

/** How the events of an LLM stream carry the reply. */
enum class LlmFormat {
    Auto, // decided by the first event that looks like one of the others
    OpenAi, // chat completions: chat.completion.chunk with choices[].delta, then data: [DONE]
    Anthropic, // messages: message_start, content_block_delta ..., message_stop
    Pointer, // any JSON: the string a JSON pointer names is the next piece of text
};

/** A tool (function) call as the stream builds it; arguments arrive in pieces of JSON text. */
struct LlmToolCall
{
    int index = 0; // OpenAI's tool call index, or Anthropic's content block index
    QString id;
    QString name;
    QString arguments;

    friend bool operator==(const LlmToolCall &, const LlmToolCall &) = default;
};

/**
 * Assembles the reply of a streaming LLM API from its SSE events: the text, the reasoning kept apart, the tool
 * calls, how it ended, and timing. Plain class, no I/O; anything it does not recognise is counted, never fatal.
 * It keeps the first events it was given (up to a budget) so that choosing another format re-reads them.
 */
class LlmAssembler final
{
public:
    /** Data larger than this is not parsed (no LLM delta comes near it). */
    static constexpr qsizetype MaxDataBytes = 4 * 1024 * 1024;
    /** Text, reasoning and each tool call's arguments stop growing at this many characters. */
    static constexpr qsizetype MaxTextChars = 16 * 1024 * 1024;
    /** Memory the events kept for re-reading after a format change may take: their bytes and what each
     *  costs besides (KeptEventCost), so that a flood of tiny events is bounded too. */
    static constexpr qsizetype MaxRetainedBytes = 16 * 1024 * 1024;
    /** What keeping one event costs besides its bytes: its entry and its two arrays' headers. */
    static constexpr qsizetype KeptEventCost = 96;

    LlmAssembler() = default;

    /** The format a JSON object of a stream's data is typical of (a chat.completion.chunk, a content_block_delta),
     *  or Auto when it is typical of none. */
    static LlmFormat detectFormat(const QJsonObject &object);

    /** Forgets the reply; startNs (monotonic ns of the request) anchors the time to first token, else the first event.
     */
    void reset(std::optional<qint64> startNs = std::nullopt);
    /** Chooses the format and re-reads the events kept so far with it. */
    void setFormat(LlmFormat format);
    LlmFormat format() const { return m_format; }
    /** Sets the pointer Pointer mode uses and re-reads the kept events when in that mode; false if text is not one. */
    bool setPointer(const QString &text);
    const JsonPointer &pointer() const { return m_pointer; }

    void addEvent(const SseEvent &event, qint64 monotonicNs);
    void addEvent(QByteArrayView type, QByteArrayView data, qint64 monotonicNs);

    /** The format in effect: the chosen one, or what Auto detected (Auto while nothing decided it). */
    LlmFormat detectedFormat() const { return m_detected; }
    const QString &text() const { return m_text; }
    const QString &reasoning() const { return m_reasoning; }
    const QList<LlmToolCall> &toolCalls() const { return m_toolCalls; }
    /** The model named by the stream, if any. */
    const QString &model() const { return m_model; }
    /** finish_reason or stop_reason; empty until the stream gives one. */
    const QString &stopReason() const { return m_stopReason; }
    /** True after data: [DONE] or message_stop. */
    bool isDone() const { return !m_doneMarker.isEmpty(); }
    /** "[DONE]" or "message_stop" once done. */
    const QString &doneMarker() const { return m_doneMarker; }
    /** The last error the stream reported ("type: message"), or empty. */
    const QString &errorText() const { return m_error; }
    /** True when text, reasoning or arguments reached MaxTextChars and stopped growing. */
    bool isTruncated() const { return m_truncated; }

    /** Events given since the last reset. */
    qint64 eventCount() const { return m_events; }
    /** Events whose data or shape the format does not explain. */
    qint64 notUnderstoodCount() const { return m_notUnderstood; }
    /** Pieces of text, reasoning and tool call arguments received. */
    qint64 deltaCount() const { return m_deltas; }
    /** The output token count the stream reported (OpenAI usage.completion_tokens, Anthropic usage.output_tokens). */
    std::optional<qint64> usageTokens() const { return m_usageTokens; }
    /** The usage figure when there is one, else the number of deltas. */
    qint64 tokens() const { return m_usageTokens.value_or(m_deltas); }
    bool tokensFromUsage() const { return m_usageTokens.has_value(); }
    /** From the start (reset) or first event to the first delta. */
    std::optional<qint64> timeToFirstTokenNs() const;
    /** Tokens per second between the first and the last delta (needs two deltas at different times). */
    std::optional<double> tokensPerSecond() const;
    /** False when events were left out of the kept ones (over MaxRetainedBytes), so re-reading is partial. */
    bool keptAllEvents() const { return m_keptAll; }
    /** Grows on every change, so a view can tell whether there is anything new to show. */
    quint64 revision() const { return m_revision; }

private:
    struct KeptEvent
    {
        QByteArray type;
        QByteArray data;
        qint64 monotonicNs;
    };
    enum class BlockKind { Text, Thinking, ToolUse, Other };

    void clearReply();
    void replay();
    void process(const QByteArray &type, const QByteArray &data, qint64 monotonicNs);
    bool detect(const QJsonObject &object);
    bool processOpenAi(const QJsonObject &object, qint64 monotonicNs);
    bool processAnthropic(const QByteArray &type, const QJsonObject &object, qint64 monotonicNs);
    bool processPointer(const QJsonValue &root, qint64 monotonicNs);
    bool recordError(const QJsonObject &object);
    void appendPiece(QString &target, const QString &piece, qint64 monotonicNs);
    LlmToolCall &toolCall(int index);

    LlmFormat m_format = LlmFormat::Auto;
    JsonPointer m_pointer;
    std::vector<KeptEvent> m_kept; // grows by moving its entries, not copying them
    qsizetype m_keptBytes = 0;
    bool m_keptAll = true;
    std::optional<qint64> m_startNs;

    LlmFormat m_detected = LlmFormat::Auto;
    QString m_text;
    QString m_reasoning;
    QList<LlmToolCall> m_toolCalls;
    QHash<int, BlockKind> m_blocks;
    QString m_model;
    QString m_stopReason;
    QString m_doneMarker;
    QString m_error;
    bool m_truncated = false;
    qint64 m_events = 0;
    qint64 m_notUnderstood = 0;
    qint64 m_deltas = 0;
    std::optional<qint64> m_usageTokens;
    std::optional<qint64> m_firstEventNs;
    std::optional<qint64> m_firstDeltaNs;
    qint64 m_lastDeltaNs = 0;
    quint64 m_revision = 0;
};
