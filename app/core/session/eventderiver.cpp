// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventderiver.h"

#include "sse/sseparser.h"
#include "sse/sseparsersink.h"

// One attempt's parser and the chunk being parsed, whose time the events it completes take.
class EventDeriver::Parse final : public SseParserSink
{
public:
    Parse(EventDeriver *owner, int attempt)
        : m_owner(owner)
        , m_parser(this, unlimited())
        , m_attempt(attempt)
    {
    }

    int attempt() const { return m_attempt; }

    void feed(const StreamChunk &chunk)
    {
        m_chunk = &chunk;
        // A stream that went over a limit failed live the same way; a recording keeps what came before it.
        if (!m_parser.hasFailed())
            m_parser.feed(chunk.bytes);
        m_chunk = nullptr;
    }

    void eventDispatched(const SseEventView &view) override
    {
        ++m_owner->m_events;
        if (!m_owner->m_onEvent)
            return;
        RecordedEvent recorded;
        recorded.event = SseEvent::fromView(view);
        recorded.attempt = m_attempt;
        recorded.monotonicNs = m_chunk->monotonicNs;
        recorded.wallMs = m_chunk->wallMs;
        m_owner->m_onEvent(recorded);
    }

    void commentReceived(QByteArrayView text, qint64 offset) override
    {
        if (m_owner->m_onComment)
            m_owner->m_onComment(text, m_attempt, m_chunk->monotonicNs, m_chunk->wallMs, offset);
    }

private:
    static SseParserLimits unlimited()
    {
        // The recording was limited when it was made; on load every byte it holds is parsed.
        SseParserLimits limits;
        limits.maxLineLength = qint64(1) << 40;
        limits.maxEventSize = qint64(1) << 40;
        return limits;
    }

    EventDeriver *m_owner;
    SseParser m_parser;
    const StreamChunk *m_chunk = nullptr;
    int m_attempt;
};

EventDeriver::EventDeriver(EventHandler onEvent, CommentHandler onComment, SessionSink *next)
    : m_onEvent(std::move(onEvent))
    , m_onComment(std::move(onComment))
    , m_next(next)
{
}

EventDeriver::~EventDeriver() = default;

void EventDeriver::headerRead(const SessionHeader &header)
{
    if (m_next)
        m_next->headerRead(header);
}

void EventDeriver::requestRead(const RecordedRequest &request)
{
    if (m_next)
        m_next->requestRead(request);
}

void EventDeriver::responseRead(const StreamResponse &response, qint64 wallMs)
{
    if (m_next)
        m_next->responseRead(response, wallMs);
}

void EventDeriver::chunkRead(const StreamChunk &chunk)
{
    if (m_next)
        m_next->chunkRead(chunk);
    // A new attempt is a new response body: a new stream for the parser, as for the live client.
    if (!m_parse || m_parse->attempt() != chunk.attempt)
        m_parse = std::make_unique<Parse>(this, chunk.attempt);
    m_parse->feed(chunk);
}

void EventDeriver::stateRead(const StreamStateChange &change)
{
    if (m_next)
        m_next->stateRead(change);
}
