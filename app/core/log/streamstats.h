// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"
#include "sse/sseevent.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <array>
#include <deque>
#include <vector>

/**
 * Figures about one stream, fed what its client reports: totals, one record per connection attempt, times to
 * the first byte and event, inter-arrival percentiles and a per-second time series. Memory stays bounded
 * however long the stream runs: percentiles come from a log-scale histogram, the series and the attempts keep
 * only their newest entries.
 */
class StreamStats final
{
public:
    /** One connection attempt, from its Connecting state to the state that ended it. */
    struct Attempt
    {
        int number = 0; // the client's attempt number (1 for the first)
        qint64 startedNs = 0;
        qint64 startedWallMs = 0;
        int status = 0; // 0 until a response head (or a state naming a status) arrived
        QByteArray reasonPhrase;
        QUrl url; // after redirects
        QList<QPair<QByteArray, QByteArray>> headers;
        qint64 responseNs = -1; // when the response head arrived
        qint64 openedNs = -1; // when it went Open; -1 if it never did
        qint64 firstByteNs = -1; // first body byte
        qint64 endedNs = -1; // -1 while it runs
        qint64 events = 0;
        qint64 bodyBytes = 0;
        StreamState endState = StreamState::Idle; // the state that ended it
        QString endReason;
        qint64 reconnectDelayMs = -1; // the delay chosen after it ended; -1 when no reconnect was scheduled

        bool isRunning() const { return endedNs < 0; }
        /** From its start to its end, or to nowNs while it runs. */
        qint64 durationNs(qint64 nowNs) const { return (isRunning() ? nowNs : endedNs) - startedNs; }
    };

    /** Events and body bytes that arrived in one second. */
    struct SecondBucket
    {
        qint64 events = 0;
        qint64 bytes = 0;
    };

    /** Events and body bytes per second. */
    struct Rate
    {
        double eventsPerSecond = 0;
        double bytesPerSecond = 0;
    };

    /** Time between consecutive events of one connection, in ns; -1 until two events arrived. */
    struct InterArrival
    {
        qint64 count = 0;
        qint64 p50Ns = -1;
        qint64 p95Ns = -1;
        qint64 p99Ns = -1;
        qint64 minNs = -1;
        qint64 maxNs = -1;
    };

    /** Seconds of history the time series keeps. */
    static constexpr qsizetype MaxBuckets = 3600;
    /** Attempts kept; older ones are dropped and counted. */
    static constexpr qsizetype MaxAttempts = 1000;
    /** Percentiles are within this fraction of the true value (the histogram has 64 buckets per octave). */
    static constexpr double PercentilePrecision = 1.0 / 128.0;

    StreamStats();

    void addState(const StreamStateChange &change);
    void addResponse(const StreamResponse &response);
    void addChunk(const StreamChunk &chunk);
    void addEvent(qint64 monotonicNs, qint64 dataBytes);
    void addComment(qint64 monotonicNs, qint64 bytes);
    /** A diagnostic of the parser, or a limit error made into one. */
    void addDiagnostic(SseDiagnostic::Kind kind);
    /** Forgets everything, as if nothing had been fed. */
    void reset();

    qint64 events() const { return m_events; }
    qint64 comments() const { return m_comments; }
    /** Diagnostics of every kind. */
    qint64 diagnostics() const { return m_diagnostics; }
    qint64 diagnostics(SseDiagnostic::Kind kind) const { return m_diagnosticsByKind[size_t(kind)]; }
    qint64 chunks() const { return m_chunks; }
    /** Bytes of response bodies, as read from the network. */
    qint64 bodyBytes() const { return m_bodyBytes; }
    /** Bytes of event data (the payloads, without field names). */
    qint64 eventDataBytes() const { return m_eventDataBytes; }
    qint64 commentBytes() const { return m_commentBytes; }

    /** The newest attempts, oldest first (at most MaxAttempts). */
    const std::deque<Attempt> &attempts() const { return m_attempts; }
    /** Attempts started in all, the dropped ones included. */
    qint64 attemptCount() const { return m_droppedAttempts + qint64(m_attempts.size()); }
    /** Attempts dropped to stay within MaxAttempts. */
    qint64 droppedAttempts() const { return m_droppedAttempts; }

    /** When the first attempt started connecting; -1 before that. */
    qint64 firstConnectingNs() const { return m_firstConnectingNs; }
    /** From the first Connecting state to the first body byte; -1 until both happened. */
    qint64 timeToFirstByteNs() const;
    /** From the first Connecting state to the first event; -1 until both happened. */
    qint64 timeToFirstEventNs() const;
    /** When the session reached a final state; -1 while it goes on. */
    qint64 sessionEndedNs() const { return m_sessionEndedNs; }

    /** Percentiles of the time between events (nearest rank), each within PercentilePrecision. */
    InterArrival interArrival() const;
    /** One percentile (0-100] of the time between events; -1 until two events arrived. */
    qint64 interArrivalPercentileNs(double percent) const;

    /** Where second 0 of the series starts: the first body byte or event; -1 before that. */
    qint64 seriesOriginNs() const { return m_originNs; }
    /** The second since the origin that monotonicNs falls in. */
    qint64 secondAt(qint64 monotonicNs) const;
    /** The first second the series still holds. */
    qint64 firstSecond() const { return m_firstSecond; }
    /** Seconds held, from firstSecond() on (at most MaxBuckets). */
    qsizetype secondCount() const { return qsizetype(m_buckets.size()); }
    /** The bucket of one second since the origin; empty outside what is held. */
    SecondBucket bucket(qint64 second) const;

    /** Over the last `seconds` complete seconds before nowNs (fewer at the start of the series). */
    Rate currentRate(qint64 nowNs, int seconds = 5) const;
    /** Over the time from the origin to nowNs, or to the session's end (at least one second). */
    Rate averageRate(qint64 nowNs) const;

private:
    Attempt *runningAttempt();
    Attempt *attemptNumbered(int number);
    void endAttempt(Attempt &attempt, const StreamStateChange &change);
    void startSeries(qint64 monotonicNs);
    SecondBucket *bucketFor(qint64 monotonicNs);
    void recordInterArrival(qint64 ns);
    qint64 histogramValue(qsizetype index) const;

    std::deque<Attempt> m_attempts;
    std::deque<SecondBucket> m_buckets;
    std::vector<qint64> m_histogram;
    qint64 m_droppedAttempts = 0;
    qint64 m_events = 0;
    qint64 m_comments = 0;
    qint64 m_diagnostics = 0;
    std::array<qint64, SseDiagnostic::KindCount> m_diagnosticsByKind{};
    qint64 m_chunks = 0;
    qint64 m_bodyBytes = 0;
    qint64 m_eventDataBytes = 0;
    qint64 m_commentBytes = 0;
    qint64 m_firstConnectingNs = -1;
    qint64 m_firstByteNs = -1;
    qint64 m_firstEventNs = -1;
    qint64 m_sessionEndedNs = -1;
    qint64 m_lastEventNs = -1; // in the running attempt; -1 after a new attempt starts
    qint64 m_intervals = 0;
    qint64 m_minInterval = -1;
    qint64 m_maxInterval = -1;
    qint64 m_originNs = -1;
    qint64 m_firstSecond = 0;
};
