// SPDX-License-Identifier: GPL-3.0-or-later
// Each scenario, byte for byte, from a raw socket: status line, headers, body, and timing where timing is
// the point.
#include "mockproducer.h"
#include "rawhttpclient.h"
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#ifdef SSESCOPE_HAVE_ZLIB
#include <zlib.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace {

struct Parsed final : SseParserSink
{
    void eventDispatched(const SseEventView &event) override { events.append(SseEvent::fromView(event)); }
    void commentReceived(QByteArrayView text, qint64) override { comments.append(text.toByteArray()); }
    QList<SseEvent> events;
    QList<QByteArray> comments;
};

Parsed parse(const QByteArray &body)
{
    Parsed parsed;
    SseParser parser(&parsed);
    parser.feed(body);
    parser.finish();
    return parsed;
}

} // namespace

class TestMockScenarios final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tickerHeadAndBody();
    void tickerKeepsItsInterval();
    void tickerResumesAfterLastEventId();
    void tickerAtARate();
    void framingOptions_data();
    void framingOptions();
    void closeDelimitedFraming();
    void dropAfter();
    void dropChanceCutsInsideAnEvent();
    void dropDeliversEverythingBeforeTheCut_data();
    void dropDeliversEverythingBeforeTheCut();
    void splitCrLfAcrossWrites();
    void drip();
    void classicBackends();
    void randomJson();
    void heartbeatsOnly();
    void huge();
    void unterminated();
    void hangSendsHeadOnly();
    void statuses_data();
    void statuses();
    void wrongType();
    void redirects();
    void echo();
    void openAiStream();
    void openAiWithoutStreaming();
    void anthropicStream();
#ifdef SSESCOPE_HAVE_ZLIB
    void gzip();
#endif

private:
    std::unique_ptr<RawHttpClient> fetch(const QByteArray &request, int timeoutMs = 10000);

    MockProducer m_producer;
};

void TestMockScenarios::initTestCase()
{
    QVERIFY2(m_producer.start(), qPrintable(m_producer.errorString()));
}

std::unique_ptr<RawHttpClient> TestMockScenarios::fetch(const QByteArray &request, int timeoutMs)
{
    auto client = std::make_unique<RawHttpClient>(m_producer.port(), request);
    QElapsedTimer timer;
    timer.start();
    while (!client->closed() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return client;
}

void TestMockScenarios::tickerHeadAndBody()
{
    const auto client = fetch(RawHttpClient::get("/ticker?count=3&interval=10&type=tick"));
    QVERIFY(client->closed());
    QCOMPARE(client->raw().left(client->headEnd()),
             QByteArray("HTTP/1.1 200 OK\r\n"
                        "Content-Type: text/event-stream; charset=utf-8\r\n"
                        "Cache-Control: no-cache\r\n"
                        "X-Accel-Buffering: no\r\n"
                        "Transfer-Encoding: chunked\r\n"
                        "Connection: close\r\n\r\n"));
    bool complete = false;
    QCOMPARE(client->body(&complete),
             QByteArray("event: tick\nid: 1\ndata: tick 1\n\n"
                        "event: tick\nid: 2\ndata: tick 2\n\n"
                        "event: tick\nid: 3\ndata: tick 3\n\n"));
    QVERIFY(complete);
    QCOMPARE(client->chunks().size(), 3); // flushed per event: one write, one chunk each
}

void TestMockScenarios::tickerKeepsItsInterval()
{
    const auto client = fetch(RawHttpClient::get("/ticker?count=4&interval=150"));
    const QList<RawHttpClient::Chunk> chunks = client->chunks();
    QCOMPARE(chunks.size(), 4);
    for (qsizetype i = 1; i < chunks.size(); ++i) {
        const qint64 gap = chunks[i].arrivedMs - chunks[i - 1].arrivedMs;
        QVERIFY2(gap >= 120, qPrintable(u"gap %1 ms between events %2 and %3"_s.arg(gap).arg(i).arg(i + 1)));
    }
}

void TestMockScenarios::tickerResumesAfterLastEventId()
{
    const auto client = fetch(RawHttpClient::get("/ticker?count=5&interval=1", "Last-Event-ID: 3\r\n"));
    QCOMPARE(client->header("X-Resumed-After"), QByteArray("3"));
    QCOMPARE(client->body(), QByteArray("id: 4\ndata: tick 4\n\nid: 5\ndata: tick 5\n\n"));
    const auto past = fetch(RawHttpClient::get("/ticker?count=5&interval=1", "Last-Event-ID: 5\r\n"));
    bool complete = false;
    QCOMPARE(past->body(&complete), QByteArray());
    QVERIFY(complete);
}

void TestMockScenarios::tickerAtARate()
{
    // 2,000 events/s in batches every 10 ms: 300 events come in far fewer writes than events, all of them in order.
    const auto client = fetch(RawHttpClient::get("/ticker?count=300&rate=2000"));
    bool complete = false;
    const QByteArray body = client->body(&complete);
    QVERIFY(complete);
    QCOMPARE(body.count("data: tick "), 300);
    QVERIFY(body.startsWith("id: 1\ndata: tick 1\n\nid: 2\n"));
    QVERIFY(body.endsWith("id: 300\ndata: tick 300\n\n"));
    QVERIFY2(client->chunks().size() < 100, qPrintable(QString::number(client->chunks().size())));
}

void TestMockScenarios::framingOptions_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("crlf") << QByteArray("/ticker?count=2&interval=1&eol=crlf")
                          << QByteArray("id: 1\r\ndata: tick 1\r\n\r\nid: 2\r\ndata: tick 2\r\n\r\n");
    QTest::newRow("cr") << QByteArray("/ticker?count=1&interval=1&eol=cr") << QByteArray("id: 1\rdata: tick 1\r\r");
    QTest::newRow("bom and retry") << QByteArray("/ticker?count=1&interval=1&bom=1&retry=2500")
                                   << QByteArray("\xEF\xBB\xBFretry: 2500\nid: 1\ndata: tick 1\n\n");
    QTest::newRow("padded") << QByteArray("/ticker?count=1&interval=1&size=12&start=7")
                            << QByteArray("id: 7\ndata: tick 7 xxxxx\n\n");
    QTest::newRow("multi-line") << QByteArray("/line-endings?count=1&eol=lf&split_delay=1")
                                << QByteArray("id: 1\ndata: line one\ndata: line two 1\n\n");
}

void TestMockScenarios::framingOptions()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    const auto client = fetch(RawHttpClient::get(target));
    bool complete = false;
    QCOMPARE(client->body(&complete), body);
    QVERIFY(complete);
}

void TestMockScenarios::closeDelimitedFraming()
{
    const auto client = fetch(RawHttpClient::get("/ticker?count=2&interval=1&framing=close"));
    QVERIFY(client->closed());
    QCOMPARE(client->header("Transfer-Encoding"), QByteArray());
    QCOMPARE(client->header("Content-Length"), QByteArray());
    QCOMPARE(client->body(), QByteArray("id: 1\ndata: tick 1\n\nid: 2\ndata: tick 2\n\n"));
}

void TestMockScenarios::dropAfter()
{
    const auto client = fetch(RawHttpClient::get("/ticker?count=10&interval=1&drop_after=2"));
    QVERIFY(client->closed());
    bool complete = true;
    QCOMPARE(client->body(&complete), QByteArray("id: 1\ndata: tick 1\n\nid: 2\ndata: tick 2\n\n"));
    QVERIFY2(!complete, "a dropped chunked stream has no last chunk");
}

void TestMockScenarios::dropChanceCutsInsideAnEvent()
{
    const auto client = fetch(RawHttpClient::get("/ticker?count=10&interval=1&drop_chance=100&size=40"));
    bool complete = true;
    const QByteArray body = client->body(&complete);
    QVERIFY(!complete);
    QVERIFY(body.size() < QByteArray("id: 1\ndata: tick 1\n\n").size() + 30);
    QVERIFY(QByteArray("id: 1\ndata: tick 1 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\n").startsWith(body));
}

void TestMockScenarios::dropDeliversEverythingBeforeTheCut_data()
{
    QTest::addColumn<QByteArray>("framing");
    QTest::newRow("chunked") << QByteArray("chunked");
    QTest::newRow("close-delimited") << QByteArray("close");
}

void TestMockScenarios::dropDeliversEverythingBeforeTheCut()
{
    QFETCH(QByteArray, framing);
    // 16 MiB written at once and then the cut: far more than the kernel takes before the client reads, so they
    // must reach the client before the reset, or where it resumes would depend on how fast it reads.
    constexpr qint64 Size = 16 << 20;
    const auto client = fetch(
        RawHttpClient::get("/huge?drop_after=1&size=" + QByteArray::number(Size) + "&framing=" + framing), 60000);
    QVERIFY(client->closed());
    bool complete = true;
    const Parsed parsed = parse(client->body(&complete));
    QVERIFY2(!complete || framing == "close", "a dropped chunked stream has no last chunk");
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events[0].type, QByteArray("huge"));
    QCOMPARE(parsed.events[0].data.size(), Size);
}

void TestMockScenarios::splitCrLfAcrossWrites()
{
    const auto client = fetch(RawHttpClient::get("/line-endings?count=1&eol=crlf&split=1&split_delay=60"));
    const QList<RawHttpClient::Chunk> chunks = client->chunks();
    QByteArray joined;
    for (const auto &chunk : chunks)
        joined += chunk.bytes;
    QCOMPARE(joined, QByteArray("id: 1\r\ndata: line one\r\ndata: line two 1\r\n\r\n"));
    QCOMPARE(chunks.size(), 5);
    for (qsizetype i = 0; i + 1 < chunks.size(); ++i) {
        QVERIFY(chunks[i].bytes.endsWith('\r'));
        QVERIFY(chunks[i + 1].bytes.startsWith('\n'));
        QVERIFY2(chunks[i + 1].arrivedMs - chunks[i].arrivedMs >= 40, "each half arrives on its own");
    }
}

void TestMockScenarios::drip()
{
    const auto client = fetch(RawHttpClient::get("/drip?count=1&interval=5"));
    const QList<RawHttpClient::Chunk> chunks = client->chunks();
    const QByteArray expected = "id: 1\ndata: drop 1\n\n";
    QCOMPARE(chunks.size(), expected.size());
    for (qsizetype i = 0; i < chunks.size(); ++i)
        QCOMPARE(chunks[i].bytes, expected.mid(i, 1));
}

void TestMockScenarios::classicBackends()
{
    const auto django = fetch(RawHttpClient::get("/django-counter?interval=1&count=3"));
    QCOMPARE(django->body(), u"data: 当前行号是1\n\ndata: 当前行号是2\n\ndata: 当前行号是3\n\n"_s.toUtf8());
    const auto fastapi = fetch(RawHttpClient::get("/fastapi-close?lines=2&interval=1"));
    QCOMPARE(fastapi->body(), QByteArray("data: message 1\n\ndata: message 2\n\nevent: close\ndata: bye\n\n"));
    const auto stopAfter = fetch(RawHttpClient::get("/stop-after?interval=1"));
    const Parsed parsed = parse(stopAfter->body());
    QCOMPARE(parsed.events.size(), 20);
    QCOMPARE(parsed.events.last().lastEventId, QByteArray("20"));
}

void TestMockScenarios::randomJson()
{
    const auto client = fetch(RawHttpClient::get("/random-json?count=3&max_delay=30&seed=7"));
    const Parsed parsed = parse(client->body());
    QCOMPARE(parsed.events.size(), 3);
    for (const SseEvent &event : parsed.events) {
        const QString message = QJsonDocument::fromJson(event.data).object().value(u"message"_s).toString();
        QVERIFY2(message.startsWith(u"now time:"_s) && message.contains(u" value:0."_s), event.data.constData());
    }
}

void TestMockScenarios::heartbeatsOnly()
{
    const auto client = fetch(RawHttpClient::get("/heartbeats?interval=5&count=3"));
    QCOMPARE(client->body(), QByteArray(": heartbeat 1\n: heartbeat 2\n: heartbeat 3\n"));
}

void TestMockScenarios::huge()
{
    const auto client = fetch(RawHttpClient::get("/huge?size=5000000"), 30000);
    const Parsed parsed = parse(client->body());
    QCOMPARE(parsed.events.size(), 2);
    QCOMPARE(parsed.events[0].type, QByteArray("huge"));
    QCOMPARE(parsed.events[0].data.size(), 5000000);
    QByteArray expected(5000000, 'x');
    for (qsizetype i = 0; i < expected.size(); i += 1024)
        expected[i] = char('a' + (i / 1024) % 26);
    QVERIFY(parsed.events[0].data == expected);
    QCOMPARE(parsed.events[1].data, QByteArray("after the huge event"));
}

void TestMockScenarios::unterminated()
{
    const auto client = fetch(RawHttpClient::get("/unterminated?count=1"));
    bool complete = false;
    QCOMPARE(client->body(&complete),
             QByteArray("id: 1\ndata: complete 1\n\nid: unfinished\ndata: this event has no blank line\n"));
    QVERIFY(complete);
}

void TestMockScenarios::hangSendsHeadOnly()
{
    RawHttpClient client(m_producer.port(), RawHttpClient::get("/hang"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasHead(), 5000);
    QTest::qWait(300);
    QCOMPARE(client.status(), 200);
    QCOMPARE(client.body(), QByteArray());
    QVERIFY(!client.closed());
}

void TestMockScenarios::statuses_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::newRow("204") << QByteArray("/status?code=204") << QByteArray("HTTP/1.1 204 No Content") << QByteArray();
    QTest::newRow("500") << QByteArray("/status?code=500") << QByteArray("HTTP/1.1 500 Internal Server Error")
                         << QByteArray();
    QTest::newRow("503 retry-after") << QByteArray("/status?code=503&retry_after=7")
                                     << QByteArray("HTTP/1.1 503 Service Unavailable") << QByteArray("7");
}

void TestMockScenarios::statuses()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, statusLine);
    QFETCH(QByteArray, retryAfter);
    const auto client = fetch(RawHttpClient::get(target));
    QCOMPARE(client->statusLine(), statusLine);
    QCOMPARE(client->header("Retry-After"), retryAfter);
    if (client->status() == 204) {
        QCOMPARE(client->body(), QByteArray());
        QCOMPARE(client->header("Content-Length"), QByteArray());
    } else {
        QCOMPARE(client->header("Content-Length").toLongLong(), client->body().size());
        QCOMPARE(QJsonDocument::fromJson(client->body()).object().value(u"status"_s).toInt(), client->status());
    }
}

void TestMockScenarios::wrongType()
{
    const auto client = fetch(RawHttpClient::get("/wrong-type?type=application/json"));
    QCOMPARE(client->status(), 200);
    QCOMPARE(client->header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(client->body(), QByteArray("data: this is not text/event-stream\n\n"));
}

void TestMockScenarios::redirects()
{
    const auto to = fetch(RawHttpClient::get("/redirect?code=301&to=/ticker%3Fcount%3D1"));
    QCOMPARE(to->statusLine(), QByteArray("HTTP/1.1 301 Moved Permanently"));
    QCOMPARE(to->header("Location"), QByteArray("/ticker?count=1"));
    const auto none = fetch(RawHttpClient::get("/redirect?no_location=1"));
    QCOMPARE(none->statusLine(), QByteArray("HTTP/1.1 307 Temporary Redirect"));
    QCOMPARE(none->header("Location"), QByteArray());
}

void TestMockScenarios::echo()
{
    const QByteArray request
        = "PUT /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Token: abc\r\nContent-Type: text/plain\r\n"
          "Content-Length: 5\r\n\r\nhello";
    const auto client = fetch(request);
    const Parsed parsed = parse(client->body());
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events[0].type, QByteArray("request"));
    const QJsonObject echo = QJsonDocument::fromJson(parsed.events[0].data).object();
    QCOMPARE(echo.value(u"method"_s).toString(), u"PUT"_s);
    QCOMPARE(echo.value(u"path"_s).toString(), u"/echo"_s);
    QCOMPARE(echo.value(u"query"_s).toString(), u"x=1"_s);
    QCOMPARE(echo.value(u"body"_s).toString(), u"hello"_s);
    // Header names come in lower case on every Qt (Qt 6.8 keeps no other); values as sent.
    QVERIFY(echo.value(u"headers"_s).toArray().contains(QJsonArray{u"x-token"_s, u"abc"_s}));
}

void TestMockScenarios::openAiStream()
{
    const QByteArray body = R"({"model":"m-1","stream":true,"messages":[{"role":"user","content":"hi"}],)"
                            R"("reply":"Hello there, friend.","rate":0})";
    const auto client = fetch(RawHttpClient::post("/v1/chat/completions", body));
    QCOMPARE(client->status(), 200);
    const Parsed parsed = parse(client->body());
    QVERIFY(parsed.events.size() >= 4);
    QCOMPARE(parsed.events.last().data, QByteArray("[DONE]"));
    QString reply;
    for (qsizetype i = 0; i + 1 < parsed.events.size(); ++i) {
        const QJsonObject chunk = QJsonDocument::fromJson(parsed.events[i].data).object();
        QCOMPARE(chunk.value(u"object"_s).toString(), u"chat.completion.chunk"_s);
        QCOMPARE(chunk.value(u"model"_s).toString(), u"m-1"_s);
        const QJsonObject choice = chunk.value(u"choices"_s).toArray().first().toObject();
        reply += choice.value(u"delta"_s).toObject().value(u"content"_s).toString();
        const bool last = i + 2 == parsed.events.size();
        QCOMPARE(choice.value(u"finish_reason"_s).toString(), last ? u"stop"_s : QString());
    }
    QCOMPARE(reply, u"Hello there, friend."_s);
    QVERIFY(parsed.events.first().data.startsWith("{\"id\":\"chatcmpl-"));
}

void TestMockScenarios::openAiWithoutStreaming()
{
    const auto client = fetch(RawHttpClient::post("/v1/chat/completions", R"({"stream":false,"reply":"Hi"})"));
    QCOMPARE(client->header("Content-Type"), QByteArray("application/json"));
    const QJsonObject completion = QJsonDocument::fromJson(client->body()).object();
    QCOMPARE(completion.value(u"object"_s).toString(), u"chat.completion"_s);
    QCOMPARE(completion.value(u"choices"_s).toArray().first()[u"message"_s][u"content"_s].toString(), u"Hi"_s);
}

void TestMockScenarios::anthropicStream()
{
    const auto client = fetch(RawHttpClient::post("/v1/messages", R"({"stream":true,"reply":"One two","rate":0})"));
    const Parsed parsed = parse(client->body());
    QStringList types;
    QString text;
    for (const SseEvent &event : parsed.events) {
        types << QString::fromUtf8(event.type);
        const QJsonObject data = QJsonDocument::fromJson(event.data).object();
        QCOMPARE(data.value(u"type"_s).toString(), QString::fromUtf8(event.type));
        if (event.type == "content_block_delta")
            text += data[u"delta"_s][u"text"_s].toString();
    }
    QCOMPARE(types,
             (QStringList{u"message_start"_s, u"content_block_start"_s, u"ping"_s, u"content_block_delta"_s,
                          u"content_block_delta"_s, u"content_block_stop"_s, u"message_delta"_s, u"message_stop"_s}));
    QCOMPARE(text, u"One two"_s);
    QVERIFY(parsed.events.first().data.startsWith("{\"type\":\"message_start\""));
}

#ifdef SSESCOPE_HAVE_ZLIB
void TestMockScenarios::gzip()
{
    const auto client = fetch(RawHttpClient::get("/gzip?count=2&interval=20"));
    QCOMPARE(client->header("Content-Encoding"), QByteArray("gzip"));
    const QList<RawHttpClient::Chunk> chunks = client->chunks();
    QVERIFY(chunks.size() >= 3);
    z_stream z{};
    QCOMPARE(inflateInit2(&z, 15 + 16), Z_OK);
    QByteArray decoded;
    QList<QByteArray> perChunk;
    for (const auto &chunk : chunks) {
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(chunk.bytes.constData()));
        z.avail_in = uInt(chunk.bytes.size());
        char buffer[4096];
        QByteArray out;
        do {
            z.next_out = reinterpret_cast<Bytef *>(buffer);
            z.avail_out = sizeof buffer;
            const int result = inflate(&z, Z_SYNC_FLUSH);
            QVERIFY(result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR);
            out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
        } while (z.avail_out == 0);
        perChunk << out;
        decoded += out;
    }
    inflateEnd(&z);
    QCOMPARE(decoded, QByteArray("id: 1\ndata: compressed 1\n\nid: 2\ndata: compressed 2\n\n"));
    QCOMPARE(perChunk.first(), QByteArray("id: 1\ndata: compressed 1\n\n")); // flushed per event
}
#endif

QTEST_GUILESS_MAIN(TestMockScenarios)
#include "tst_mockscenarios.moc"
