// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

/** The states of one stream session. */
enum class StreamState {
    Idle, // not started
    Connecting, // a request is on its way
    Open, // 200 with text/event-stream: events flow
    WaitingToReconnect, // the connection ended; the next attempt is scheduled
    ClosedByUser, // close() was called
    StoppedByServer, // the server answered 204: no more reconnects
    Finished, // a stop rule matched, or the stream ended and reconnecting is off
    Failed, // a status, content type, limit or error the client does not retry
};

/** A short stable name such as "waiting-to-reconnect". */
QString streamStateName(StreamState state);
/** True for the states a session does not leave. */
bool isFinalState(StreamState state);

/** Why a session changed state: what the client saw. The sentence for a person is made from it where it is shown. */
enum class StreamCause : quint8 {
    Unknown, // read from a recording that kept only the reason text
    Connecting, // a request went out (method; detail: the URL; lastEventId when resuming)
    TlsErrorsIgnored, // the certificate did not pass, and the request says to go on (detail: the errors)
    Opened, // 200 with text/event-stream (detail: the content type)
    NotHttpUrl, // detail: the URL
    CaFileUnreadable, // detail: the path
    CannotConnect, // no response arrived (detail: the network error)
    TlsFailed, // the TLS handshake failed (detail: the error)
    RequestFailed, // too many or insecure redirects, an unknown protocol (detail: the error)
    WrongStatus, // httpStatus; detail: the reason phrase; body: what the server sent
    NoContent, // 204: the server asks not to reconnect
    WrongContentType, // 200 without text/event-stream (detail: the content type, empty when there was none)
    OverLimit, // the parser went over a limit (detail: which)
    IdleTimeout, // no byte arrived within timeoutMs
    ServerEnded, // the server ended the response
    ConnectionBroke, // the connection failed while streaming (detail: the network error)
    StopRuleType, // a stop rule matched the event type (detail)
    StopRuleData, // a stop rule matched the data (detail)
    StopRuleCount, // the stop rule's number of events was reached (detail: the number)
    ClosedByUser,
};

/** What the client does after a connection ended. */
enum class StreamFollowUp : quint8 {
    None,
    Reconnect, // WaitingToReconnect: attempt + 1 after delayMs (retryAfter: the delay is the server's)
    ReconnectingOff, // the policy does not reconnect
    WouldRepeatRequest, // reconnecting would send a non-idempotent request again
    AttemptsExhausted, // the policy's number of attempts is used up
};

/** Stable names such as "cannot-connect" and "attempts-exhausted", for files and machine-readable output. */
QString streamCauseName(StreamCause cause);
StreamCause streamCauseFromName(QStringView name);
QString streamFollowUpName(StreamFollowUp followUp);
StreamFollowUp streamFollowUpFromName(QStringView name);

/** One transition of a session, with why it happened. */
struct StreamStateChange
{
    StreamState state = StreamState::Idle;
    StreamCause cause = StreamCause::Unknown;
    StreamFollowUp followUp = StreamFollowUp::None;
    QString detail; // the value the cause names (see StreamCause)
    QByteArray body; // WrongStatus: the start of what the server sent
    QByteArray method; // Connecting and WouldRepeatRequest: the request's method
    QByteArray lastEventId; // Connecting: the Last-Event-ID sent
    bool retryAfter = false; // Reconnect: the delay came from the server's Retry-After
    qint64 timeoutMs = -1; // IdleTimeout: the limit that passed
    QString reason; // the English sentence made from the fields above (or, for Unknown, as recorded)
    int attempt = 0; // the connection attempt it belongs to (1 for the first)
    qint64 delayMs = -1; // WaitingToReconnect: the delay chosen
    int httpStatus = 0; // when a response was involved
    qint64 monotonicNs = 0;
    qint64 wallMs = 0;
};

/** The English sentence for a change, as files and the command line show it. */
QString streamStateReason(const StreamStateChange &change);

/** One read from the network, as it arrived. */
struct StreamChunk
{
    QByteArray bytes;
    qint64 offset = 0; // in this connection's body
    int attempt = 0;
    qint64 monotonicNs = 0;
    qint64 wallMs = 0;
};

/** The response head of one connection attempt. */
struct StreamResponse
{
    int attempt = 0;
    int status = 0;
    QByteArray reasonPhrase;
    QUrl url; // after redirects
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 monotonicNs = 0;
};
