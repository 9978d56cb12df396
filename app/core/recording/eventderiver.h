// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionreader.h"
#include "sse/sseevent.h"

#include <functional>
#include <memory>

/** An event as a recording yields it: parsed from the chunks of one connection attempt. */
struct RecordedEvent
{
    SseEvent event; // offsets are in the attempt's body
    int attempt = 0;
    qint64 monotonicNs = 0; // of the chunk that completed it, since the recording started
    qint64 wallMs = 0;
};
// Moved, not copied, when a list of them grows: a recording's events number in the millions.
Q_DECLARE_TYPEINFO(RecordedEvent, Q_RELOCATABLE_TYPE);

/** A diagnostic as a recording yields it: what the parser reported on the chunks of one connection attempt. */
struct RecordedDiagnostic
{
    SseDiagnostic diagnostic; // its offset is in the attempt's body
    int attempt = 0;
    qint64 monotonicNs = 0; // of the chunk it was found in, or of the state that ended the attempt
    qint64 wallMs = 0;
};

/**
 * Derives events, comments and diagnostics from a recording's chunks as the reader hands them over: each
 * connection attempt's chunks go through a fresh SseParser, so a recording stays true to its bytes. An attempt's
 * stream ends where the live client's did: at the state its connection ended in when the server, the network or
 * the idle timeout ended it (not a stop rule, a limit or the user), else at the next attempt's first chunk or at
 * finish(); an event it leaves unfinished is reported then. Every record is also passed on to the next sink,
 * when there is one.
 */
class EventDeriver final : public SessionSink
{
public:
    using EventHandler = std::function<void(const RecordedEvent &event)>;
    using CommentHandler
        = std::function<void(QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs, qint64 offset)>;
    using DiagnosticHandler = std::function<void(const RecordedDiagnostic &diagnostic)>;

    explicit EventDeriver(EventHandler onEvent, CommentHandler onComment = {}, SessionSink *next = nullptr);
    ~EventDeriver() override;
    EventDeriver(const EventDeriver &) = delete;
    EventDeriver &operator=(const EventDeriver &) = delete;

    /** Where diagnostics go; without a handler they are only counted. */
    void setDiagnosticHandler(DiagnosticHandler onDiagnostic) { m_onDiagnostic = std::move(onDiagnostic); }

    void headerRead(const SessionHeader &header) override;
    void requestRead(const RecordedRequest &request) override;
    void responseRead(const StreamResponse &response, qint64 wallMs) override;
    void chunkRead(const StreamChunk &chunk) override;
    void stateRead(const StreamStateChange &change) override;
    /** The input has ended: the stream of the attempt being parsed ends too, if no state ended it. */
    void finish();

    /** Events derived so far. */
    qint64 events() const { return m_events; }
    /** Diagnostics derived so far. */
    qint64 diagnostics() const { return m_diagnostics; }

private:
    class Parse;

    EventHandler m_onEvent;
    CommentHandler m_onComment;
    DiagnosticHandler m_onDiagnostic;
    SessionSink *m_next;
    std::unique_ptr<Parse> m_parse;
    qint64 m_events = 0;
    qint64 m_diagnostics = 0;
};
