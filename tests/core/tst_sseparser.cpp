// SPDX-License-Identifier: GPL-3.0-or-later
#include "transcriptsink.h"

#include "sse/utf8.h"

#include <QStringDecoder>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

// The standard's algorithm written as literally as possible over decoded text, for differential tests:
// slow and simple, sharing no code with SseParser.
QStringList referenceEvents(const QByteArray &bytes)
{
    QByteArray body = bytes;
    if (body.startsWith("\xEF\xBB\xBF"))
        body.remove(0, 3);
    const QString text = Utf8::toString(body);
    QStringList lines;
    QString current;
    bool complete = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\r' || c == u'\n') {
            lines << current;
            current.clear();
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            complete = true;
        } else {
            current += c;
            complete = false;
        }
    }
    Q_UNUSED(complete); // an unterminated last line is never processed
    QStringList events;
    QString data, type, idBuffer, lastId;
    for (const QString &line : std::as_const(lines)) {
        if (line.isEmpty()) {
            lastId = idBuffer;
            if (data.isEmpty()) {
                type.clear();
                continue;
            }
            if (data.endsWith(u'\n'))
                data.chop(1);
            events << (type.isEmpty() ? u"message"_s : type) + u"|"_s + lastId + u"|"_s + data;
            data.clear();
            type.clear();
            continue;
        }
        if (line.startsWith(u':'))
            continue;
        const qsizetype colon = line.indexOf(u':');
        QString name = colon < 0 ? line : line.left(colon);
        QString value = colon < 0 ? QString() : line.mid(colon + 1);
        if (value.startsWith(u' '))
            value.remove(0, 1);
        if (name == u"event")
            type = value;
        else if (name == u"data")
            data += value + u'\n';
        else if (name == u"id" && !value.contains(QChar(0)))
            idBuffer = value;
    }
    return events;
}

class EventListSink final : public SseParserSink
{
public:
    void eventDispatched(const SseEventView &event) override
    {
        events << Utf8::toString(event.type) + u"|"_s + Utf8::toString(event.lastEventId) + u"|"_s
                + Utf8::toString(event.data);
    }
    QStringList events;
};

// A random stream mixing every construct the rules cover, valid UTF-8 except for chosen bad bytes.
QByteArray generateStream(QRandomGenerator &random, int lines)
{
    static const QByteArrayView words[] = {"hello", "当前行号是", "{\"k\":1}", " ",    "",       "a:b", "\xEF\xBB\xBF",
                                           "😀",     "\xFF",       "\x80",      "x\ty", "[DONE]", "é"};
    static const QByteArrayView fields[]
        = {"data", "data", "data", "event", "id", "retry", ":", "", "Data", "foo", "id"};
    static const QByteArrayView endings[] = {"\n", "\r\n", "\r"};
    QByteArray out;
    if (random.bounded(4) == 0)
        out += "\xEF\xBB\xBF";
    for (int i = 0; i < lines; ++i) {
        const auto &field = fields[random.bounded(int(std::size(fields)))];
        if (!field.isEmpty()) {
            out += field;
            if (field != ":" && random.bounded(5) != 0)
                out += random.bounded(2) ? ": " : ":";
            const int count = random.bounded(4);
            for (int w = 0; w < count; ++w)
                out += words[random.bounded(int(std::size(words)))];
        }
        out += endings[random.bounded(int(std::size(endings)))];
    }
    return out;
}

} // namespace

class TestSseParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data();
    void rules();
    void lastEventIdSurvivesDataLessBlocks();
    void unfinishedEventDropsItsId();
    void resetSetsLastEventId();
    void finishStartsNewStream();
    void retryIsRemembered();
    void pendingOffset_data();
    void pendingOffset();
    void joiningAtThePendingOffsetGivesTheSameEvents();
    void hugeEventInNetworkChunks();
    void generatedStreamsMatchReference();
};

void TestSseParser::rules_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    auto row = [](const char *name, const QByteArray &input, const QStringList &expected) {
        QTest::newRow(name) << input << expected;
    };

    row("empty stream", "", {});
    row("one event", "data: hello\n\n", {u"event message id= @0-12: hello"_s});
    row("two events", "data: a\n\ndata: b\n\n", {u"event message id= @0-8: a"_s, u"event message id= @9-17: b"_s});
    row("crlf", "data: a\r\n\r\ndata: b\r\n\r\n", {u"event message id= @0-9: a"_s, u"event message id= @11-20: b"_s});
    row("lone cr", "data: a\r\rdata: b\r\r", {u"event message id= @0-8: a"_s, u"event message id= @9-17: b"_s});
    row("mixed line ends", "data: a\r\ndata: b\rdata: c\n\r\n", {u"event message id= @0-25: a\\nb\\nc"_s});
    row("crlf then lf", "data: a\r\n\n", {u"event message id= @0-9: a"_s});
    row("cr then crlf", "data: a\r\r\n", {u"event message id= @0-8: a"_s});
    row("lf then cr", "data: a\n\r", {u"event message id= @0-8: a"_s});
    row("cr lf cr lf is two line ends, not three", "data: a\r\n\r\n", {u"event message id= @0-9: a"_s});
    row("blank lines only", "\n\r\n\r\n\n", {});
    row("bom removed",
        "\xEF\xBB\xBF"
        "data: x\n\n",
        {u"bom-removed @0"_s, u"event message id= @3-11: x"_s});
    row("second bom makes an unknown field",
        "\xEF\xBB\xBF\xEF\xBB\xBF"
        "data: x\n\n",
        {u"bom-removed @0"_s, u"unknown-field @3 \uFEFFdata"_s});
    row("bom after first event is not removed",
        "data: a\n\n\xEF\xBB\xBF"
        "data: b\n\n",
        {u"event message id= @0-8: a"_s, u"unknown-field @9 \uFEFFdata"_s});
    row("bom inside data is data", "data: \xEF\xBB\xBFx\n\n", {u"event message id= @0-11: \uFEFFx"_s});
    row("half a bom is bytes",
        "\xEF\xBB"
        "data: x\n\n",
        {u"unknown-field @0 \uFFFDdata"_s});
    row("comment", ":hello\n: with space\n\n", {u"comment @0: hello"_s, u"comment @7:  with space"_s});
    row("empty comment", ":\n", {u"comment @0: "_s});
    row("comment inside an event", "data: a\n:c\ndata: b\n\n",
        {u"comment @8: c"_s, u"event message id= @0-19: a\\nb"_s});
    row("field without colon", "data\n\n", {u"event message id= @0-5: "_s});
    row("two empty data lines", "data\ndata\n\n", {u"event message id= @0-10: \\n"_s});
    row("exactly one space removed", "data:  two\n\n", {u"event message id= @0-11:  two"_s});
    row("no space", "data:no\n\n", {u"event message id= @0-8: no"_s});
    row("only a space", "data: \n\n", {u"event message id= @0-7: "_s});
    row("colon in value", "data: a:b\n\n", {u"event message id= @0-10: a:b"_s});
    row("tab is not removed", "data:\tx\n\n", {u"event message id= @0-8: \tx"_s});
    row("id with null ignored", QByteArray("id: a\0b\ndata: x\n\n", 17),
        {u"id-contains-null @0"_s, u"event message id= @0-16: x"_s});
    row("empty id clears", "id: 1\ndata: a\n\nid\ndata: b\n\n",
        {u"event message id=1 @0-14: a"_s, u"event message id= @15-26: b"_s});
    row("id persists", "id: 1\ndata: a\n\ndata: b\n\n",
        {u"event message id=1 @0-14: a"_s, u"event message id=1 @15-23: b"_s});
    row("id set by a data-less block", "id: 7\n\ndata: x\n\n", {u"event message id=7 @7-15: x"_s});
    row("retry", "retry: 1500\n", {u"retry 1500 @0"_s});
    row("retry not digits", "retry: 15x\nretry: \nretry: -1\nretry:  5\nretry:1.5\n",
        {u"invalid-retry @0 15x"_s, u"invalid-retry @11"_s, u"invalid-retry @19 -1"_s, u"invalid-retry @29  5"_s,
         u"invalid-retry @39 1.5"_s});
    row("retry too large", "retry: 99999999999999999999\n",
        {u"retry-clamped @0 99999999999999999999"_s, u"retry 9223372036854775807 @0"_s});
    row("event type", "event: add\ndata: 1\n\n", {u"event add id= @0-19: 1"_s});
    row("empty type is message", "event:\ndata: x\n\n", {u"event message id= @0-15: x"_s});
    row("type reset after dispatch", "event: a\ndata: 1\n\ndata: 2\n\n",
        {u"event a id= @0-17: 1"_s, u"event message id= @18-26: 2"_s});
    row("data-less block resets type", "event: a\nid: 7\n\ndata: x\n\n", {u"event message id=7 @16-24: x"_s});
    row("one trailing lf removed", "data: a\ndata:\n\n", {u"event message id= @0-14: a\\n"_s});
    row("multi-line data", "data: a\ndata: b\ndata: c\n\n", {u"event message id= @0-24: a\\nb\\nc"_s});
    row("unterminated event discarded", "data: x\n", {u"unterminated-event @0"_s});
    row("unterminated line discarded", "data: x", {u"unterminated-event @0"_s});
    row("event then unterminated", "data: a\n\ndata: b", {u"event message id= @0-8: a"_s, u"unterminated-event @9"_s});
    row("unknown field", "foo: bar\n\n", {u"unknown-field @0 foo"_s});
    row("field names are case-sensitive", "Data: x\n\n", {u"unknown-field @0 Data"_s});
    row("space before colon", "data : x\n\n", {u"unknown-field @0 data "_s});
    row("space before name", " data: x\n\n", {u"unknown-field @0  data"_s});
    row("cjk text", "data: 当前行号是1\n\n", {u"event message id= @0-23: 当前行号是1"_s});
    row("emoji", "data: 😀\n\n", {u"event message id= @0-11: 😀"_s});
    row("invalid byte",
        "data: a\xFF"
        "b\n\n",
        {u"invalid-utf8 @0"_s, u"event message id= @0-10: a\uFFFDb"_s});
    row("truncated sequence", "data: \xE5\xBD\n\n", {u"invalid-utf8 @0"_s, u"event message id= @0-9: \uFFFD"_s});
    row("truncated sequence then ascii", "data: \xE5\xBDx\n\n",
        {u"invalid-utf8 @0"_s, u"event message id= @0-10: \uFFFDx"_s});
    row("overlong", "data: \xC0\xAF\n\n", {u"invalid-utf8 @0"_s, u"event message id= @0-9: \uFFFD\uFFFD"_s});
    row("surrogate", "data: \xED\xA0\x80\n\n",
        {u"invalid-utf8 @0"_s, u"event message id= @0-10: \uFFFD\uFFFD\uFFFD"_s});
    row("past U+10FFFF", "data: \xF4\x90\x80\x80\n\n",
        {u"invalid-utf8 @0"_s, u"event message id= @0-11: \uFFFD\uFFFD\uFFFD\uFFFD"_s});
    row("invalid utf8 in type, id and comment", "event: \xFF\nid: \xFE\n:\xC3\ndata: x\n\n",
        {u"invalid-utf8 @0"_s, u"invalid-utf8 @9"_s, u"invalid-utf8 @15"_s, u"comment @15: \uFFFD"_s,
         u"event \uFFFD id=\uFFFD @0-26: x"_s});
    row("null in data is kept", QByteArray("data: a\0b\n\n", 11), {u"event message id= @0-10: a\\0b"_s});
    row("openai stream", "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n",
        {u"event message id= @0-47: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}"_s,
         u"event message id= @48-61: [DONE]"_s});
}

void TestSseParser::rules()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    for (const QList<qsizetype> &cuts : chunkings(input.size())) {
        const QStringList got = parseWithCuts(input, cuts);
        if (got != expected)
            qWarning() << "cut at" << cuts;
        QCOMPARE(got, expected);
    }
}

void TestSseParser::lastEventIdSurvivesDataLessBlocks()
{
    TranscriptSink sink;
    SseParser parser(&sink);
    parser.feed("id: 5\n\n");
    QCOMPARE(parser.lastEventId(), QByteArray("5"));
    parser.feed("id: 6\n");
    QCOMPARE(parser.lastEventId(), QByteArray("5")); // set at the blank line, not before
    parser.feed("\n");
    QCOMPARE(parser.lastEventId(), QByteArray("6"));
    QVERIFY(sink.lines.isEmpty());
}

void TestSseParser::unfinishedEventDropsItsId()
{
    TranscriptSink sink;
    SseParser parser(&sink);
    parser.feed("id: 1\ndata: a\n\nid: 9\ndata: x\n");
    parser.finish();
    QCOMPARE(parser.lastEventId(), QByteArray("1"));
    parser.feed("data: next\n\n");
    QCOMPARE(sink.lines,
             (QStringList{u"event message id=1 @0-14: a"_s, u"unterminated-event @15"_s,
                          u"event message id=1 @0-11: next"_s}));
}

void TestSseParser::resetSetsLastEventId()
{
    TranscriptSink sink;
    SseParser parser(&sink);
    parser.feed("id: old\nretry: 10\ndata: half");
    parser.reset("abc");
    QCOMPARE(parser.lastEventId(), QByteArray("abc"));
    QVERIFY(!parser.retry().has_value());
    parser.feed("data: x\n\n");
    QCOMPARE(sink.lines, (QStringList{u"retry 10 @8"_s, u"event message id=abc @0-8: x"_s}));
}

void TestSseParser::finishStartsNewStream()
{
    TranscriptSink sink;
    SseParser parser(&sink);
    parser.feed("\xEF\xBB\xBF"
                "data: 1\n\n");
    QCOMPARE(parser.offset(), 12);
    parser.finish();
    QCOMPARE(parser.offset(), 0);
    parser.feed("\xEF\xBB");
    parser.feed("\xBF"
                "data: 2\r");
    parser.finish(); // "data: 2" is complete as a line, but the event has no blank line
    parser.feed("\n\ndata: 3\n\n"); // a new stream: the LF is not the end of the earlier CR
    QCOMPARE(sink.lines,
             (QStringList{u"bom-removed @0"_s, u"event message id= @3-11: 1"_s, u"bom-removed @0"_s,
                          u"unterminated-event @3"_s, u"event message id= @2-10: 3"_s}));
}

void TestSseParser::pendingOffset_data()
{
    QTest::addColumn<QByteArray>("fed");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("nothing") << QByteArray() << qint64(0);
    QTest::newRow("between events") << QByteArray("data: a\n\n") << qint64(9);
    QTest::newRow("inside a data line") << QByteArray("data: a\n\ndata: b") << qint64(9);
    QTest::newRow("after field lines") << QByteArray("data: a\n\nid: 2\ndata: b\n") << qint64(9);
    QTest::newRow("comment between events") << QByteArray("data: a\n\n: ping\n") << qint64(16);
    QTest::newRow("comment inside an event") << QByteArray("data: a\n: ping\n") << qint64(0);
    QTest::newRow("unfinished comment") << QByteArray("data: a\n\n: pi") << qint64(9);
    QTest::newRow("cr at the end of a read") << QByteArray("data: a\r\r") << qint64(9);
    QTest::newRow("field name cut") << QByteArray("data: a\n\nda") << qint64(9);
    QTest::newRow("half a bom") << QByteArray("\xEF\xBB") << qint64(0);
    QTest::newRow("after the bom") << QByteArray("\xEF\xBB\xBF") << qint64(3);
}

void TestSseParser::pendingOffset()
{
    QFETCH(QByteArray, fed);
    QFETCH(qint64, expected);
    TranscriptSink sink;
    SseParser parser(&sink);
    feedRead(parser, fed);
    QCOMPARE(parser.pendingOffset(), expected);
}

void TestSseParser::joiningAtThePendingOffsetGivesTheSameEvents()
{
    // What a recorder that joins a running stream relies on: whatever read the stream stopped at, a parser fed
    // from the pending offset dispatches the rest of the events as the running one does.
    struct Events final : SseParserSink
    {
        void eventDispatched(const SseEventView &event) override
        {
            lines << u"%1 @%2-%3: %4"_s.arg(TranscriptSink::show(event.type))
                         .arg(base + event.offset)
                         .arg(base + event.endOffset)
                         .arg(TranscriptSink::show(event.data));
        }
        qint64 base = 0;
        QStringList lines;
    };
    const QByteArray stream = "data: a\r\n\r\n: c\nid: 7\nevent: t\ndata: b\n:x\ndata: c\r\rretry: 5\n\n"
                              "data: \xE5\xBD\x93\xE5\x89\x8D\n\ndata\n\ndata: last\r";
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        Events running;
        SseParser parser(&running);
        feedRead(parser, QByteArrayView(stream).first(cut));
        const qsizetype before = running.lines.size();
        const qint64 pending = parser.pendingOffset();
        QVERIFY(pending <= cut);
        feedRead(parser, QByteArrayView(stream).sliced(cut));
        parser.finish();

        Events joined;
        joined.base = pending;
        SseParser late(&joined);
        feedRead(late, QByteArrayView(stream).sliced(pending));
        late.finish();
        QCOMPARE(joined.lines, running.lines.mid(before));
    }
}

void TestSseParser::retryIsRemembered()
{
    TranscriptSink sink;
    SseParser parser(&sink);
    QVERIFY(!parser.retry().has_value());
    parser.feed("retry: 2500\nretry: x\n");
    QCOMPARE(parser.retry().value_or(-1), 2500);
}

void TestSseParser::hugeEventInNetworkChunks()
{
    // A single 14 MB event, as real servers send, arriving in 64 KiB reads.
    QByteArray payload(14 * 1000 * 1000, 'x');
    for (qsizetype i = 0; i < payload.size(); i += 1000)
        payload[i] = char('a' + (i / 1000) % 26);
    const QByteArray stream = "id: big\ndata: " + payload + "\n\ndata: after\n\n";
    QList<qsizetype> cuts;
    for (qsizetype at = 65536; at < stream.size(); at += 65536)
        cuts.append(at);

    class Collect final : public SseParserSink
    {
    public:
        void eventDispatched(const SseEventView &event) override { events.append(SseEvent::fromView(event)); }
        void errorOccurred(const SseParseError &) override { ++errors; }
        QList<SseEvent> events;
        int errors = 0;
    } sink;
    SseParser parser(&sink);
    qsizetype from = 0;
    for (const qsizetype cut : std::as_const(cuts)) {
        QVERIFY(parser.feed(QByteArrayView(stream).sliced(from, cut - from)));
        from = cut;
    }
    QVERIFY(parser.feed(QByteArrayView(stream).sliced(from)));
    QCOMPARE(sink.errors, 0);
    QCOMPARE(sink.events.size(), 2);
    QCOMPARE(sink.events[0].data.size(), payload.size());
    QVERIFY(sink.events[0].data == payload);
    QCOMPARE(sink.events[0].lastEventId, QByteArray("big"));
    QCOMPARE(sink.events[1].data, QByteArray("after"));
    QCOMPARE(sink.events[1].offset, stream.size() - 13);
}

void TestSseParser::generatedStreamsMatchReference()
{
    QRandomGenerator random(20261121);
    for (int round = 0; round < 300; ++round) {
        const QByteArray stream = generateStream(random, random.bounded(1, 30));
        const QStringList whole = parseWithCuts(stream, {});
        for (const QList<qsizetype> &cuts : chunkings(stream.size(), 4)) {
            if (cuts.size() == 1 && cuts.first() % 7 != 0)
                continue; // every single cut of a long stream is slow; a sample is enough here
            const QStringList split = parseWithCuts(stream, cuts);
            if (split != whole)
                qWarning() << "round" << round << "stream" << stream << "cut at" << cuts;
            QCOMPARE(split, whole);
        }
        EventListSink events;
        SseParser parser(&events);
        parser.feed(stream);
        parser.finish();
        const QStringList reference = referenceEvents(stream);
        if (events.events != reference)
            qWarning() << "round" << round << "stream" << stream;
        QCOMPARE(events.events, reference);
    }
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
