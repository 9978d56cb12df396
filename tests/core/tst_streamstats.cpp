// SPDX-License-Identifier: GPL-3.0-or-later
#include "log/streamstats.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 Ms = 1'000'000;
constexpr qint64 WallStart = 1'700'000'000'000;

StreamStateChange makeState(StreamState state, int attempt, qint64 ns, const QString &reason = {}, int status = 0,
                            qint64 delayMs = -1)
{
    StreamStateChange change;
    change.state = state;
    change.attempt = attempt;
    change.monotonicNs = ns;
    change.wallMs = WallStart + ns / Ms;
    change.reason = reason;
    change.httpStatus = status;
    change.delayMs = delayMs;
    return change;
}

StreamResponse makeResponse(int attempt, int status, const QByteArray &phrase, qint64 ns,
                            const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    StreamResponse response;
    response.attempt = attempt;
    response.status = status;
    response.reasonPhrase = phrase;
    response.url = QUrl(u"http://127.0.0.1:8080/events"_s);
    response.headers = headers;
    response.monotonicNs = ns;
    return response;
}

StreamChunk makeChunk(int attempt, qint64 ns, qsizetype size)
{
    StreamChunk chunk;
    chunk.attempt = attempt;
    chunk.monotonicNs = ns;
    chunk.wallMs = WallStart + ns / Ms;
    chunk.bytes = QByteArray(size, 'x');
    return chunk;
}

// Intervals between events, given as a list, fed as events of one connection starting at 1 s.
void feedIntervals(StreamStats &stats, const QList<qint64> &intervals)
{
    stats.addState(makeState(StreamState::Connecting, 1, 0));
    qint64 now = 1000 * Ms;
    stats.addEvent(now, 1);
    for (qint64 interval : intervals) {
        now += interval;
        stats.addEvent(now, 1);
    }
}

} // namespace

class TestStreamStats final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void totals();
    void attemptsOfASession();
    void connectingTwiceIsOneAttempt();
    void closedWhileWaitingKeepsTheDelay();
    void attemptsAreBounded();
    void timesToFirstByteAndEvent_data();
    void timesToFirstByteAndEvent();
    void percentiles_data();
    void percentiles();
    void percentilesStayWithinPrecision();
    void intervalsDoNotSpanConnections();
    void timeSeries();
    void timeSeriesIsBounded();
    void currentRate_data();
    void currentRate();
    void averageRate_data();
    void averageRate();
    void reset();
};

void TestStreamStats::totals()
{
    StreamStats stats;
    stats.addState(makeState(StreamState::Connecting, 1, 0));
    stats.addChunk(makeChunk(1, 10 * Ms, 100));
    stats.addChunk(makeChunk(1, 20 * Ms, 28));
    stats.addEvent(10 * Ms, 40);
    stats.addEvent(20 * Ms, 2);
    stats.addEvent(21 * Ms, 0);
    stats.addComment(22 * Ms, 5);
    stats.addDiagnostic(SseDiagnostic::Kind::UnknownField);
    stats.addDiagnostic(SseDiagnostic::Kind::LineTooLong);
    stats.addDiagnostic(SseDiagnostic::Kind::UnknownField);
    QCOMPARE(stats.events(), 3);
    QCOMPARE(stats.diagnostics(), 3);
    QCOMPARE(stats.diagnostics(SseDiagnostic::Kind::UnknownField), 2);
    QCOMPARE(stats.diagnostics(SseDiagnostic::Kind::LineTooLong), 1);
    QCOMPARE(stats.diagnostics(SseDiagnostic::Kind::InvalidUtf8), 0);
    QCOMPARE(stats.comments(), 1);
    QCOMPARE(stats.chunks(), 2);
    QCOMPARE(stats.bodyBytes(), 128);
    QCOMPARE(stats.eventDataBytes(), 42);
    QCOMPARE(stats.commentBytes(), 5);
    QCOMPARE(stats.attemptCount(), 1);
}

void TestStreamStats::attemptsOfASession()
{
    StreamStats stats;
    const QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "text/event-stream"},
                                                       {"Cache-Control", "no-cache"}};
    stats.addState(makeState(StreamState::Connecting, 1, 100 * Ms, u"GET http://127.0.0.1:8080/events"_s));
    stats.addResponse(makeResponse(1, 200, "OK", 130 * Ms, headers));
    stats.addState(makeState(StreamState::Open, 1, 131 * Ms, u"status 200, text/event-stream"_s, 200));
    stats.addChunk(makeChunk(1, 150 * Ms, 64));
    stats.addEvent(150 * Ms, 10);
    stats.addEvent(160 * Ms, 10);
    stats.addChunk(makeChunk(1, 400 * Ms, 36));
    stats.addEvent(400 * Ms, 10);
    stats.addState(makeState(StreamState::WaitingToReconnect, 1, 5100 * Ms,
                             u"the server ended the stream; attempt 2 in 2.5 s"_s, 200, 2500));
    stats.addState(makeState(StreamState::Connecting, 2, 7600 * Ms, u"attempt 2: GET http://127.0.0.1:8080/events"_s));
    stats.addResponse(makeResponse(2, 502, "Bad Gateway", 7650 * Ms, {{"Server", "nginx"}}));
    stats.addState(makeState(StreamState::Failed, 2, 7700 * Ms, u"status 502 Bad Gateway"_s, 502));

    QCOMPARE(stats.attemptCount(), 2);
    QCOMPARE(stats.droppedAttempts(), 0);
    const StreamStats::Attempt &first = stats.attempts()[0];
    QCOMPARE(first.number, 1);
    QCOMPARE(first.startedNs, 100 * Ms);
    QCOMPARE(first.startedWallMs, WallStart + 100);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.reasonPhrase, QByteArray("OK"));
    QCOMPARE(first.url, QUrl(u"http://127.0.0.1:8080/events"_s));
    QCOMPARE(first.headers, headers);
    QCOMPARE(first.responseNs, 130 * Ms);
    QCOMPARE(first.openedNs, 131 * Ms);
    QCOMPARE(first.firstByteNs, 150 * Ms);
    QCOMPARE(first.endedNs, 5100 * Ms);
    QCOMPARE(first.durationNs(9999 * Ms), 5000 * Ms);
    QCOMPARE(first.events, 3);
    QCOMPARE(first.bodyBytes, 100);
    QCOMPARE(first.endState, StreamState::WaitingToReconnect);
    QCOMPARE(first.endReason, u"the server ended the stream; attempt 2 in 2.5 s"_s);
    QCOMPARE(first.reconnectDelayMs, 2500);
    QVERIFY(!first.isRunning());

    const StreamStats::Attempt &second = stats.attempts()[1];
    QCOMPARE(second.number, 2);
    QCOMPARE(second.startedNs, 7600 * Ms);
    QCOMPARE(second.status, 502);
    QCOMPARE(second.reasonPhrase, QByteArray("Bad Gateway"));
    QCOMPARE(second.headers.size(), 1);
    QCOMPARE(second.openedNs, -1);
    QCOMPARE(second.firstByteNs, -1);
    QCOMPARE(second.durationNs(9999 * Ms), 100 * Ms);
    QCOMPARE(second.events, 0);
    QCOMPARE(second.endState, StreamState::Failed);
    QCOMPARE(second.endReason, u"status 502 Bad Gateway"_s);
    QCOMPARE(second.reconnectDelayMs, -1);
    QCOMPARE(stats.sessionEndedNs(), 7700 * Ms);
}

void TestStreamStats::connectingTwiceIsOneAttempt()
{
    StreamStats stats;
    stats.addState(makeState(StreamState::Connecting, 1, 0));
    stats.addState(makeState(StreamState::Connecting, 1, 5 * Ms, u"TLS ERRORS IGNORED as asked: self-signed"_s));
    stats.addState(makeState(StreamState::Open, 1, 9 * Ms, {}, 200));
    QCOMPARE(stats.attemptCount(), 1);
    QCOMPARE(stats.attempts()[0].startedNs, 0);
    QCOMPARE(stats.attempts()[0].status, 200); // from the state, as no response head was fed
    QVERIFY(stats.attempts()[0].isRunning());
    QCOMPARE(stats.attempts()[0].durationNs(20 * Ms), 20 * Ms);
    QCOMPARE(stats.sessionEndedNs(), -1);

    // A Connecting of another attempt while one runs (a state went missing) ends the running one.
    stats.addState(makeState(StreamState::Connecting, 2, 30 * Ms));
    QCOMPARE(stats.attemptCount(), 2);
    QCOMPARE(stats.attempts()[0].endedNs, 30 * Ms);
    QCOMPARE(stats.attempts()[0].endReason, u"replaced by a new attempt"_s);
    QVERIFY(stats.attempts()[1].isRunning());

    // A new session after the user closed the last one counts from 1 again: that is a new attempt too.
    stats.addState(makeState(StreamState::ClosedByUser, 2, 40 * Ms, u"closed by the user"_s));
    QCOMPARE(stats.sessionEndedNs(), 40 * Ms);
    stats.addState(makeState(StreamState::Connecting, 1, 50 * Ms));
    QCOMPARE(stats.attemptCount(), 3);
    QCOMPARE(stats.attempts()[1].endReason, u"closed by the user"_s);
    QCOMPARE(stats.attempts()[2].number, 1);
    QCOMPARE(stats.attempts()[2].startedNs, 50 * Ms);
    QCOMPARE(stats.sessionEndedNs(), -1);
}

void TestStreamStats::closedWhileWaitingKeepsTheDelay()
{
    StreamStats stats;
    stats.addState(makeState(StreamState::Connecting, 1, 0));
    stats.addState(makeState(StreamState::WaitingToReconnect, 1, 10 * Ms, u"cannot connect: refused"_s, 0, 1000));
    stats.addState(makeState(StreamState::ClosedByUser, 1, 500 * Ms, u"closed by the user"_s));
    QCOMPARE(stats.attemptCount(), 1);
    QCOMPARE(stats.attempts()[0].endedNs, 10 * Ms);
    QCOMPARE(stats.attempts()[0].status, 0);
    QCOMPARE(stats.attempts()[0].endReason, u"cannot connect: refused"_s);
    QCOMPARE(stats.attempts()[0].reconnectDelayMs, 1000);
    QCOMPARE(stats.sessionEndedNs(), 500 * Ms);
    // A state without an attempt (a URL that was never tried) ends the session and adds no attempt.
    StreamStats bad;
    bad.addState(makeState(StreamState::Failed, 0, 1 * Ms, u"'x' is not an http or https URL"_s));
    QCOMPARE(bad.attemptCount(), 0);
    QCOMPARE(bad.sessionEndedNs(), 1 * Ms);
}

void TestStreamStats::attemptsAreBounded()
{
    StreamStats stats;
    const int total = int(StreamStats::MaxAttempts) + 25;
    for (int i = 1; i <= total; ++i) {
        stats.addState(makeState(StreamState::Connecting, i, i * 10 * Ms));
        stats.addState(makeState(StreamState::WaitingToReconnect, i, i * 10 * Ms + Ms, u"refused"_s, 0, 5));
    }
    QCOMPARE(qsizetype(stats.attempts().size()), StreamStats::MaxAttempts);
    QCOMPARE(stats.droppedAttempts(), 25);
    QCOMPARE(stats.attemptCount(), total);
    QCOMPARE(stats.attempts().front().number, 26);
    QCOMPARE(stats.attempts().back().number, total);
}

void TestStreamStats::timesToFirstByteAndEvent_data()
{
    QTest::addColumn<qint64>("connectingNs");
    QTest::addColumn<qint64>("chunkNs"); // -1: none
    QTest::addColumn<qint64>("eventNs"); // -1: none
    QTest::addColumn<qint64>("firstByte");
    QTest::addColumn<qint64>("firstEvent");

    QTest::newRow("nothing yet") << 5 * Ms << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("bytes, no event") << 5 * Ms << 35 * Ms << qint64(-1) << 30 * Ms << qint64(-1);
    QTest::newRow("both") << 5 * Ms << 35 * Ms << 36 * Ms << 30 * Ms << 31 * Ms;
    QTest::newRow("after a reconnect") << 1000 * Ms << 9000 * Ms << 9500 * Ms << 8000 * Ms << 8500 * Ms;
}

void TestStreamStats::timesToFirstByteAndEvent()
{
    QFETCH(qint64, connectingNs);
    QFETCH(qint64, chunkNs);
    QFETCH(qint64, eventNs);
    QFETCH(qint64, firstByte);
    QFETCH(qint64, firstEvent);

    StreamStats stats;
    QCOMPARE(stats.timeToFirstByteNs(), -1);
    stats.addState(makeState(StreamState::Connecting, 1, connectingNs));
    // A second attempt does not move the start: the times are for the session.
    stats.addState(makeState(StreamState::WaitingToReconnect, 1, connectingNs + Ms, {}, 0, 1));
    stats.addState(makeState(StreamState::Connecting, 2, connectingNs + 2 * Ms));
    if (chunkNs >= 0)
        stats.addChunk(makeChunk(2, chunkNs, 10));
    if (eventNs >= 0)
        stats.addEvent(eventNs, 3);
    QCOMPARE(stats.firstConnectingNs(), connectingNs);
    QCOMPARE(stats.timeToFirstByteNs(), firstByte);
    QCOMPARE(stats.timeToFirstEventNs(), firstEvent);
}

void TestStreamStats::percentiles_data()
{
    QTest::addColumn<QList<qint64>>("intervals");
    QTest::addColumn<qint64>("p50");
    QTest::addColumn<qint64>("p95");
    QTest::addColumn<qint64>("p99");
    QTest::addColumn<qint64>("max");

    QTest::newRow("none") << QList<qint64>{} << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1);
    QTest::newRow("one") << QList<qint64>{250 * Ms} << 250 * Ms << 250 * Ms << 250 * Ms << 250 * Ms;
    // Every sample in one bucket: the bucket's middle is clamped to what was seen, so the value is exact.
    QTest::newRow("steady 10 ms") << QList<qint64>(500, 10 * Ms) << 10 * Ms << 10 * Ms << 10 * Ms << 10 * Ms;
    // Below 128 ns every value has its own bucket.
    QList<qint64> small;
    for (qint64 v = 1; v <= 100; ++v)
        small << v;
    QTest::newRow("1..100 ns exact") << small << qint64(50) << qint64(95) << qint64(99) << qint64(100);
    // 1 ms lies in [999,424, 1,007,616): the middle is 1,003,520 (0.35 % off). 1 s is the maximum, exactly.
    QList<qint64> outlier(99, 1 * Ms);
    outlier << 1000 * Ms;
    QTest::newRow("99 x 1 ms, 1 x 1 s") << outlier << qint64(1'003'520) << qint64(1'003'520) << qint64(1'003'520)
                                        << 1000 * Ms;
    // 1..100 ms: 50 ms lies in [49,807,360, 50,331,648), 95 ms in [94,371,840, 95,420,416), 99 ms in
    // [98,566,144, 99,614,720); their middles are the answers.
    QList<qint64> ramp;
    for (qint64 v = 1; v <= 100; ++v)
        ramp << v * Ms;
    QTest::newRow("1..100 ms") << ramp << qint64(50'069'504) << qint64(94'896'128) << qint64(99'090'432) << 100 * Ms;
    // Shuffled order changes nothing.
    QList<qint64> shuffled;
    for (qint64 v = 100; v >= 1; --v)
        shuffled << v * Ms;
    QTest::newRow("100..1 ms") << shuffled << qint64(50'069'504) << qint64(94'896'128) << qint64(99'090'432)
                               << 100 * Ms;
    // Clocks that step back give zero, not a negative time.
    QTest::newRow("backwards") << QList<qint64>{-5 * Ms, -5 * Ms} << qint64(0) << qint64(0) << qint64(0) << qint64(0);
}

void TestStreamStats::percentiles()
{
    QFETCH(QList<qint64>, intervals);
    QFETCH(qint64, p50);
    QFETCH(qint64, p95);
    QFETCH(qint64, p99);
    QFETCH(qint64, max);

    StreamStats stats;
    feedIntervals(stats, intervals);
    const StreamStats::InterArrival ia = stats.interArrival();
    QCOMPARE(ia.count, intervals.size());
    QCOMPARE(ia.p50Ns, p50);
    QCOMPARE(ia.p95Ns, p95);
    QCOMPARE(ia.p99Ns, p99);
    QCOMPARE(ia.maxNs, max);
    QCOMPARE(stats.interArrivalPercentileNs(100), max);
}

void TestStreamStats::percentilesStayWithinPrecision()
{
    // A million intervals spread over six decades (1 us .. 1 s), in a fixed histogram.
    StreamStats stats;
    stats.addState(makeState(StreamState::Connecting, 1, 0));
    qint64 now = 0;
    quint64 x = 88172645463325252ull; // xorshift: reproducible without a seed
    QList<qint64> sample;
    sample.reserve(1'000'000);
    for (int i = 0; i < 1'000'000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const qint64 interval = qint64(1000.0 * std::pow(10.0, double(x % 1'000'000) / 1e6 * 6.0));
        sample << interval;
        stats.addEvent(now, 0);
        now += interval;
    }
    stats.addEvent(now, 0);
    std::sort(sample.begin(), sample.end());
    QCOMPARE(stats.interArrival().count, 1'000'000);
    for (double percent : {50.0, 95.0, 99.0, 99.9}) {
        const qint64 rank = qint64(std::ceil(percent * double(sample.size()) / 100.0 - 1e-9));
        const double exact = double(sample.at(rank - 1));
        const double measured = double(stats.interArrivalPercentileNs(percent));
        QVERIFY2(std::abs(measured - exact) <= exact * StreamStats::PercentilePrecision,
                 qPrintable(u"p%1: %2 vs %3"_s.arg(percent).arg(measured).arg(exact)));
    }
    QCOMPARE(stats.interArrival().maxNs, sample.last());
    QCOMPARE(stats.interArrival().minNs, sample.first());
}

void TestStreamStats::intervalsDoNotSpanConnections()
{
    StreamStats stats;
    stats.addState(makeState(StreamState::Connecting, 1, 0));
    stats.addEvent(100 * Ms, 1);
    stats.addEvent(110 * Ms, 1);
    stats.addState(makeState(StreamState::WaitingToReconnect, 1, 200 * Ms, {}, 0, 3000));
    stats.addState(makeState(StreamState::Connecting, 2, 3200 * Ms));
    stats.addEvent(3300 * Ms, 1);
    stats.addEvent(3310 * Ms, 1);
    QCOMPARE(stats.interArrival().count, 2);
    QCOMPARE(stats.interArrival().maxNs, 10 * Ms);
    QCOMPARE(stats.attempts()[0].events, 2);
    QCOMPARE(stats.attempts()[1].events, 2);
}

void TestStreamStats::timeSeries()
{
    StreamStats stats;
    QCOMPARE(stats.seriesOriginNs(), -1);
    QCOMPARE(stats.secondCount(), 0);
    stats.addState(makeState(StreamState::Connecting, 1, 0));
    const qint64 origin = 2000 * Ms + 250 * Ms;
    stats.addChunk(makeChunk(1, origin, 100));
    stats.addEvent(origin, 1);
    stats.addEvent(origin + 999 * Ms, 1);
    stats.addChunk(makeChunk(1, origin + 1000 * Ms, 50));
    stats.addEvent(origin + 1000 * Ms, 1);
    stats.addChunk(makeChunk(1, origin + 3500 * Ms, 7));
    stats.addEvent(origin + 3500 * Ms, 1);
    stats.addEvent(origin + 3600 * Ms, 1);
    stats.addComment(origin + 3700 * Ms, 9); // comments are in the byte count through their chunk only

    QCOMPARE(stats.seriesOriginNs(), origin);
    QCOMPARE(stats.firstSecond(), 0);
    QCOMPARE(stats.secondCount(), 4);
    const QList<qint64> events{2, 1, 0, 2};
    const QList<qint64> bytes{100, 50, 0, 7};
    for (int s = 0; s < 4; ++s) {
        QCOMPARE(stats.bucket(s).events, events[s]);
        QCOMPARE(stats.bucket(s).bytes, bytes[s]);
    }
    QCOMPARE(stats.bucket(4).events, 0);
    QCOMPARE(stats.bucket(-1).events, 0);
    QCOMPARE(stats.secondAt(origin - Ms), 0);
    QCOMPARE(stats.secondAt(origin + 3999 * Ms), 3);
}

void TestStreamStats::timeSeriesIsBounded()
{
    StreamStats stats;
    stats.addEvent(0, 1);
    stats.addEvent(10 * 1000 * Ms, 1);
    QCOMPARE(stats.secondCount(), 11);
    // Two hours later: only the last hour is kept, the gap as empty seconds.
    stats.addEvent(7200 * 1000 * Ms, 1);
    QCOMPARE(stats.secondCount(), StreamStats::MaxBuckets);
    QCOMPARE(stats.firstSecond(), 7200 - StreamStats::MaxBuckets + 1);
    QCOMPARE(stats.bucket(7200).events, 1);
    QCOMPARE(stats.bucket(10).events, 0);
    // A late sample older than the window counts in the totals only.
    stats.addEvent(5 * 1000 * Ms, 1);
    QCOMPARE(stats.events(), 4);
    QCOMPARE(stats.secondCount(), StreamStats::MaxBuckets);
    for (int i = 0; i < 10; ++i)
        stats.addEvent((7201 + i) * 1000 * Ms, 1);
    QCOMPARE(stats.secondCount(), StreamStats::MaxBuckets);
    QCOMPARE(stats.firstSecond(), 7210 - StreamStats::MaxBuckets + 1);
}

void TestStreamStats::currentRate_data()
{
    QTest::addColumn<qint64>("nowNs");
    QTest::addColumn<double>("events");
    QTest::addColumn<double>("bytes");

    // Second s (from 1 s on) has 10 * (s + 1) events and 100 bytes per event, for s = 0..9.
    QTest::newRow("before the origin") << 500 * Ms << 0.0 << 0.0;
    QTest::newRow("within the first second") << 1500 * Ms << 10.0 << 1000.0;
    QTest::newRow("two complete seconds") << 3100 * Ms << 15.0 << 1500.0; // (10 + 20) / 2
    QTest::newRow("last five") << 11000 * Ms << 80.0 << 8000.0; // (60 + 70 + 80 + 90 + 100) / 5
    QTest::newRow("quiet for two seconds") << 13000 * Ms << 54.0 << 5400.0; // (80 + 90 + 100 + 0 + 0) / 5
    QTest::newRow("long quiet") << 100000 * Ms << 0.0 << 0.0;
}

void TestStreamStats::currentRate()
{
    QFETCH(qint64, nowNs);
    QFETCH(double, events);
    QFETCH(double, bytes);

    StreamStats stats;
    for (int s = 0; s < 10; ++s) {
        for (int i = 0; i < 10 * (s + 1); ++i) {
            const qint64 ns = (1000 + s * 1000) * Ms + i * Ms;
            stats.addChunk(makeChunk(1, ns, 100));
            stats.addEvent(ns, 90);
        }
    }
    const StreamStats::Rate rate = stats.currentRate(nowNs, 5);
    QCOMPARE(rate.eventsPerSecond, events);
    QCOMPARE(rate.bytesPerSecond, bytes);
}

void TestStreamStats::averageRate_data()
{
    QTest::addColumn<qint64>("nowNs");
    QTest::addColumn<qint64>("endedNs"); // -1: still running
    QTest::addColumn<double>("events");
    QTest::addColumn<double>("bytes");

    // 40 events and 4,000 bytes from 1 s (the origin) to 3 s.
    QTest::newRow("running, 4 s in") << 5000 * Ms << qint64(-1) << 10.0 << 1000.0;
    QTest::newRow("running, at least a second") << 1200 * Ms << qint64(-1) << 40.0 << 4000.0;
    QTest::newRow("ended at 9 s") << 60000 * Ms << 9000 * Ms << 5.0 << 500.0;
}

void TestStreamStats::averageRate()
{
    QFETCH(qint64, nowNs);
    QFETCH(qint64, endedNs);
    QFETCH(double, events);
    QFETCH(double, bytes);

    StreamStats stats;
    QCOMPARE(stats.averageRate(nowNs).eventsPerSecond, 0.0);
    stats.addState(makeState(StreamState::Connecting, 1, 0));
    for (int i = 0; i < 40; ++i) {
        const qint64 ns = 1000 * Ms + i * 50 * Ms;
        stats.addChunk(makeChunk(1, ns, 100));
        stats.addEvent(ns, 1);
    }
    if (endedNs >= 0)
        stats.addState(makeState(StreamState::Finished, 1, endedNs, u"stop rule"_s));
    const StreamStats::Rate rate = stats.averageRate(nowNs);
    QCOMPARE(rate.eventsPerSecond, events);
    QCOMPARE(rate.bytesPerSecond, bytes);
}

void TestStreamStats::reset()
{
    StreamStats stats;
    feedIntervals(stats, {Ms, 2 * Ms});
    stats.addChunk(makeChunk(1, 5 * Ms, 10));
    stats.addComment(6 * Ms, 1);
    stats.addDiagnostic(SseDiagnostic::Kind::InvalidUtf8);
    stats.addState(makeState(StreamState::Failed, 1, 7 * Ms));
    stats.reset();
    QCOMPARE(stats.events(), 0);
    QCOMPARE(stats.diagnostics(), 0);
    QCOMPARE(stats.diagnostics(SseDiagnostic::Kind::InvalidUtf8), 0);
    QCOMPARE(stats.comments(), 0);
    QCOMPARE(stats.chunks(), 0);
    QCOMPARE(stats.bodyBytes(), 0);
    QCOMPARE(stats.attemptCount(), 0);
    QCOMPARE(stats.interArrival().count, 0);
    QCOMPARE(stats.interArrival().p50Ns, -1);
    QCOMPARE(stats.timeToFirstEventNs(), -1);
    QCOMPARE(stats.sessionEndedNs(), -1);
    QCOMPARE(stats.seriesOriginNs(), -1);
    QCOMPARE(stats.secondCount(), 0);
    // And it works again afterwards.
    feedIntervals(stats, {3 * Ms});
    QCOMPARE(stats.interArrival().p50Ns, 3 * Ms);
}

QTEST_GUILESS_MAIN(TestStreamStats)
#include "tst_streamstats.moc"
