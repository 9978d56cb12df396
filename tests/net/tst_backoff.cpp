// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/backoff.h"
#include "util/manualclock.h"

#include <QTest>

class TestBackoff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstReconnectWaitsTheReconnectionTime();
    void jitterInTheUpperHalfOfTheBound();
    void neverShorterThanTheReconnectionTime_data();
    void neverShorterThanTheReconnectionTime();
    void capped();
    void zeroReconnectionTimeHasAFloor();
    void manualClockFiresInOrder();
};

void TestBackoff::firstReconnectWaitsTheReconnectionTime()
{
    Backoff backoff(1);
    QCOMPARE(backoff.delay(3000, 30000, 1), 3000);
    QCOMPARE(backoff.delay(600000, 30000, 1), 600000); // the server's retry: is not capped
}

void TestBackoff::jitterInTheUpperHalfOfTheBound()
{
    Backoff backoff(7);
    for (int inARow = 2; inARow <= 5; ++inARow) {
        const qint64 bound = 1000LL << (inARow - 1);
        qint64 low = bound;
        qint64 high = 0;
        for (int i = 0; i < 2000; ++i) {
            const qint64 delay = backoff.delay(1000, 1'000'000, inARow);
            QVERIFY2(delay >= bound / 2 && delay <= bound, qPrintable(QString::number(delay)));
            low = qMin(low, delay);
            high = qMax(high, delay);
        }
        // Spread over the whole half, not a fixed value.
        QVERIFY(low < bound / 2 + bound / 20);
        QVERIFY(high > bound * 19 / 20);
    }
}

void TestBackoff::neverShorterThanTheReconnectionTime_data()
{
    QTest::addColumn<qint64>("reconnectionTime");
    QTest::addColumn<qint64>("cap");
    QTest::addColumn<qint64>("low");
    QTest::addColumn<qint64>("high");
    // Second in a row: the bound is twice the reconnection time; its upper half starts at the reconnection time.
    QTest::newRow("second in a row") << qint64(3000) << qint64(30000) << qint64(3000) << qint64(6000);
    // The server's retry: above the cap: the cap does not shorten it, and there is nothing to draw.
    QTest::newRow("retry above the cap") << qint64(60000) << qint64(30000) << qint64(60000) << qint64(60000);
    QTest::newRow("cap just above") << qint64(20000) << qint64(30000) << qint64(20000) << qint64(30000);
}

// The standard waits the reconnection time, "optionally some more": a wait of 0.3 s after a 3 s reconnection
// time would hammer a server that asked for 3 s.
void TestBackoff::neverShorterThanTheReconnectionTime()
{
    QFETCH(qint64, reconnectionTime);
    QFETCH(qint64, cap);
    QFETCH(qint64, low);
    QFETCH(qint64, high);
    Backoff backoff(11);
    for (int i = 0; i < 1000; ++i) {
        const qint64 delay = backoff.delay(reconnectionTime, cap, 2);
        QVERIFY2(delay >= low && delay <= high, qPrintable(QString::number(delay)));
    }
}

void TestBackoff::capped()
{
    Backoff backoff(3);
    for (int i = 0; i < 1000; ++i) {
        const qint64 delay = backoff.delay(3000, 30000, 40);
        QVERIFY2(delay >= 15000 && delay <= 30000, qPrintable(QString::number(delay)));
    }
}

void TestBackoff::zeroReconnectionTimeHasAFloor()
{
    Backoff backoff(5);
    QCOMPARE(backoff.delay(0, 30000, 1), 0); // retry: 0 from the server, the first time
    for (int i = 0; i < 100; ++i)
        QVERIFY(backoff.delay(0, 30000, 3) >= 100);
}

void TestBackoff::manualClockFiresInOrder()
{
    ManualClock clock;
    QStringList fired;
    auto a = clock.createTimer();
    auto b = clock.createTimer();
    auto c = clock.createTimer();
    a->start(300, [&]() { fired << QStringLiteral("a@%1").arg(clock.monotonicNs() / 1000000); });
    b->start(100, [&]() { fired << QStringLiteral("b@%1").arg(clock.monotonicNs() / 1000000); });
    c->start(200, [&]() { fired << QStringLiteral("c"); });
    c->stop();
    QCOMPARE(clock.pendingDelays(), (QList<qint64>{100, 300}));
    clock.advance(250);
    QCOMPARE(fired, QStringList{QStringLiteral("b@100")});
    clock.advance(50);
    QCOMPARE(fired, (QStringList{QStringLiteral("b@100"), QStringLiteral("a@300")}));
    QVERIFY(!a->isActive());
    QCOMPARE(clock.wallMs(), 1'700'000'000'300);
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
