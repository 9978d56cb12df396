// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mockstream.h"
#include "scenario.h"
#include "sse/sseformatter.h"

#include <QRandomGenerator>

class ScenarioArgs;

/** What every event-stream scenario offers: line endings, a BOM, retry, framing, and drop faults. */
class StreamOptions final
{
public:
    /** The parameters, with defaults, for the catalogue and for checking requests. */
    static QList<ParamSpec> params();

    /** What a connection's generator is for: each has a sequence of its own, so drawing one never shifts another. */
    enum class Draw : quint32 { Faults = 1, Content = 2 };
    /**
     * The generator of stream's connection, from the seed, its Last-Event-ID and its attempt at that position:
     * the same for the same three, another when any of them differs.
     */
    static QRandomGenerator random(const ScenarioArgs &args, const MockStream &stream, Draw draw);

    /** Random faults are drawn as random() says, so a reconnect where a fault cut the stream meets another. */
    StreamOptions(const ScenarioArgs &args, const MockStream &stream);

    const SseFormatter &formatter() const { return m_formatter; }
    /** Writes the event-stream head, then a BOM and a retry field when asked for. */
    void begin(MockStream &stream, const MockStream::Headers &extra = {}) const;
    /** Sends bytes holding `events` events; false when a drop fault ended the stream instead. */
    bool send(MockStream &stream, QByteArrayView bytes, qint64 events = 1);
    /** True when a drop fault is asked for, so events must go one per write. */
    bool hasFaults() const { return m_dropAfter > 0 || m_dropChance > 0; }
    /** Formats and sends one event; false when a drop fault ended the stream. */
    bool sendEvent(MockStream &stream, QByteArrayView data, QByteArrayView type = {}, QByteArrayView id = {});

private:
    SseFormatter m_formatter;
    MockStream::Framing m_framing;
    QRandomGenerator m_random;
    qint64 m_retry = 0;
    qint64 m_dropAfter = 0;
    int m_dropChance = 0;
    bool m_bom = false;
};
