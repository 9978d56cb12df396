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

/** One transition of a session, with why it happened. */
struct StreamStateChange
{
    StreamState state = StreamState::Idle;
    QString reason;
    int attempt = 0; // the connection attempt it belongs to (1 for the first)
    qint64 delayMs = -1; // WaitingToReconnect: the delay chosen
    int httpStatus = 0; // when a response was involved
    qint64 monotonicNs = 0;
    qint64 wallMs = 0;
};

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
