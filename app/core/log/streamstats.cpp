// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamstats.h"

#include <bit>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 NsPerSecond = 1'000'000'000;
// The histogram is exact below 2^SubBits ns; above, each octave [2^e, 2^(e+1)) has 2^SubBits buckets of equal
// width, so a bucket is at most 1/2^SubBits of its lower bound wide and its middle within half that of any value
// in it. 3,712 counters cover every positive qint64.
constexpr int SubBits = 6;
constexpr qint64 SubCount = qint64(1) << SubBits;
constexpr qsizetype HistogramSize = (64 - SubBits) * SubCount;

qsizetype histogramIndex(qint64 value)
{
    if (value < SubCount)
        return qsizetype(qMax<qint64>(value, 0));
    const int top = 63 - std::countl_zero(quint64(value)); // the highest set bit, >= SubBits
    const int shift = top - SubBits;
    return qsizetype(shift * SubCount + (value >> shift));
}

qint64 bucketLower(qsizetype index)
{
    if (index < 2 * SubCount)
        return index;
    const int shift = int(index / SubCount) - 1;
    return (index % SubCount + SubCount) << shift;
}

qint64 bucketWidth(qsizetype index)
{
    return index < 2 * SubCount ? 1 : qint64(1) << (int(index / SubCount) - 1);
}

} // namespace

StreamStats::StreamStats()
    : m_histogram(size_t(HistogramSize), 0)
{
}

void StreamStats::reset()
{
    *this = StreamStats();
}

StreamStats::Attempt *StreamStats::runningAttempt()
{
    return !m_attempts.empty() && m_attempts.back().isRunning() ? &m_attempts.back() : nullptr;
}

StreamStats::Attempt *StreamStats::attemptNumbered(int number)
{
    // What arrives belongs to the newest attempt nearly always: search from the back.
    for (auto it = m_attempts.rbegin(); it != m_attempts.rend(); ++it) {
        if (it->number == number)
            return &*it;
    }
    return nullptr;
}

void StreamStats::endAttempt(Attempt &attempt, const StreamStateChange &change)
{
    attempt.endedNs = change.monotonicNs;
    attempt.endState = change.state;
    attempt.endReason = change.reason;
    if (change.state == StreamState::WaitingToReconnect)
        attempt.reconnectDelayMs = change.delayMs;
    if (attempt.status == 0)
        attempt.status = change.httpStatus;
}

void StreamStats::addState(const StreamStateChange &change)
{
    Attempt *running = runningAttempt();
    switch (change.state) {
    case StreamState::Idle:
        return;
    case StreamState::Connecting: {
        // An attempt can report Connecting twice (ignored TLS errors): that is still one attempt.
        if (running && running->number == change.attempt)
            return;
        if (running) {
            StreamStateChange ended = change;
            ended.reason = u"replaced by a new attempt"_s;
            endAttempt(*running, ended);
        }
        m_sessionEndedNs = -1;
        if (m_firstConnectingNs < 0)
            m_firstConnectingNs = change.monotonicNs;
        Attempt attempt;
        attempt.number = change.attempt;
        attempt.startedNs = change.monotonicNs;
        attempt.startedWallMs = change.wallMs;
        m_attempts.push_back(std::move(attempt));
        if (qsizetype(m_attempts.size()) > MaxAttempts) {
            m_attempts.pop_front();
            ++m_droppedAttempts;
        }
        m_lastEventNs = -1; // the pause between connections is not a time between events
        return;
    }
    case StreamState::Open:
        if (running) {
            running->openedNs = change.monotonicNs;
            if (running->status == 0)
                running->status = change.httpStatus;
        }
        return;
    case StreamState::WaitingToReconnect:
        if (running)
            endAttempt(*running, change);
        return;
    case StreamState::ClosedByUser:
    case StreamState::StoppedByServer:
    case StreamState::Finished:
    case StreamState::Failed:
        if (running)
            endAttempt(*running, change);
        m_sessionEndedNs = change.monotonicNs;
        return;
    }
}

void StreamStats::addResponse(const StreamResponse &response)
{
    Attempt *attempt = attemptNumbered(response.attempt);
    if (!attempt)
        return;
    attempt->status = response.status;
    attempt->reasonPhrase = response.reasonPhrase;
    attempt->url = response.url;
    attempt->headers = response.headers;
    attempt->responseNs = response.monotonicNs;
}

void StreamStats::addChunk(const StreamChunk &chunk)
{
    ++m_chunks;
    m_bodyBytes += chunk.bytes.size();
    if (m_firstByteNs < 0)
        m_firstByteNs = chunk.monotonicNs;
    if (Attempt *attempt = attemptNumbered(chunk.attempt)) {
        attempt->bodyBytes += chunk.bytes.size();
        if (attempt->firstByteNs < 0)
            attempt->firstByteNs = chunk.monotonicNs;
    }
    if (SecondBucket *bucket = bucketFor(chunk.monotonicNs))
        bucket->bytes += chunk.bytes.size();
}

void StreamStats::addEvent(qint64 monotonicNs, qint64 dataBytes)
{
    ++m_events;
    m_eventDataBytes += dataBytes;
    if (m_firstEventNs < 0)
        m_firstEventNs = monotonicNs;
    if (!m_attempts.empty())
        ++m_attempts.back().events;
    if (m_lastEventNs >= 0)
        recordInterArrival(monotonicNs - m_lastEventNs);
    m_lastEventNs = monotonicNs;
    if (SecondBucket *bucket = bucketFor(monotonicNs))
        ++bucket->events;
}

void StreamStats::addComment(qint64 monotonicNs, qint64 bytes)
{
    Q_UNUSED(monotonicNs)
    ++m_comments;
    m_commentBytes += bytes;
}

void StreamStats::addDiagnostic(SseDiagnostic::Kind kind)
{
    ++m_diagnostics;
    ++m_diagnosticsByKind[size_t(kind)];
}

qint64 StreamStats::timeToFirstByteNs() const
{
    return m_firstConnectingNs >= 0 && m_firstByteNs >= m_firstConnectingNs ? m_firstByteNs - m_firstConnectingNs : -1;
}

qint64 StreamStats::timeToFirstEventNs() const
{
    return m_firstConnectingNs >= 0 && m_firstEventNs >= m_firstConnectingNs ? m_firstEventNs - m_firstConnectingNs
                                                                             : -1;
}

void StreamStats::recordInterArrival(qint64 ns)
{
    ns = qMax<qint64>(ns, 0); // timestamps that go backwards count as simultaneous
    ++m_histogram[size_t(histogramIndex(ns))];
    ++m_intervals;
    m_minInterval = m_minInterval < 0 ? ns : qMin(m_minInterval, ns);
    m_maxInterval = qMax(m_maxInterval, ns);
}

qint64 StreamStats::histogramValue(qsizetype index) const
{
    // The middle of the bucket, but never outside what was seen: a bucket holding only the extremes gives them.
    const qint64 middle = bucketLower(index) + bucketWidth(index) / 2;
    return qBound(m_minInterval, middle, m_maxInterval);
}

qint64 StreamStats::interArrivalPercentileNs(double percent) const
{
    if (m_intervals == 0)
        return -1;
    // Nearest rank: the smallest value with at least percent of the samples at or below it.
    // (The small subtraction keeps rounding noise such as 95.00000000000001 from moving up a rank.)
    const double exactRank = percent * double(m_intervals) / 100.0 - 1e-9;
    const qint64 rank = qBound<qint64>(1, qint64(std::ceil(exactRank)), m_intervals);
    qint64 seen = 0;
    for (qsizetype i = 0; i < HistogramSize; ++i) {
        seen += m_histogram[size_t(i)];
        if (seen >= rank)
            return histogramValue(i);
    }
    return m_maxInterval;
}

StreamStats::InterArrival StreamStats::interArrival() const
{
    InterArrival result;
    result.count = m_intervals;
    result.p50Ns = interArrivalPercentileNs(50);
    result.p95Ns = interArrivalPercentileNs(95);
    result.p99Ns = interArrivalPercentileNs(99);
    result.minNs = m_minInterval;
    result.maxNs = m_maxInterval;
    return result;
}

qint64 StreamStats::secondAt(qint64 monotonicNs) const
{
    return m_originNs < 0 || monotonicNs < m_originNs ? 0 : (monotonicNs - m_originNs) / NsPerSecond;
}

void StreamStats::startSeries(qint64 monotonicNs)
{
    m_originNs = monotonicNs;
    m_firstSecond = 0;
    m_buckets.clear();
}

StreamStats::SecondBucket *StreamStats::bucketFor(qint64 monotonicNs)
{
    if (m_originNs < 0)
        startSeries(monotonicNs);
    const qint64 second = secondAt(monotonicNs);
    if (second < m_firstSecond)
        return nullptr; // older than what is kept
    const qint64 first = qMax(m_firstSecond, second - MaxBuckets + 1);
    while (!m_buckets.empty() && m_firstSecond < first) {
        m_buckets.pop_front();
        ++m_firstSecond;
    }
    if (m_buckets.empty())
        m_firstSecond = first;
    while (m_firstSecond + qint64(m_buckets.size()) <= second)
        m_buckets.emplace_back();
    return &m_buckets[size_t(second - m_firstSecond)];
}

StreamStats::SecondBucket StreamStats::bucket(qint64 second) const
{
    if (second < m_firstSecond || second >= m_firstSecond + qint64(m_buckets.size()))
        return {};
    return m_buckets[size_t(second - m_firstSecond)];
}

StreamStats::Rate StreamStats::currentRate(qint64 nowNs, int seconds) const
{
    if (m_originNs < 0 || nowNs < m_originNs || seconds <= 0)
        return {};
    const qint64 now = secondAt(nowNs);
    // Only complete seconds count; in the very first second the partial one stands for a whole one.
    const qint64 first = qMax<qint64>(0, now - seconds);
    const qint64 last = now > 0 ? now - 1 : 0;
    qint64 events = 0;
    qint64 bytes = 0;
    for (qint64 s = first; s <= last; ++s) {
        const SecondBucket b = bucket(s);
        events += b.events;
        bytes += b.bytes;
    }
    const double span = double(last - first + 1);
    return {double(events) / span, double(bytes) / span};
}

StreamStats::Rate StreamStats::averageRate(qint64 nowNs) const
{
    if (m_originNs < 0)
        return {};
    const qint64 end = m_sessionEndedNs >= 0 ? m_sessionEndedNs : nowNs;
    const double span = double(qMax(end - m_originNs, NsPerSecond)) / double(NsPerSecond);
    return {double(m_events) / span, double(m_bodyBytes) / span};
}
