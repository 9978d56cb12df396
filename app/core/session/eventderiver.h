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

/**
 * Derives events and comments from a recording's chunks as the reader hands them over: each connection
 * attempt's chunks go through a fresh SseParser, so a recording stays true to its bytes. Every record is also
 * passed on to the next sink, when there is one.
 */
class EventDeriver final : public SessionSink
{
public:
    using EventHandler = std::function<void(const RecordedEvent &event)>;
    using CommentHandler
        = std::function<void(QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs, qint64 offset)>;

    explicit EventDeriver(EventHandler onEvent, CommentHandler onComment = {}, SessionSink *next = nullptr);
    ~EventDeriver() override;
    EventDeriver(const EventDeriver &) = delete;
    EventDeriver &operator=(const EventDeriver &) = delete;

    void headerRead(const SessionHeader &header) override;
    void requestRead(const RecordedRequest &request) override;
    void responseRead(const StreamResponse &response, qint64 wallMs) override;
    void chunkRead(const StreamChunk &chunk) override;
    void stateRead(const StreamStateChange &change) override;

    /** Events derived so far. */
    qint64 events() const { return m_events; }

private:
    class Parse;

    EventHandler m_onEvent;
    CommentHandler m_onComment;
    SessionSink *m_next;
    std::unique_ptr<Parse> m_parse;
    qint64 m_events = 0;
};
