// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost, nothing twice: the producer cuts the connection at random points, inside events, about a
// hundred times during 10,000 events, or thousands of times during a few thousand; the client reconnects with
// Last-Event-ID every time, and reaches the end.
#include "mockproducer.h"
#include "net/sseclient.h"
#include "util/manualclock.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

// A guard only: the next state change of a session comes long before this.
constexpr int StateChangeTimeoutMs = 30000;

} // namespace

class TestSseClientResume final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resumesAfterRandomDrops_data();
    void resumesAfterRandomDrops();
    void reachesTheEndThroughThousandsOfDrops_data();
    void reachesTheEndThroughThousandsOfDrops();
};

void TestSseClientResume::resumesAfterRandomDrops_data()
{
    QTest::addColumn<QString>("framing");
    QTest::newRow("chunked") << u"chunked"_s;
    QTest::newRow("close-delimited") << u"close"_s;
}

void TestSseClientResume::resumesAfterRandomDrops()
{
    QFETCH(QString, framing);
    constexpr qint64 Events = 10000;
    MockProducer producer;
    QVERIFY(producer.start());
    StreamRequest request;
    request.url
        = producer.url(u"/ticker?interval=0&drop_chance=1&seed=42&count=%1&framing=%2"_s.arg(Events).arg(framing));
    request.proxyMode = StreamRequest::ProxyMode::None;
    request.stop.maxEvents = Events;

    ManualClock clock;
    SseClient client(request, &clock);
    client.setRandomSeed(1);
    QList<qint64> ids;
    int reconnects = 0;
    int unterminated = 0;
    connect(&client, &SseClient::eventReceived, this,
            [&](const SseEvent &event) { ids << event.lastEventId.toLongLong(); });
    connect(&client, &SseClient::diagnosticReported, this, [&](const SseDiagnostic &diagnostic) {
        unterminated += diagnostic.kind == SseDiagnostic::Kind::UnterminatedEventDiscarded;
    });
    connect(&client, &SseClient::stateChanged, this, [&](const StreamStateChange &change) {
        if (change.state != StreamState::WaitingToReconnect)
            return;
        ++reconnects;
        QMetaObject::invokeMethod(
            this, [&clock, delay = change.delayMs]() { clock.advance(delay); }, Qt::QueuedConnection);
    });
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), StreamState::Finished, 60000);
    QCOMPARE(client.timeline().last().reason, u"stop rule: 10000 events received"_s);

    QCOMPARE(ids.size(), Events);
    for (qint64 i = 0; i < Events; ++i) {
        if (ids[i] != i + 1)
            QFAIL(qPrintable(u"event %1 has id %2"_s.arg(i + 1).arg(ids[i])));
    }
    qInfo("%d reconnects, %d cut events discarded", reconnects, unterminated);
    QVERIFY2(reconnects >= 50 && reconnects <= 200, qPrintable(QString::number(reconnects)));
    QVERIFY2(unterminated > 0, "some cuts fell inside an event, which the client must have discarded");
}

void TestSseClientResume::reachesTheEndThroughThousandsOfDrops_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("dropChance");
    QTest::addColumn<qint64>("events");
    QTest::newRow("seed 1, 50%") << 1u << 50 << qint64(2500);
    QTest::newRow("seed 7, 50%") << 7u << 50 << qint64(1500);
    QTest::newRow("seed 12345, 20%") << 12345u << 20 << qint64(3000);
    QTest::newRow("seed 4294967295, 80%") << 4294967295u << 80 << qint64(500);
}

void TestSseClientResume::reachesTheEndThroughThousandsOfDrops()
{
    QFETCH(quint32, seed);
    QFETCH(int, dropChance);
    QFETCH(qint64, events);
    // Each event is cut with probability p, so the cuts before `events` whole events average events * p / (1 - p).
    const double p = dropChance / 100.0;
    const double expectedCuts = double(events) * p / (1 - p);

    MockProducer producer;
    QVERIFY(producer.start());
    StreamRequest request;
    request.url
        = producer.url(u"/ticker?interval=0&drop_chance=%1&seed=%2&count=%3"_s.arg(dropChance).arg(seed).arg(events));
    request.proxyMode = StreamRequest::ProxyMode::None;
    request.stop.maxEvents = events;
    // What ends a stalled session: never a time limit.
    request.reconnect.maxAttempts = int(expectedCuts * 2) + 100;

    ManualClock clock;
    SseClient client(request, &clock);
    client.setRandomSeed(1);
    QList<qint64> ids;
    connect(&client, &SseClient::eventReceived, this,
            [&ids](const SseEvent &event) { ids << event.lastEventId.toLongLong(); });
    connect(&client, &SseClient::stateChanged, this, [this, &clock](const StreamStateChange &change) {
        if (change.state != StreamState::WaitingToReconnect)
            return;
        QMetaObject::invokeMethod(
            this, [&clock, delay = change.delayMs]() { clock.advance(delay); }, Qt::QueuedConnection);
    });
    // Waiting on each state change, not polling: thousands of connections must not each wait for a poll.
    QSignalSpy changes(&client, &SseClient::stateChanged);
    client.start();
    while (!isFinalState(client.state()))
        QVERIFY2(changes.wait(StateChangeTimeoutMs), qPrintable(streamStateName(client.state())));

    qInfo("%d connections, %lld events received", client.attempt(), qint64(ids.size()));
    QCOMPARE(client.state(), StreamState::Finished);
    QCOMPARE(client.timeline().last().reason, u"stop rule: %1 events received"_s.arg(events));
    QCOMPARE(ids.size(), events);
    for (qint64 i = 0; i < events; ++i) {
        if (ids[i] != i + 1)
            QFAIL(qPrintable(u"event %1 has id %2"_s.arg(i + 1).arg(ids[i])));
    }
    // Far more than six standard deviations either way: a sane fault model, not a lucky one. (Qt itself may
    // also send a request again that was cut before it saw the reply; the client does not count those.)
    QVERIFY2(client.attempt() >= expectedCuts * 0.7 && client.attempt() <= expectedCuts * 1.3 + 1,
             qPrintable(u"%1 connections for about %2 cuts"_s.arg(client.attempt()).arg(expectedCuts)));
}

QTEST_GUILESS_MAIN(TestSseClientResume)
#include "tst_sseclientresume.moc"
