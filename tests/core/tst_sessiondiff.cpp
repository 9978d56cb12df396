// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing recordings event by event: equal, each field, extra events, timing within and beyond a tolerance,
// and loading events from a recording, a corrupt one included.
#include "session/sessiondiff.h"
#include "session/sessionwriter.h"
#include "sse/sseformatter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

using Difference = SessionDiff::Difference;
using Kind = SessionDiff::Difference::Kind;

namespace {

RecordedEvent makeEvent(const QByteArray &type, const QByteArray &data, const QByteArray &id, qint64 ms)
{
    RecordedEvent recorded;
    recorded.event.type = type;
    recorded.event.data = data;
    recorded.event.lastEventId = id;
    recorded.attempt = 1;
    recorded.monotonicNs = ms * 1000000;
    recorded.wallMs = 1700000000000 + ms;
    return recorded;
}

QList<RecordedEvent> ticks(int count, qint64 startMs = 0, qint64 stepMs = 100)
{
    QList<RecordedEvent> events;
    for (int i = 0; i < count; ++i)
        events << makeEvent("tick", "n=" + QByteArray::number(i), QByteArray::number(i), startMs + i * stepMs);
    return events;
}

Difference fieldDifference(Kind kind, qsizetype index, const QByteArray &a, const QByteArray &b)
{
    Difference difference;
    difference.kind = kind;
    difference.indexA = index;
    difference.indexB = index;
    difference.valueA = a;
    difference.valueB = b;
    return difference;
}

} // namespace

class TestSessionDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void equalRecordings();
    void fieldDifferences();
    void extraEvents_data();
    void extraEvents();
    void timing_data();
    void timing();
    void timingIgnoredByDefault();
    void kindNames();
    void loadEvents();
    void loadCorrupt();
    void loadMissing();

private:
    QTemporaryDir m_dir;
};

void TestSessionDiff::equalRecordings()
{
    QVERIFY(SessionDiff::compare(ticks(5), ticks(5)).isEmpty());
    QVERIFY(SessionDiff::compare({}, {}).isEmpty());
    // Wall times and attempts are not compared; only type, data, id (and timing when asked).
    QList<RecordedEvent> b = ticks(5);
    b[2].wallMs += 5000;
    b[2].attempt = 2;
    QVERIFY(SessionDiff::compare(ticks(5), b).isEmpty());
}

void TestSessionDiff::fieldDifferences()
{
    QList<RecordedEvent> b = ticks(5);
    b[1].event.type = "tock";
    b[3].event.data = "n=99";
    b[3].event.lastEventId = "";
    b[4].event.type = "message";
    b[4].event.data = "other";
    const QList<Difference> expected{
        fieldDifference(Kind::Type, 1, "tick", "tock"), fieldDifference(Kind::Data, 3, "n=3", "n=99"),
        fieldDifference(Kind::Id, 3, "3", ""),          fieldDifference(Kind::Type, 4, "tick", "message"),
        fieldDifference(Kind::Data, 4, "n=4", "other"),
    };
    QCOMPARE(SessionDiff::compare(ticks(5), b), expected);
}

void TestSessionDiff::extraEvents_data()
{
    QTest::addColumn<int>("countA");
    QTest::addColumn<int>("countB");
    QTest::addColumn<QList<qsizetype>>("onlyInA");
    QTest::addColumn<QList<qsizetype>>("onlyInB");
    QTest::newRow("b has 3 more") << 2 << 5 << QList<qsizetype>{} << QList<qsizetype>{2, 3, 4};
    QTest::newRow("a has 1 more") << 4 << 3 << QList<qsizetype>{3} << QList<qsizetype>{};
    QTest::newRow("a empty") << 0 << 2 << QList<qsizetype>{} << QList<qsizetype>{0, 1};
    QTest::newRow("b empty") << 1 << 0 << QList<qsizetype>{0} << QList<qsizetype>{};
}

void TestSessionDiff::extraEvents()
{
    QFETCH(int, countA);
    QFETCH(int, countB);
    QFETCH(QList<qsizetype>, onlyInA);
    QFETCH(QList<qsizetype>, onlyInB);
    QList<Difference> expected;
    for (const qsizetype index : onlyInA) {
        Difference difference;
        difference.kind = Kind::OnlyInA;
        difference.indexA = index;
        expected << difference;
    }
    for (const qsizetype index : onlyInB) {
        Difference difference;
        difference.kind = Kind::OnlyInB;
        difference.indexB = index;
        expected << difference;
    }
    QCOMPARE(SessionDiff::compare(ticks(countA), ticks(countB)), expected);
}

void TestSessionDiff::timing_data()
{
    QTest::addColumn<qint64>("toleranceMs");
    QTest::addColumn<qint64>("shiftMs"); // added to B's third event
    QTest::addColumn<bool>("differs");
    QTest::newRow("exact") << qint64(0) << qint64(0) << false;
    QTest::newRow("1 ms off, no tolerance") << qint64(0) << qint64(1) << true;
    QTest::newRow("within") << qint64(50) << qint64(49) << false;
    QTest::newRow("at the tolerance") << qint64(50) << qint64(50) << false;
    QTest::newRow("beyond") << qint64(50) << qint64(51) << true;
    QTest::newRow("earlier, beyond") << qint64(50) << qint64(-80) << true;
}

void TestSessionDiff::timing()
{
    QFETCH(qint64, toleranceMs);
    QFETCH(qint64, shiftMs);
    QFETCH(bool, differs);
    // B started 10 s later: times count from each recording's first event.
    QList<RecordedEvent> b = ticks(4, 10000);
    b[2].monotonicNs += shiftMs * 1000000;
    SessionDiff::Options options;
    options.compareTiming = true;
    options.toleranceMs = toleranceMs;
    QList<Difference> expected;
    if (differs) {
        Difference difference;
        difference.kind = Kind::Timing;
        difference.indexA = 2;
        difference.indexB = 2;
        difference.timeANs = 200000000;
        difference.timeBNs = (200 + shiftMs) * 1000000;
        expected << difference;
    }
    QCOMPARE(SessionDiff::compare(ticks(4), b, options), expected);
}

void TestSessionDiff::timingIgnoredByDefault()
{
    QVERIFY(SessionDiff::compare(ticks(3), ticks(3, 0, 900)).isEmpty());
}

void TestSessionDiff::kindNames()
{
    QCOMPARE(SessionDiff::kindName(Kind::Type), u"type"_s);
    QCOMPARE(SessionDiff::kindName(Kind::Data), u"data"_s);
    QCOMPARE(SessionDiff::kindName(Kind::Id), u"id"_s);
    QCOMPARE(SessionDiff::kindName(Kind::Timing), u"timing"_s);
    QCOMPARE(SessionDiff::kindName(Kind::OnlyInA), u"only-in-a"_s);
    QCOMPARE(SessionDiff::kindName(Kind::OnlyInB), u"only-in-b"_s);
}

void TestSessionDiff::loadEvents()
{
    const QString path = m_dir.filePath(u"load.sserec"_s);
    SessionWriter writer;
    QVERIFY(writer.open(path, 0));
    StreamChunk chunk;
    chunk.attempt = 1;
    chunk.monotonicNs = 5000000;
    chunk.wallMs = 1700000000005;
    chunk.bytes = "id: 1\ndata: a\n\nevent: x\ndata: b";
    QVERIFY(writer.writeChunk(chunk));
    chunk.offset = chunk.bytes.size();
    chunk.monotonicNs = 9000000;
    chunk.wallMs = 1700000000009;
    chunk.bytes = "\n\n";
    QVERIFY(writer.writeChunk(chunk));
    // A second attempt gets a fresh parser: the id does not carry over.
    chunk.attempt = 2;
    chunk.offset = 0;
    chunk.monotonicNs = 20000000;
    chunk.wallMs = 1700000000020;
    chunk.bytes = "data: c\n\n";
    QVERIFY(writer.writeChunk(chunk));
    writer.close();

    QString error = u"stale"_s;
    const QList<RecordedEvent> events = SessionDiff::loadEvents(path, &error);
    QCOMPARE(error, QString());
    QCOMPARE(events.size(), 3);
    QCOMPARE(events[0].event.data, "a");
    QCOMPARE(events[0].event.lastEventId, "1");
    QCOMPARE(events[0].monotonicNs, 5000000);
    QCOMPARE(events[1].event.type, "x");
    QCOMPARE(events[1].event.data, "b");
    QCOMPARE(events[1].event.lastEventId, "1");
    QCOMPARE(events[1].monotonicNs, 9000000);
    QCOMPARE(events[1].wallMs, 1700000000009);
    QCOMPARE(events[2].event.type, "message");
    QCOMPARE(events[2].event.lastEventId, "");
    QCOMPARE(events[2].attempt, 2);
}

void TestSessionDiff::loadCorrupt()
{
    const QString path = m_dir.filePath(u"corrupt.sserec"_s);
    SessionWriter writer;
    QVERIFY(writer.open(path, 0));
    StreamChunk chunk;
    chunk.attempt = 1;
    chunk.bytes = "data: a\n\n";
    QVERIFY(writer.writeChunk(chunk));
    writer.close();
    QFile file(path);
    const qint64 size = file.size();
    QVERIFY(file.open(QIODevice::Append));
    file.write("{not json\n{\"t\":\"chunk\",\"ns\":0,\"wall\":0,\"attempt\":1,\"offset\":9,\"data\":\"x\"}\n");
    file.close();

    QString error;
    QStringList warnings;
    QVERIFY(SessionDiff::loadEvents(path, &error, &warnings).isEmpty());
    const QString prefix = u"line 3 (byte %1): not JSON"_s.arg(size);
    QVERIFY2(error.startsWith(prefix), qPrintable(error));
}

void TestSessionDiff::loadMissing()
{
    QString error;
    QVERIFY(SessionDiff::loadEvents(m_dir.filePath(u"missing.sserec"_s), &error).isEmpty());
    QVERIFY2(error.contains(u"missing.sserec"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSessionDiff)
#include "tst_sessiondiff.moc"
