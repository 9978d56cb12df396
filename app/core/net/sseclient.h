// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backoff.h"
#include "sse/sseparser.h"
#include "streamrequest.h"
#include "streamtypes.h"
#include "util/clock.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

/**
 * One event-stream session over QNetworkAccessManager: it connects, checks the response as the standard
 * says, parses the body, and reconnects by its policy, reporting every state change with its reason, every
 * read with its time, and every event.
 */
class SseClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SseClient)

public:
    /** Body bytes read and parsed in one turn of the event loop at most; more waiting are read on the next
     *  turns, so a flood holds a window's event loop no longer than this many bytes take to show, while the
     *  reply's read buffer (StreamRequest::readBufferSize) keeps pushing back on the server. */
    static constexpr qsizetype ReadBytesPerTurn = 128 * 1024;

    /** The clock times reads and drives reconnect delays and the idle timeout; it must outlive the client. */
    explicit SseClient(StreamRequest request, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~SseClient() override;

    /** Starts the session (from Idle only). */
    void start();
    /** Ends the session: no reconnect follows. */
    void close();

    StreamState state() const { return m_state; }
    const QList<StreamStateChange> &timeline() const { return m_timeline; }
    const StreamRequest &request() const { return m_request; }
    QByteArray lastEventId() const { return m_parser.lastEventId(); }
    /** The current reconnection time: the default, or the server's last valid retry: value. */
    qint64 reconnectionTimeMs() const;
    int attempt() const { return m_attempt; }
    /** Where in the running attempt's body the event being received begins (the next byte when none is): a reader
     *  that joins the stream between reads and starts there sees whole events. */
    qint64 pendingEventOffset() const { return m_parser.pendingOffset(); }
    /** Seeds the jitter, for reproducible delays. */
    void setRandomSeed(quint32 seed) { m_backoff = Backoff(seed); }

Q_SIGNALS:
    void stateChanged(const StreamStateChange &change);
    void responseReceived(const StreamResponse &response);
    void chunkReceived(const StreamChunk &chunk);
    void eventReceived(const SseEvent &event);
    void commentReceived(const QByteArray &text, qint64 offset);
    void retryReceived(qint64 milliseconds);
    void diagnosticReported(const SseDiagnostic &diagnostic);
    void parseErrorOccurred(const SseParseError &error);

private:
    enum class Phase { None, AwaitingHead, Streaming, Rejected };

    void connectNow();
    void onMetaDataChanged();
    void onReadyRead();
    /** Reads and parses up to ReadBytesPerTurn of the body, leaving the rest to a later turn. */
    void readBody();
    void onFinished();
    void onIdleTimeout();
    /** change holds the cause; the policy decides what follows. */
    void endConnection(StreamStateChange change, bool wasOpen, std::optional<qint64> retryAfterMs = std::nullopt);
    void settle(StreamState state, StreamStateChange change);
    /** Fills in the state, attempt, times and reason of change, and reports it. */
    void setState(StreamState state, StreamStateChange change);
    void dropReply();
    /** Why the response being read is not a stream: its status or its content type, with its body. */
    StreamStateChange rejection(int status) const;

    void handleEvent(const SseEventView &event);

    class ParserEvents;

    StreamRequest m_request;
    Clock *m_clock;
    std::unique_ptr<ParserEvents> m_parserEvents; // before m_parser, which reports to it
    std::unique_ptr<QNetworkAccessManager> m_manager;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
    Backoff m_backoff;
    std::unique_ptr<ClockTimer> m_reconnectTimer;
    std::unique_ptr<ClockTimer> m_idleTimer;
    QTimer m_nextTurn; // zero-time: the body read goes on at the next turn of the event loop
    QList<StreamStateChange> m_timeline;
    QByteArray m_rejectedBody;
    std::optional<StreamStateChange> m_stop; // a stop rule matched: the session ends after this event
    std::optional<QString> m_wrongContentType; // a 200 that is not an event stream, while its body is read
    QString m_parseError;
    StreamState m_state = StreamState::Idle;
    Phase m_phase = Phase::None;
    int m_attempt = 0;
    int m_inARow = 0;
    int m_status = 0;
    qint64 m_openedNs = 0;
    qint64 m_offset = 0;
    qint64 m_events = 0;
    bool m_finishAfterBody = false; // the reply finished while body bytes were still waiting to be read
};
