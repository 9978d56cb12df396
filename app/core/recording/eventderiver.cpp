// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventderiver.h"

#include "sse/sseparser.h"
#include "sse/sseparsersink.h"

namespace {

// Whether the live client ended its parser's stream, and so reported an unfinished event, before it entered this
// state: it does when a streaming connection ends (the server ended it, the network broke it, or nothing came
// for too long), not when a stop rule, a limit or the user ends the session. A recording made before states had
// causes says only the state: every state that ends a connection, but closed by the user, counts then.
bool endsStream(const StreamStateChange &change)
{
    switch (change.cause) {
    case StreamCause::ServerEnded:
    case StreamCause::ConnectionBroke:
    case StreamCause::IdleTimeout:
        return true;
    case StreamCause::Unknown:
        return change.state == StreamState::WaitingToReconnect || change.state == StreamState::StoppedByServer
            || change.state == StreamState::Finished || change.state == StreamState::Failed;
    default:
        return false;
    }
}

// Whether the attempt's connection is over once the client is in this state.
bool endsAttempt(StreamState state)
{
    return state == StreamState::WaitingToReconnect || isFinalState(state);
}

} // namespace

// One attempt's parser and the time of what is being parsed, which the events it completes take.
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
        m_monotonicNs = chunk.monotonicNs;
        m_wallMs = chunk.wallMs;
        // A stream that went over a limit failed live the same way; a recording keeps what came before it.
        if (!m_parser.hasFailed())
            m_parser.feed(chunk.bytes);
    }

    // Ends the attempt's stream at the time of its last chunk.
    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        if (!m_parser.hasFailed())
            m_parser.finish();
    }
    // Drops it without ending it: whatever it left unfinished goes unsaid, as when a stop rule or the user ends
    // the session.
    void abandon() { m_finished = true; }
    // Ends it at the time of the state that says it ended.
    void finishAt(qint64 monotonicNs, qint64 wallMs)
    {
        if (m_finished)
            return;
        m_monotonicNs = monotonicNs;
        m_wallMs = wallMs;
        finish();
    }

    void eventDispatched(const SseEventView &view) override
    {
        ++m_owner->m_events;
        if (!m_owner->m_onEvent)
            return;
        RecordedEvent recorded;
        recorded.event = SseEvent::fromView(view);
        recorded.attempt = m_attempt;
        recorded.monotonicNs = m_monotonicNs;
        recorded.wallMs = m_wallMs;
        m_owner->m_onEvent(recorded);
    }

    void commentReceived(QByteArrayView text, qint64 offset) override
    {
        if (m_owner->m_onComment)
            m_owner->m_onComment(text, m_attempt, m_monotonicNs, m_wallMs, offset);
    }

    void diagnosticReported(const SseDiagnostic &diagnostic) override
    {
        ++m_owner->m_diagnostics;
        if (m_owner->m_onDiagnostic)
            m_owner->m_onDiagnostic(RecordedDiagnostic{diagnostic, m_attempt, m_monotonicNs, m_wallMs});
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
    qint64 m_monotonicNs = 0;
    qint64 m_wallMs = 0;
    int m_attempt;
    bool m_finished = false;
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
    // A new attempt is a new response body: a new stream for the parser, as for the live client. The last one
    // ends first, if no state ended it.
    if (m_parse && m_parse->attempt() != chunk.attempt)
        m_parse->finish();
    if (m_next)
        m_next->chunkRead(chunk);
    if (!m_parse || m_parse->attempt() != chunk.attempt)
        m_parse = std::make_unique<Parse>(this, chunk.attempt);
    m_parse->feed(chunk);
}

void EventDeriver::stateRead(const StreamStateChange &change)
{
    // What the end of the stream finds comes before the state, as the live client reports them.
    if (m_parse && m_parse->attempt() == change.attempt) {
        if (endsStream(change))
            m_parse->finishAt(change.monotonicNs, change.wallMs);
        else if (endsAttempt(change.state))
            m_parse->abandon();
    }
    if (m_next)
        m_next->stateRead(change);
}

void EventDeriver::finish()
{
    if (m_parse)
        m_parse->finish();
}
