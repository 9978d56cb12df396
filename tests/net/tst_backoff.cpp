// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/backoff.h"
#include "util/manualclock.h"

#include <QTest>

class TestBackoff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstReconnectWaitsTheReconnectionTime();
    void fullJitterWithinTheExponentialBound();
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

void TestBackoff::fullJitterWithinTheExponentialBound()
{
    Backoff backoff(7);
    for (int inARow = 2; inARow <= 5; ++inARow) {
        const qint64 bound = 1000LL << (inARow - 1);
        qint64 low = bound;
        qint64 high = 0;
        for (int i = 0; i < 2000; ++i) {
            const qint64 delay = backoff.delay(1000, 1'000'000, inARow);
            QVERIFY2(delay >= 100 && delay <= bound, qPrintable(QString::number(delay)));
            low = qMin(low, delay);
            high = qMax(high, delay);
        }
        // Spread over the whole range, not a fixed value: full jitter.
        QVERIFY(low < bound / 10 + 100);
        QVERIFY(high > bound * 9 / 10);
    }
}

void TestBackoff::capped()
{
    Backoff backoff(3);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(backoff.delay(3000, 30000, 40) <= 30000);
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
