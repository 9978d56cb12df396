// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost, nothing twice: the producer cuts the connection at random points, inside events, about a
// hundred times during 10,000 events; the client reconnects with Last-Event-ID every time.
#include "mockproducer.h"
#include "net/sseclient.h"
#include "util/manualclock.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestSseClientResume final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resumesAfterRandomDrops_data();
    void resumesAfterRandomDrops();
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
    QCOMPARE(client.timeline().last().reason, u"stop rule: 10000 event(s) received"_s);

    QCOMPARE(ids.size(), Events);
    for (qint64 i = 0; i < Events; ++i) {
        if (ids[i] != i + 1)
            QFAIL(qPrintable(u"event %1 has id %2"_s.arg(i + 1).arg(ids[i])));
    }
    qInfo("%d reconnects, %d cut events discarded", reconnects, unterminated);
    QVERIFY2(reconnects >= 50 && reconnects <= 200, qPrintable(QString::number(reconnects)));
    QVERIFY2(unterminated > 0, "some cuts fell inside an event, which the client must have discarded");
}

QTEST_GUILESS_MAIN(TestSseClientResume)
#include "tst_sseclientresume.moc"
