// SPDX-License-Identifier: GPL-3.0-or-later
// Two recordings compared as rows: each row's events, kinds and differences, the rows of an event, where a
// recording ends, and the walk from one differing row to the next.
#include "compare/sessioncomparison.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

using Kind = SessionDiff::Difference::Kind;

namespace {

RecordedEvent tick(int n, qint64 ms)
{
    RecordedEvent recorded;
    recorded.event.type = "tick";
    recorded.event.data = "n=" + QByteArray::number(n);
    recorded.event.lastEventId = QByteArray::number(n);
    recorded.monotonicNs = ms * 1000000;
    return recorded;
}

// Ticks with these numbers, 100 ms apart from startMs.
QList<RecordedEvent> ticks(const QList<int> &numbers, qint64 startMs = 0)
{
    QList<RecordedEvent> events;
    for (qsizetype i = 0; i < numbers.size(); ++i)
        events << tick(numbers.at(i), startMs + i * 100);
    return events;
}

int bit(Kind kind)
{
    return 1 << int(kind);
}

} // namespace

class TestSessionComparison final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows_data();
    void rows();
    void walksTheDifferences();
    void empty();
};

void TestSessionComparison::rows_data()
{
    QTest::addColumn<QList<int>>("a");
    QTest::addColumn<QList<int>>("b");
    QTest::addColumn<bool>("ignoreId");
    QTest::addColumn<QList<int>>("kinds"); // per row

    const int dataAndId = bit(Kind::Data) | bit(Kind::Id);
    QTest::newRow("equal") << QList<int>{1, 2, 3} << QList<int>{1, 2, 3} << false << QList<int>{0, 0, 0};
    QTest::newRow("one removed, by id") << QList<int>{1, 2, 3, 4} << QList<int>{1, 3, 4} << false
                                        << QList<int>{0, bit(Kind::OnlyInA), 0, 0};
    QTest::newRow("one added, by id") << QList<int>{1, 3} << QList<int>{1, 2, 3} << false
                                      << QList<int>{0, bit(Kind::OnlyInB), 0};
    QTest::newRow("one removed, by position") << QList<int>{1, 2, 3, 4} << QList<int>{1, 3, 4} << true
                                              << QList<int>{0, bit(Kind::Data), bit(Kind::Data), bit(Kind::OnlyInA)};
    QTest::newRow("one replaced") << QList<int>{1, 2, 3} << QList<int>{1, 9, 3} << false << QList<int>{0, dataAndId, 0};
}

void TestSessionComparison::rows()
{
    QFETCH(QList<int>, a);
    QFETCH(QList<int>, b);
    QFETCH(bool, ignoreId);
    QFETCH(QList<int>, kinds);
    SessionDiff::Options options;
    options.ignoreId = ignoreId;
    const SessionComparison comparison(ticks(a), ticks(b, 5000), options);
    QCOMPARE(comparison.rowCount(), kinds.size());
    QList<int> found;
    for (qsizetype row = 0; row < comparison.rowCount(); ++row) {
        found << comparison.kindsAt(row);
        // Each row's events are its pair's, and each event leads back to its row.
        const EventAlignment::Pair pair = comparison.pair(row);
        QCOMPARE(comparison.eventA(row) != nullptr, pair.a >= 0);
        QCOMPARE(comparison.eventB(row) != nullptr, pair.b >= 0);
        if (pair.a >= 0) {
            QCOMPARE(comparison.rowOfA(pair.a), row);
            QCOMPARE(comparison.eventA(row)->event.data, "n=" + QByteArray::number(a.at(pair.a)));
            QCOMPARE(comparison.timeANs(row), pair.a * 100 * 1000000);
        } else {
            QCOMPARE(comparison.timeANs(row), -1);
        }
        if (pair.b >= 0) {
            QCOMPARE(comparison.rowOfB(pair.b), row);
            QCOMPARE(comparison.timeBNs(row), pair.b * 100 * 1000000);
        }
        // The row's differences are the ones of its pair, and the kinds say which.
        int kindsOfDifferences = 0;
        for (const SessionDiff::Difference &difference : comparison.differencesAt(row)) {
            QCOMPARE(difference.indexA, pair.a);
            QCOMPARE(difference.indexB, pair.b);
            kindsOfDifferences |= bit(difference.kind);
        }
        QCOMPARE(kindsOfDifferences, comparison.kindsAt(row));
        QCOMPARE(comparison.rowDiffers(row), comparison.kindsAt(row) != 0);
    }
    QCOMPARE(found, kinds);
    QCOMPARE(comparison.alignment(), ignoreId ? EventAlignment::Mode::Position : EventAlignment::Mode::Id);
}

void TestSessionComparison::walksTheDifferences()
{
    // Rows 1 and 3 differ: 2 is missing from B and 4 changed.
    QList<RecordedEvent> b = ticks({1, 3, 4, 5});
    b[2].event.data = "changed";
    const SessionComparison comparison(ticks({1, 2, 3, 4, 5}), b, {});
    QCOMPARE(comparison.rowCount(), 5);
    QCOMPARE(comparison.differingRowCount(), 2);
    QCOMPARE(comparison.differences().size(), 2);
    QCOMPARE(comparison.nextDifferingRow(-1), 1);
    QCOMPARE(comparison.nextDifferingRow(1), 3);
    QCOMPARE(comparison.nextDifferingRow(3), -1);
    QCOMPARE(comparison.previousDifferingRow(5), 3);
    QCOMPARE(comparison.previousDifferingRow(3), 1);
    QCOMPARE(comparison.previousDifferingRow(1), -1);
    QCOMPARE(comparison.differingRowPosition(3), 1);
    QCOMPARE(comparison.differingRowPosition(2), -1);
    QCOMPARE(comparison.pair(3), (EventAlignment::Pair{3, 2}));
    QCOMPARE(comparison.differencesAt(3).size(), 1);
    QCOMPARE(comparison.differencesAt(3).first().valueB, "changed");
    QVERIFY(comparison.differencesAt(2).isEmpty());
    QCOMPARE(comparison.rowOfB(4), -1);
    // B lacks event 2 in the middle: it has not ended there; after the last row both have.
    QVERIFY(!comparison.endedBefore(1, false));
    QVERIFY(!comparison.endedBefore(4, true));
    QVERIFY(comparison.endedBefore(5, true));
    QVERIFY(comparison.endedBefore(5, false));
}

void TestSessionComparison::empty()
{
    const SessionComparison comparison;
    QCOMPARE(comparison.rowCount(), 0);
    QCOMPARE(comparison.pair(0), EventAlignment::Pair());
    QVERIFY(!comparison.eventA(0));
    QCOMPARE(comparison.kindsAt(0), 0);
    QCOMPARE(comparison.nextDifferingRow(-1), -1);
    QCOMPARE(comparison.timeBNs(0), -1);
}

QTEST_GUILESS_MAIN(TestSessionComparison)
#include "tst_sessioncomparison.moc"
