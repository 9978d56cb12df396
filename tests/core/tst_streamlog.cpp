// SPDX-License-Identifier: GPL-3.0-or-later
#include "log/streamlog.h"
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"

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

// Logs chunks as a client does, then what the parser finds in them.
class LoggingSink final : public SseParserSink
{
public:
    explicit LoggingSink(StreamLog *log)
        : m_log(log)
    {
    }
    void eventDispatched(const SseEventView &event) override { m_log->appendEvent(event, 1, 0, 0); }
    void commentReceived(QByteArrayView text, qint64 offset) override { m_log->appendComment(text, 1, 0, 0, offset); }

private:
    StreamLog *m_log;
};

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
    void resetNumbersFromOne();
    void chunksOfAnEvent();
    void eventsShareTheirChunksBytes();
    void diagnosticRows_data();
    void diagnosticRows();
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
    // Cleared is not evicted: the window said "2 oldest evicted" of rows the user cleared, or a replay restarted.
    QCOMPARE(log.evicted(), 0);
    QCOMPARE(log.firstSequence(), 3);
    log.appendComment("c", 1, 3, 3);
    QCOMPARE(log.at(0).sequence, 3);
    QCOMPARE(log.at(0).data, QByteArrayView("c"));
}

void TestStreamLog::resetNumbersFromOne()
{
    StreamLog log(2);
    for (const char *text : {"a", "b", "c"})
        log.appendComment(text, 1, 1, 1);
    QCOMPARE(log.evicted(), 1);
    QCOMPARE(log.firstSequence(), 2);
    log.reset();
    QCOMPARE(log.evicted(), 0);
    QCOMPARE(log.firstSequence(), 1);
    log.appendComment("d", 1, 2, 2);
    QCOMPARE(log.at(0).sequence, 1);
}

void TestStreamLog::diagnosticRows_data()
{
    QTest::addColumn<QByteArray>("chunk"); // logged before the diagnostic; none when empty
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QByteArray>("detail");
    QTest::addColumn<qint64>("endOffset"); // the end of the line concerned, as far as the chunk holds it

    const auto limitError = [](SseParseError::Kind kind, qint64 offset, qint64 limit) {
        return SseDiagnostic::fromParseError(SseParseError{kind, offset, limit});
    };
    QTest::newRow("unknown field") << QByteArray("data: a\nfoo: b\n\n") << int(SseDiagnostic::Kind::UnknownField)
                                   << qint64(8) << QByteArray("foo") << qint64(14);
    QTest::newRow("line ends with CR") << QByteArray("retry: soon\rdata: a\r\r")
                                       << int(SseDiagnostic::Kind::InvalidRetry) << qint64(0) << QByteArray("soon")
                                       << qint64(11);
    QTest::newRow("unfinished line runs to the chunk's end")
        << QByteArray("data: a\n\ndata: cut") << int(SseDiagnostic::Kind::UnterminatedEventDiscarded) << qint64(9)
        << QByteArray() << qint64(18);
    const SseDiagnostic line = limitError(SseParseError::Kind::LineTooLong, 0, 4);
    QTest::newRow("line too long") << QByteArray("data: toolong") << int(line.kind) << line.offset << line.detail
                                   << qint64(13);
    const SseDiagnostic event = limitError(SseParseError::Kind::EventTooLarge, 2, 2);
    QTest::newRow("event too large") << QByteArray("\n\ndata: abc\n") << int(event.kind) << event.offset << event.detail
                                     << qint64(11);
    QTest::newRow("no chunk kept") << QByteArray() << int(SseDiagnostic::Kind::BomRemoved) << qint64(0) << QByteArray()
                                   << qint64(0);
}

void TestStreamLog::diagnosticRows()
{
    QFETCH(QByteArray, chunk);
    QFETCH(int, kind);
    QFETCH(qint64, offset);
    QFETCH(QByteArray, detail);
    QFETCH(qint64, endOffset);

    StreamLog log;
    if (!chunk.isEmpty()) {
        StreamChunk read;
        read.bytes = chunk;
        read.attempt = 2;
        log.appendChunk(read);
    }
    const SseDiagnostic diagnostic{SseDiagnostic::Kind(kind), offset, detail};
    log.appendDiagnostic(diagnostic, 2, 30, 1003);
    const qsizetype row = log.size() - 1;
    const StreamLog::Entry entry = log.at(row);
    QCOMPARE(entry.kind, StreamLog::Kind::Diagnostic);
    QCOMPARE(entry.diagnostic, SseDiagnostic::Kind(kind));
    QCOMPARE(entry.type, QByteArrayView(SseDiagnostic::kindName(SseDiagnostic::Kind(kind)).toUtf8()));
    QCOMPARE(entry.data, QByteArrayView(detail));
    QCOMPARE(entry.attempt, 2);
    QCOMPARE(entry.monotonicNs, 30);
    QCOMPARE(entry.wallMs, 1003);
    QCOMPARE(entry.streamOffset, offset);
    QCOMPARE(entry.streamEndOffset, endOffset);
    QCOMPARE(entry.toDiagnostic(), diagnostic);
    QCOMPARE(log.chunkRowsFor(row), chunk.isEmpty() ? QList<qsizetype>() : QList<qsizetype>{0});
    // A diagnostic costs one record like any row, and its kind survives the rows after it.
    log.appendComment(" next", 2, 40, 1004, endOffset);
    QCOMPARE(log.at(row).diagnostic, SseDiagnostic::Kind(kind));
    QCOMPARE(log.at(row + 1).kind, StreamLog::Kind::Comment);
}

QTEST_GUILESS_MAIN(TestStreamLog)
#include "tst_streamlog.moc"

void TestStreamLog::chunksOfAnEvent()
{
    // Three reads: the first event whole in the first; the comment and the second event cut across all three.
    const QList<QByteArray> reads = {"data: one\n\n: pi", "ng\ndata: t", "wo\n\n"};
    StreamLog log;
    LoggingSink sink(&log);
    SseParser parser(&sink);
    qint64 offset = 0;
    for (const QByteArray &read : reads) {
        StreamChunk chunk;
        chunk.bytes = read;
        chunk.offset = offset;
        chunk.attempt = 1;
        offset += read.size();
        log.appendChunk(chunk);
        QVERIFY(parser.feed(read));
    }
    // Rows: chunk 0, event one, chunk 2, comment, chunk 4, event two.
    QCOMPARE(log.size(), 6);
    QCOMPARE(log.at(1).data, QByteArrayView("one"));
    QCOMPARE(log.at(1).streamOffset, 0);
    QCOMPARE(log.at(1).streamEndOffset, 10);
    QCOMPARE(log.chunkRowsFor(1), QList<qsizetype>({0}));
    QCOMPARE(log.at(3).kind, StreamLog::Kind::Comment);
    QCOMPARE(log.at(3).streamOffset, 11);
    QCOMPARE(log.chunkRowsFor(3), QList<qsizetype>({0, 2}));
    QCOMPARE(log.at(5).data, QByteArrayView("two"));
    QCOMPARE(log.chunkRowsFor(5), QList<qsizetype>({2, 4}));
    // Chunks and states have no chunks of their own; rows out of range have none.
    QCOMPARE(log.chunkRowsFor(0), QList<qsizetype>());
    QCOMPARE(log.chunkRowsFor(6), QList<qsizetype>());
    // Another attempt's chunks are never counted.
    StreamChunk other;
    other.bytes = "data: three\n\n";
    other.attempt = 2;
    log.appendChunk(other);
    SseEventView three;
    three.type = "message";
    three.data = "three";
    three.endOffset = 12;
    log.appendEvent(three, 2, 0, 0);
    QCOMPARE(log.chunkRowsFor(7), QList<qsizetype>({6}));
}

void TestStreamLog::eventsShareTheirChunksBytes()
{
    // Capacity 1: each event evicts the chunk it arrived in, yet its data (which lies in that chunk's bytes)
    // stays readable, and blocks are still freed as the stream goes on.
    StreamLog log(1);
    LoggingSink sink(&log);
    SseParser parser(&sink);
    qint64 offset = 0;
    const QByteArray padding(1000, 'p');
    for (int i = 1; i <= 5000; ++i) {
        StreamChunk chunk;
        chunk.bytes = "id: " + QByteArray::number(i) + "\ndata: " + padding + QByteArray::number(i) + "\n\n";
        chunk.offset = offset;
        chunk.attempt = 1;
        offset += chunk.bytes.size();
        log.appendChunk(chunk);
        QVERIFY(parser.feed(chunk.bytes));
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.at(0).data, QByteArrayView(QByteArray(padding + QByteArray::number(i))));
        QCOMPARE(log.at(0).id, QByteArrayView(QByteArray::number(i)));
    }
    QVERIFY2(log.memoryBytes() <= 2 * (qint64(1) << 20) + 4096, QByteArray::number(log.memoryBytes()));

    // Shared, an event adds its record and id, not a second copy of its data.
    StreamLog shared;
    LoggingSink sharedSink(&shared);
    SseParser sharedParser(&sharedSink);
    StreamChunk chunk;
    chunk.bytes = "data: " + padding + "\n\n";
    chunk.attempt = 1;
    shared.appendChunk(chunk);
    const qint64 before = shared.memoryBytes();
    QVERIFY(sharedParser.feed(chunk.bytes));
    QCOMPARE(shared.at(1).data, QByteArrayView(padding));
    QVERIFY2(shared.memoryBytes() - before < 100, QByteArray::number(shared.memoryBytes() - before));
    // Two data lines are not a run of the chunk: they are copied, and still right.
    chunk.bytes = "data: a\ndata: b\n\n";
    chunk.offset = qint64(padding.size()) + 8;
    shared.appendChunk(chunk);
    QVERIFY(sharedParser.feed(chunk.bytes));
    QCOMPARE(shared.at(3).data, QByteArrayView("a\nb"));
}
