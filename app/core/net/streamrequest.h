// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sse/sseparser.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

/** When and how a client reconnects. */
struct ReconnectPolicy
{
    bool enabled = true;
    qint64 initialDelayMs = 3000; // the reconnection time until the server sends retry:
    qint64 maxDelayMs = 30000; // the cap of the exponential backoff
    qint64 resetAfterMs = 60000; // a stream open this long resets the backoff
    bool retryServerErrors = false; // reconnect after 5xx answers, honouring Retry-After
    bool reconnectPost = false; // reconnecting a POST sends it again (an LLM request is paid again)
    int maxAttempts = 0; // connection attempts in all (0: no limit)
    qint64 idleTimeoutMs = 0; // no byte for this long ends the connection (0: never); comments count
};

/** When a client ends the session by itself. */
struct StopRules
{
    QList<QByteArray> eventTypes; // stop after an event of one of these types
    QList<QByteArray> dataValues; // stop after an event whose data is one of these (e.g. [DONE])
    qint64 maxEvents = 0; // stop after this many events (0: no limit)
};

/** Everything needed to open and keep an event stream. */
struct StreamRequest
{
    enum class ProxyMode { System, None, Given };

    QUrl url;
    QByteArray method = "GET";
    QList<QPair<QByteArray, QByteArray>> headers; // sent after the defaults, which they override
    QByteArray body;
    QByteArray lastEventId; // sent as Last-Event-ID on the first connection
    QString caFile; // PEM certificates to trust besides the system's
    bool ignoreTlsErrors = false;
    ProxyMode proxyMode = ProxyMode::System;
    QUrl proxyUrl; // http://host:port or socks5://host:port, for ProxyMode::Given
    qint64 readBufferSize = 1 << 20;
    ReconnectPolicy reconnect;
    StopRules stop;
    SseParserLimits limits;

    /** True for GET, HEAD and OPTIONS, which can be sent again without repeating an action. */
    bool isSafeToRepeat() const;
    /** The headers a connection sends: Accept, Cache-Control and a User-Agent naming SSE Scope, Last-Event-ID
     *  when one is given, then this request's own headers, each replacing a default of the same name. The client
     *  sends these and the HAR export lists them (as this version sends them; Qt adds its transport headers). */
    QList<QPair<QByteArray, QByteArray>> headersToSend(const QByteArray &lastEventIdToSend) const;
};
