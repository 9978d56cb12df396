// SPDX-License-Identifier: GPL-3.0-or-later
#include "transcriptsink.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestSseParserLimits final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limits_data();
    void limits();
    void failStopsTheStream();
    void skipKeepsMemoryBoundedOnEndlessLine();
    void eventAtTheLimitPasses();
    void eventLimitBoundsAnEndlessDataLine();
};

namespace {
SseParserLimits smallLimits(SseParserLimits::Overflow overflow)
{
    SseParserLimits limits;
    limits.maxLineLength = 16;
    limits.maxEventSize = 20;
    limits.overflow = overflow;
    return limits;
}
} // namespace

void TestSseParserLimits::limits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("skip");
    QTest::addColumn<QStringList>("expected");

    const QByteArray longLine = "data: 0123456789abcdef\n\ndata: ok\n\n";
    QTest::newRow("line too long, fail") << longLine << false << QStringList{u"error line-too-long limit=16 @0"_s};
    QTest::newRow("line too long, skip") << longLine << true
                                         << QStringList{u"error line-too-long limit=16 @0"_s,
                                                        u"event message id= @24-33: ok"_s};

    const QByteArray bigEvent = "data: 0123456789\ndata: 0123456789\ndata: x\n\ndata: ok\n\n";
    QTest::newRow("event too large, fail") << bigEvent << false << QStringList{u"error event-too-large limit=20 @17"_s};
    QTest::newRow("event too large, skip")
        << bigEvent << true << QStringList{u"error event-too-large limit=20 @17"_s, u"event message id= @43-52: ok"_s};

    QTest::newRow("skipped event does not set the id")
        << QByteArray("id: 1\ndata: a\n\nid: 2\ndata: 0123456789abcdefgh\n\ndata: b\n\n") << true
        << QStringList{u"event message id=1 @0-14: a"_s, u"error line-too-long limit=16 @21"_s,
                       u"event message id=1 @47-55: b"_s};
    QTest::newRow("long line without end, fail")
        << QByteArray("data: 0123456789abcdefghij") << false << QStringList{u"error line-too-long limit=16 @0"_s};
    QTest::newRow("long line without end, skip")
        << QByteArray("data: 0123456789abcdefghij") << true << QStringList{u"error line-too-long limit=16 @0"_s};
    QTest::newRow("long comment is skipped alone, skip")
        << QByteArray(": 0123456789abcdefghij\ndata: a\n\ndata: b\n\n") << true
        << QStringList{u"error line-too-long limit=16 @0"_s, u"event message id= @23-31: a"_s,
                       u"event message id= @32-40: b"_s};
    QTest::newRow("long comment inside an event keeps the event, skip")
        << QByteArray("data: a\n: 0123456789abcdefghij\ndata: b\n\n") << true
        << QStringList{u"error line-too-long limit=16 @8"_s, u"event message id= @0-39: a\\nb"_s};
    QTest::newRow("line limit first: its byte comes before the event limit's")
        << QByteArray("data: 0123456789abcdefghijklmnopqrstuvwxyz\n\ndata: ok\n\n") << true
        << QStringList{u"error line-too-long limit=16 @0"_s, u"event message id= @44-53: ok"_s};
    QTest::newRow("event limit first, on a line that is also too long")
        << QByteArray("data: 0123456789\ndata: 0123456789abcdefghij\n\ndata: ok\n\n") << true
        << QStringList{u"error event-too-large limit=20 @17"_s, u"event message id= @45-54: ok"_s};
    QTest::newRow("event limit on a short line") << QByteArray("data: 0123456789\ndata: 0123456789\n\n") << false
                                                 << QStringList{u"error event-too-large limit=20 @17"_s};
    QTest::newRow("long lines inside a skipped event are not reported again")
        << QByteArray("data: 0123456789abcdefghij\ndata: 0123456789abcdefghij\n\ndata: b\n\n") << true
        << QStringList{u"error line-too-long limit=16 @0"_s, u"event message id= @55-63: b"_s};
    QTest::newRow("cr line ends") << QByteArray("data: 0123456789abcdefghij\r\rdata: b\r\r") << true
                                  << QStringList{u"error line-too-long limit=16 @0"_s,
                                                 u"event message id= @28-36: b"_s};
}

void TestSseParserLimits::limits()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, skip);
    QFETCH(QStringList, expected);
    const SseParserLimits limits
        = smallLimits(skip ? SseParserLimits::Overflow::SkipEvent : SseParserLimits::Overflow::Fail);
    for (const QList<qsizetype> &cuts : chunkings(input.size())) {
        const QStringList got = parseWithCuts(input, cuts, limits);
        if (got != expected)
            qWarning() << "cut at" << cuts;
        QCOMPARE(got, expected);
    }
}

void TestSseParserLimits::failStopsTheStream()
{
    TranscriptSink sink;
    SseParser parser(&sink, smallLimits(SseParserLimits::Overflow::Fail));
    QVERIFY(parser.feed("data: a\n\n"));
    QVERIFY(!parser.feed("data: 0123456789abcdefghij"));
    QVERIFY(parser.hasFailed());
    QVERIFY(!parser.feed("\n\ndata: b\n\n"));
    parser.finish();
    QVERIFY(!parser.hasFailed());
    QVERIFY(parser.feed("data: c\n\n"));
    QCOMPARE(sink.lines,
             (QStringList{u"event message id= @0-8: a"_s, u"error line-too-long limit=16 @9"_s,
                          u"event message id= @0-8: c"_s}));
}

void TestSseParserLimits::skipKeepsMemoryBoundedOnEndlessLine()
{
    // 64 MiB of one line with a 1 MiB limit: one error, then the stream goes on after the line and its block.
    SseParserLimits limits;
    limits.maxLineLength = 1 << 20;
    limits.overflow = SseParserLimits::Overflow::SkipEvent;
    TranscriptSink sink;
    SseParser parser(&sink, limits);
    const QByteArray chunk(1 << 20, 'z');
    QVERIFY(parser.feed("data: "));
    for (int i = 0; i < 64; ++i)
        QVERIFY(parser.feed(chunk));
    QVERIFY(parser.feed("\n\ndata: back\n\n"));
    const qint64 backAt = 6 + 64 * (qint64(1) << 20) + 2;
    QCOMPARE(sink.lines,
             (QStringList{u"error line-too-long limit=1048576 @0"_s,
                          u"event message id= @%1-%2: back"_s.arg(backAt).arg(backAt + 11)}));
}

void TestSseParserLimits::eventAtTheLimitPasses()
{
    // The event limit counts the data as it is dispatched: "0123456789\n012345678" is 20 bytes.
    const QByteArray input = "data: 0123456789\ndata: 012345678\n\n";
    for (const QList<qsizetype> &cuts : chunkings(input.size()))
        QCOMPARE(parseWithCuts(input, cuts, smallLimits(SseParserLimits::Overflow::Fail)),
                 (QStringList{u"event message id= @0-33: 0123456789\\n012345678"_s}));
    const QByteArray over = "data: 0123456789\ndata: 0123456789\n\n";
    QCOMPARE(parseWithCuts(over, {}, smallLimits(SseParserLimits::Overflow::Fail)),
             (QStringList{u"error event-too-large limit=20 @17"_s}));
}

void TestSseParserLimits::eventLimitBoundsAnEndlessDataLine()
{
    // A data line that never ends, with a generous line limit: the event limit stops it as it grows.
    SseParserLimits limits;
    limits.maxLineLength = qint64(1) << 40;
    limits.maxEventSize = 1 << 20;
    limits.overflow = SseParserLimits::Overflow::SkipEvent;
    TranscriptSink sink;
    SseParser parser(&sink, limits);
    const QByteArray chunk(1 << 20, 'z');
    QVERIFY(parser.feed("data: "));
    for (int i = 0; i < 32; ++i)
        QVERIFY(parser.feed(chunk));
    QCOMPARE(sink.lines, QStringList{u"error event-too-large limit=1048576 @0"_s});
    QVERIFY(parser.feed("\n\ndata: back\n\n"));
    const qint64 backAt = 6 + 32 * (qint64(1) << 20) + 2;
    QCOMPARE(sink.lines.last(), u"event message id= @%1-%2: back"_s.arg(backAt).arg(backAt + 11));
}

QTEST_GUILESS_MAIN(TestSseParserLimits)
#include "tst_sseparserlimits.moc"
