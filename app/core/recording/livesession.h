// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/sseclient.h"
#include "util/clock.h"

#include <QList>
#include <QObject>
#include <QPointer>

struct Recording;

/**
 * What a live session holds beside its events: the request as sent, the response head of every attempt, the
 * state changes, and the running attempt's last bytes from where the event being received begins. A recording
 * started in the middle of the stream begins with them. It follows its client from its construction on, so it
 * is made before the client starts.
 */
class LiveSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSession)

public:
    /** The clock stamps the session's start and the response heads' wall times; it must outlive the session. */
    explicit LiveSession(SseClient *client, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~LiveSession() override;

    /** Null once the client is gone. */
    SseClient *client() const { return m_client; }
    Clock *clock() const { return m_clock; }
    /** The request as the client sends it. */
    const StreamRequest &request() const { return m_request; }
    /** When the session started (when it was made). */
    qint64 startNs() const { return m_startNs; }
    qint64 startWallMs() const { return m_startWallMs; }
    /** Every response head so far, oldest first, and the wall time each arrived at. */
    const QList<StreamResponse> &responses() const { return m_responses; }
    const QList<qint64> &responseWallMs() const { return m_responseWallMs; }
    /** The response head of one attempt, or null when it got none. */
    const StreamResponse *response(int attempt) const;
    /** Every state change so far, oldest first. */
    const QList<StreamStateChange> &states() const { return m_states; }
    /** Body bytes received, in all attempts. */
    qint64 bodyBytes() const { return m_bodyBytes; }
    /** True while an attempt is connecting or open. */
    bool isAttemptRunning() const;

    /** The running attempt's bytes from where the event being received begins, as the reads they came in (the
     *  first one cut there); empty when nothing of an event is pending. Asked between reads, they are what a
     *  parser needs to see the next events whole. */
    QList<StreamChunk> pendingChunks() const;

    /** The session without its chunks, as a recording holds it: times since the session started, secrets
     *  redacted as a recording redacts them by default. */
    Recording toRecording() const;

private:
    void addChunk(const StreamChunk &chunk);
    void addState(const StreamStateChange &change);

    QPointer<SseClient> m_client;
    Clock *m_clock;
    StreamRequest m_request;
    qint64 m_startNs;
    qint64 m_startWallMs;
    QList<StreamResponse> m_responses;
    QList<qint64> m_responseWallMs;
    QList<StreamStateChange> m_states;
    QList<StreamChunk> m_pending; // of the running attempt, from the read holding its pending event's start
    qint64 m_bodyBytes = 0;
};
