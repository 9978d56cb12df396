// SPDX-License-Identifier: GPL-3.0-or-later
// Pairing two recordings' events: by position, and by id with events added, removed, replaced, moved and
// repeated on either side.
#include "compare/eventalignment.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

using Pair = EventAlignment::Pair;

namespace {

// Events with these ids ("-": an event without one), separated by spaces.
QList<RecordedEvent> withIds(const QByteArray &ids)
{
    QList<RecordedEvent> events;
    for (const QByteArray &id : ids.split(' ')) {
        if (id.isEmpty())
            continue;
        RecordedEvent recorded;
        recorded.event.lastEventId = id == "-" ? QByteArray() : id;
        recorded.event.data = "x";
        events << recorded;
    }
    return events;
}

// Pairs written as "0:0 1:- -:1": A's index, B's index, "-" for a side without an event.
QString written(const QList<Pair> &pairs)
{
    QStringList out;
    for (const Pair &pair : pairs) {
        out << (pair.a < 0 ? u"-"_s : QString::number(pair.a)) + u':' + (pair.b < 0 ? u"-"_s : QString::number(pair.b));
    }
    return out.join(u' ');
}

} // namespace

class TestEventAlignment final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aligns_data();
    void aligns();
    void everyEventOnceInOrder();
    void carriesIds_data();
    void carriesIds();
};

void TestEventAlignment::aligns_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("pairs");

    const int byId = int(EventAlignment::Mode::Id);
    const int byPosition = int(EventAlignment::Mode::Position);
    QTest::newRow("same ids") << QByteArray("1 2 3") << QByteArray("1 2 3") << byId << u"0:0 1:1 2:2"_s;
    QTest::newRow("one removed in the middle")
        << QByteArray("1 2 3 4 5") << QByteArray("1 2 4 5") << byId << u"0:0 1:1 2:- 3:2 4:3"_s;
    QTest::newRow("one added in the middle")
        << QByteArray("1 2 4 5") << QByteArray("1 2 3 4 5") << byId << u"0:0 1:1 -:2 2:3 3:4"_s;
    QTest::newRow("first removed") << QByteArray("1 2 3") << QByteArray("2 3") << byId << u"0:- 1:0 2:1"_s;
    QTest::newRow("last added") << QByteArray("1 2") << QByteArray("1 2 3") << byId << u"0:0 1:1 -:2"_s;
    QTest::newRow("removed and added apart")
        << QByteArray("1 2 3 4 5 6") << QByteArray("1 3 4 5 9 6") << byId << u"0:0 1:- 2:1 3:2 4:3 -:4 5:5"_s;
    // An id replaced by another at the same place: the two events are compared with each other.
    QTest::newRow("one id replaced") << QByteArray("1 2 3") << QByteArray("1 x 3") << byId << u"0:0 1:1 2:2"_s;
    QTest::newRow("two replaced by three")
        << QByteArray("1 2 3 4") << QByteArray("1 x y z 4") << byId << u"0:0 1:1 2:2 -:3 3:4"_s;
    // Moved: the longest run in the same order stays paired; the moved event is on its own on each side.
    QTest::newRow("moved to the end") << QByteArray("1 2 3 4") << QByteArray("2 3 4 1") << byId
                                      << u"0:- 1:0 2:1 3:2 -:3"_s;
    // Ids that repeat (an id line every few events) pair in order.
    QTest::newRow("repeated ids") << QByteArray("- - 5 5 5 9 9") << QByteArray("- - 5 5 9 9") << byId
                                  << u"0:0 1:1 2:2 3:3 4:- 5:4 6:5"_s;
    QTest::newRow("removed among repeated ids")
        << QByteArray("1 1 2 2 3 3") << QByteArray("1 1 3 3") << byId << u"0:0 1:1 2:- 3:- 4:2 5:3"_s;
    QTest::newRow("nothing in common") << QByteArray("1 2") << QByteArray("3 4 5") << byId << u"0:0 1:1 -:2"_s;
    QTest::newRow("a empty") << QByteArray("") << QByteArray("1 2") << byId << u"-:0 -:1"_s;
    QTest::newRow("both empty") << QByteArray("") << QByteArray("") << byId << QString();
    // By position, an event removed in the middle shifts every later pair.
    QTest::newRow("by position, one removed")
        << QByteArray("1 2 3 4 5") << QByteArray("1 2 4 5") << byPosition << u"0:0 1:1 2:2 3:3 4:-"_s;
    QTest::newRow("by position, b longer") << QByteArray("1") << QByteArray("1 2 3") << byPosition << u"0:0 -:1 -:2"_s;
}

void TestEventAlignment::aligns()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(int, mode);
    QFETCH(QString, pairs);
    QCOMPARE(written(EventAlignment::align(withIds(a), withIds(b), EventAlignment::Mode(mode))), pairs);
}

void TestEventAlignment::everyEventOnceInOrder()
{
    // Ids shuffled in blocks, some dropped and some repeated: whatever the pairs, each event is in one, and
    // both sides keep their order.
    QByteArray a;
    QByteArray b;
    for (int i = 0; i < 3000; ++i) {
        a += QByteArray::number(i % 7 == 0 ? i / 7 : i) + ' ';
        if (i % 11 != 0)
            b += QByteArray::number(i % 5 == 0 ? i + 1 : i) + ' ';
    }
    const QList<RecordedEvent> eventsA = withIds(a);
    const QList<RecordedEvent> eventsB = withIds(b);
    const QList<Pair> pairs = EventAlignment::align(eventsA, eventsB, EventAlignment::Mode::Id);
    qsizetype nextA = 0;
    qsizetype nextB = 0;
    for (const Pair &pair : pairs) {
        QVERIFY(pair.a >= 0 || pair.b >= 0);
        if (pair.a >= 0)
            QCOMPARE(pair.a, nextA++);
        if (pair.b >= 0)
            QCOMPARE(pair.b, nextB++);
    }
    QCOMPARE(nextA, eventsA.size());
    QCOMPARE(nextB, eventsB.size());
}

void TestEventAlignment::carriesIds_data()
{
    QTest::addColumn<QByteArray>("ids");
    QTest::addColumn<bool>("carries");
    QTest::newRow("none") << QByteArray("- - -") << false;
    QTest::newRow("empty") << QByteArray("") << false;
    QTest::newRow("one") << QByteArray("- 7 -") << true;
    QTest::newRow("all") << QByteArray("1 2") << true;
}

void TestEventAlignment::carriesIds()
{
    QFETCH(QByteArray, ids);
    QFETCH(bool, carries);
    QCOMPARE(EventAlignment::carriesIds(withIds(ids)), carries);
}

QTEST_GUILESS_MAIN(TestEventAlignment)
#include "tst_eventalignment.moc"
