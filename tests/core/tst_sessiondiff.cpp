// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing recordings event by event: equal, each field, extra events, timing within and beyond a tolerance,
// fields of JSON data and ids left out, events paired by id or by position, and loading events from a
// recording, a corrupt one included.
#include "compare/sessiondiff.h"
#include "recording/sessionwriter.h"
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

Q_DECLARE_METATYPE(RecordedEvent)

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
    void ignoredFields_data();
    void ignoredFields();
    void ignoredId_data();
    void ignoredId();
    void pairsByIdOrPosition_data();
    void pairsByIdOrPosition();
    void parsesPointers_data();
    void parsesPointers();
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

void TestSessionDiff::ignoredFields_data()
{
    QTest::addColumn<QByteArray>("dataA");
    QTest::addColumn<QByteArray>("dataB");
    QTest::addColumn<QStringList>("ignored");
    QTest::addColumn<bool>("differs");

    // Two chunks of two runs of one LLM reply: the same but for the reply's id and time.
    const QByteArray chunkA = R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000001,)"
                              R"("choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]})";
    const QByteArray chunkB = R"({"id":"chatcmpl-2","object":"chat.completion.chunk","created":1700000042,)"
                              R"("choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]})";
    const QStringList idAndCreated{u"/id"_s, u"/created"_s};
    QTest::newRow("nothing ignored") << chunkA << chunkB << QStringList() << true;
    QTest::newRow("only /id ignored") << chunkA << chunkB << QStringList{u"/id"_s} << true;
    QTest::newRow("/id and /created ignored") << chunkA << chunkB << idAndCreated << false;
    QTest::newRow("and a pointer that matches nothing")
        << chunkA << chunkB << (idAndCreated + QStringList{u"/usage/total_tokens"_s}) << false;
    QByteArray other = chunkB;
    other.replace(R"("Hi")", R"("Ho")");
    QTest::newRow("content differs too") << chunkA << other << idAndCreated << true;
    QTest::newRow("the differing content ignored")
        << chunkA << other << (idAndCreated + QStringList{u"/choices/0/delta/content"_s}) << false;
    QTest::newRow("member only on one side, ignored")
        << QByteArray(R"({"a":1,"id":7})") << QByteArray(R"({"a":1})") << QStringList{u"/id"_s} << false;
    QTest::newRow("order and spacing do not count once JSON is compared")
        << QByteArray(R"({"a":1,"b":[1,2],"id":7})") << QByteArray(R"({ "b": [1, 2], "a": 1, "id": 8 })")
        << QStringList{u"/id"_s} << false;
    QTest::newRow("array element") << QByteArray(R"([1,2,3])") << QByteArray(R"([1,9,3])") << QStringList{u"/1"_s}
                                   << false;
    QTest::newRow("whole document") << chunkA << QByteArray(R"({"x":1})") << QStringList{QString()} << false;
    QTest::newRow("text is compared as bytes")
        << QByteArray("[DONE]") << QByteArray("[DONE] ") << QStringList{u"/id"_s} << true;
    QTest::newRow("JSON on one side only")
        << QByteArray(R"({"id":1})") << QByteArray("id=1") << QStringList{u"/id"_s} << true;
    QTest::newRow("same bytes, nothing ignored") << chunkA << chunkA << QStringList() << false;
}

void TestSessionDiff::ignoredFields()
{
    QFETCH(QByteArray, dataA);
    QFETCH(QByteArray, dataB);
    QFETCH(QStringList, ignored);
    QFETCH(bool, differs);

    const QList<RecordedEvent> a{makeEvent("message", "first", "", 0), makeEvent("message", dataA, "", 10)};
    const QList<RecordedEvent> b{makeEvent("message", "first", "", 0), makeEvent("message", dataB, "", 10)};
    SessionDiff::Options options;
    const std::optional<QList<JsonPointer>> pointers = SessionDiff::parsePointers(ignored);
    QVERIFY(pointers);
    options.ignoredFields = *pointers;
    QList<Difference> expected;
    if (differs)
        expected << fieldDifference(Kind::Data, 1, dataA, dataB);
    QCOMPARE(SessionDiff::compare(a, b, options), expected);
    QCOMPARE(SessionDiff::sameData(dataA, dataB, options.ignoredFields), !differs);
}

void TestSessionDiff::ignoredId_data()
{
    QTest::addColumn<bool>("ignoreId");
    QTest::addColumn<QList<Difference>>("expected");
    QTest::newRow("compared") << false
                              << QList<Difference>{fieldDifference(Kind::Id, 0, "a-1", "b-1"),
                                                   fieldDifference(Kind::Id, 1, "a-2", "b-2")};
    QTest::newRow("ignored") << true << QList<Difference>();
}

void TestSessionDiff::ignoredId()
{
    QFETCH(bool, ignoreId);
    QFETCH(QList<Difference>, expected);
    // Ids that no two runs share: nothing pairs by id, and ignoring ids leaves the events equal.
    const QList<RecordedEvent> a{makeEvent("message", "x", "a-1", 0), makeEvent("message", "y", "a-2", 10)};
    const QList<RecordedEvent> b{makeEvent("message", "x", "b-1", 0), makeEvent("message", "y", "b-2", 10)};
    SessionDiff::Options options;
    options.ignoreId = ignoreId;
    QCOMPARE(SessionDiff::compare(a, b, options), expected);
    QCOMPARE(SessionDiff::alignment(a, b, options),
             ignoreId ? EventAlignment::Mode::Position : EventAlignment::Mode::Id);
}

void TestSessionDiff::pairsByIdOrPosition_data()
{
    QTest::addColumn<QList<RecordedEvent>>("b");
    QTest::addColumn<bool>("ignoreId");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QList<Difference>>("expected");

    // A: ticks 0 to 4 with ids 0 to 4.
    QList<RecordedEvent> b = ticks(5);
    b.removeAt(2);
    Difference onlyInA;
    onlyInA.kind = Kind::OnlyInA;
    onlyInA.indexA = 2;
    QTest::newRow("removed, by id") << b << false << int(EventAlignment::Mode::Id) << QList<Difference>{onlyInA};
    // Without ids to pair by, every later event differs from the one beside it.
    QList<Difference> shifted{fieldDifference(Kind::Data, 2, "n=2", "n=3"), fieldDifference(Kind::Id, 2, "2", "3"),
                              fieldDifference(Kind::Data, 3, "n=3", "n=4"), fieldDifference(Kind::Id, 3, "3", "4")};
    onlyInA.indexA = 4;
    QTest::newRow("removed, ids ignored")
        << b << true << int(EventAlignment::Mode::Position) << QList<Difference>{shifted.at(0), shifted.at(2), onlyInA};
    QList<RecordedEvent> noIds = b;
    for (RecordedEvent &event : noIds)
        event.event.lastEventId.clear();
    QList<Difference> idsGone;
    for (int i = 0; i < 4; ++i) {
        const QByteArray dataB = noIds.at(i).event.data;
        if (dataB != "n=" + QByteArray::number(i))
            idsGone << fieldDifference(Kind::Data, i, "n=" + QByteArray::number(i), dataB);
        idsGone << fieldDifference(Kind::Id, i, QByteArray::number(i), "");
    }
    QTest::newRow("removed, no ids in B")
        << noIds << false << int(EventAlignment::Mode::Position) << (idsGone << onlyInA);

    b = ticks(5);
    RecordedEvent added = makeEvent("tick", "extra", "1.5", 150);
    b.insert(2, added);
    b[4].event.data = "changed";
    Difference onlyInB;
    onlyInB.kind = Kind::OnlyInB;
    onlyInB.indexB = 2;
    Difference changed;
    changed.kind = Kind::Data;
    changed.indexA = 3;
    changed.indexB = 4;
    changed.valueA = "n=3";
    changed.valueB = "changed";
    QTest::newRow("added, and a later one changed, by id")
        << b << false << int(EventAlignment::Mode::Id) << QList<Difference>{onlyInB, changed};
}

void TestSessionDiff::pairsByIdOrPosition()
{
    QFETCH(QList<RecordedEvent>, b);
    QFETCH(bool, ignoreId);
    QFETCH(int, mode);
    QFETCH(QList<Difference>, expected);
    SessionDiff::Options options;
    options.ignoreId = ignoreId;
    QCOMPARE(int(SessionDiff::alignment(ticks(5), b, options)), mode);
    QCOMPARE(SessionDiff::compare(ticks(5), b, options), expected);
}

void TestSessionDiff::parsesPointers_data()
{
    QTest::addColumn<QStringList>("texts");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("invalid");
    QTest::newRow("none") << QStringList() << true << QString();
    QTest::newRow("several") << QStringList{u"/id"_s, u"/choices/0/delta/role"_s, u"/a~1b"_s} << true << QString();
    QTest::newRow("whole document") << QStringList{QString()} << true << QString();
    QTest::newRow("no leading slash") << QStringList{u"/id"_s, u"created"_s, u"x"_s} << false << u"created"_s;
    QTest::newRow("bad escape") << QStringList{u"/a~2"_s} << false << u"/a~2"_s;
}

void TestSessionDiff::parsesPointers()
{
    QFETCH(QStringList, texts);
    QFETCH(bool, valid);
    QFETCH(QString, invalid);
    QString found = u"stale"_s;
    const std::optional<QList<JsonPointer>> pointers = SessionDiff::parsePointers(texts, &found);
    QCOMPARE(pointers.has_value(), valid);
    if (valid) {
        QStringList back;
        for (const JsonPointer &pointer : *pointers)
            back << pointer.toString();
        QCOMPARE(back, texts);
    } else {
        QCOMPARE(found, invalid);
    }
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
