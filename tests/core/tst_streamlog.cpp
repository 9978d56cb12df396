// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/streamlog.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

SseEventView makeEvent(QByteArrayView type, QByteArrayView id, QByteArrayView data)
{
    SseEventView view;
    view.type = type;
    view.lastEventId = id;
    view.data = data;
    return view;
}

} // namespace

class TestStreamLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsEveryKindInOrder();
    void evictsOldestFirst();
    void shrinkingTheCapacityEvicts();
    void hugeEntriesAndFreedBlocks();
    void clearKeepsCounting();
};

void TestStreamLog::keepsEveryKindInOrder()
{
    StreamLog log;
    StreamStateChange open;
    open.state = StreamState::Open;
    open.reason = u"status 200, text/event-stream"_s;
    open.attempt = 1;
    open.monotonicNs = 10;
    log.appendState(open);
    log.appendEvent(makeEvent("message", "1", "hello"), 1, 20, 1000);
    log.appendComment(" ping", 1, 30, 1001);
    StreamChunk chunk;
    chunk.bytes = "data: x\n\n";
    chunk.attempt = 1;
    chunk.monotonicNs = 40;
    log.appendChunk(chunk);
    log.appendEvent(makeEvent("update", "", "当前行号是1"), 2, 50, 1002);
    log.appendEvent(makeEvent("message", "3", ""), 2, 60, 1003);

    QCOMPARE(log.size(), 6);
    QCOMPARE(log.at(0).kind, StreamLog::Kind::State);
    QCOMPARE(log.at(0).type, QByteArrayView("open"));
    QCOMPARE(log.at(0).data, QByteArrayView("status 200, text/event-stream"));
    QCOMPARE(log.at(1).kind, StreamLog::Kind::Event);
    QCOMPARE(log.at(1).type, QByteArrayView("message"));
    QCOMPARE(log.at(1).id, QByteArrayView("1"));
    QCOMPARE(log.at(1).data, QByteArrayView("hello"));
    QCOMPARE(log.at(1).wallMs, 1000);
    QCOMPARE(log.at(2).kind, StreamLog::Kind::Comment);
    QCOMPARE(log.at(2).data, QByteArrayView(" ping"));
    QCOMPARE(log.at(3).kind, StreamLog::Kind::Chunk);
    QCOMPARE(log.at(3).data, QByteArrayView("data: x\n\n"));
    QCOMPARE(log.at(4).type, QByteArrayView("update"));
    QCOMPARE(log.at(4).data, u"当前行号是1"_s.toUtf8());
    QCOMPARE(log.at(4).attempt, 2);
    QCOMPARE(log.at(5).id, QByteArrayView("3"));
    QCOMPARE(log.at(5).data, QByteArrayView(""));
    for (qsizetype row = 0; row < log.size(); ++row) {
        QCOMPARE(log.at(row).sequence, row + 1);
        QCOMPARE(log.at(row).monotonicNs, (row + 1) * 10);
    }
}

void TestStreamLog::evictsOldestFirst()
{
    StreamLog log(3);
    for (int i = 1; i <= 5; ++i)
        log.appendEvent(makeEvent("message", QByteArray::number(i), QByteArray("event " + QByteArray::number(i))), 1, i,
                        i);
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.evicted(), 2);
    QCOMPARE(log.at(0).sequence, 3);
    QCOMPARE(log.at(0).data, QByteArrayView("event 3"));
    QCOMPARE(log.at(2).id, QByteArrayView("5"));
}

void TestStreamLog::shrinkingTheCapacityEvicts()
{
    StreamLog log;
    for (int i = 1; i <= 10; ++i)
        log.appendComment(QByteArray::number(i), 1, i, i);
    log.setCapacity(4);
    QCOMPARE(log.size(), 4);
    QCOMPARE(log.evicted(), 6);
    QCOMPARE(log.at(0).data, QByteArrayView("7"));
    log.appendComment("11", 1, 11, 11);
    QCOMPARE(log.at(3).data, QByteArrayView("11"));
    QCOMPARE(log.at(3).sequence, 11);
}

void TestStreamLog::hugeEntriesAndFreedBlocks()
{
    StreamLog log(2);
    const QByteArray huge(3 * 1024 * 1024, 'h');
    log.appendEvent(makeEvent("huge", "1", huge), 1, 1, 1);
    QVERIFY(log.memoryBytes() >= huge.size());
    QCOMPARE(log.at(0).data.size(), huge.size());
    QVERIFY(log.at(0).data == QByteArrayView(huge));
    log.appendEvent(makeEvent("message", "2", "small"), 1, 2, 2);
    log.appendEvent(makeEvent("message", "3", "small"), 1, 3, 3);
    // The huge entry is gone, and so is the block that held it.
    QCOMPARE(log.at(0).id, QByteArrayView("2"));
    QVERIFY2(log.memoryBytes() < huge.size(), qPrintable(QString::number(log.memoryBytes())));
    QCOMPARE(log.at(1).data, QByteArrayView("small"));
}

void TestStreamLog::clearKeepsCounting()
{
    StreamLog log;
    log.appendComment("a", 1, 1, 1);
    log.appendComment("b", 1, 2, 2);
    log.clear();
    QCOMPARE(log.size(), 0);
    QCOMPARE(log.evicted(), 2);
    log.appendComment("c", 1, 3, 3);
    QCOMPARE(log.at(0).sequence, 3);
    QCOMPARE(log.at(0).data, QByteArrayView("c"));
}

QTEST_GUILESS_MAIN(TestStreamLog)
#include "tst_streamlog.moc"
