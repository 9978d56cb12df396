// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting a recording: NDJSON and CSV read back to the exact events, the event stream parsed back, raw bytes
// byte for byte, HAR with the members browser tools read, and a raw capture turned into a recording.
#include "session/sessionexport.h"
#include "session/sessionwriter.h"
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

// The bytes of two attempts, split where a parser must join them: mid-field, mid-CRLF, mid-character.
const QList<QByteArray> Attempt1Chunks{
    "id: 1\ndata: plain\n\n",    "event: update\ndata: {\"a\": 1,\n", "data: \"quoted\", comma}\r",
    "\n\nid\ndata: no id, \xc3", "\xa9t\xc3\xa9\n\n: a comment\n\n",
};
const QList<QByteArray> Attempt2Chunks{
    "data:\n\n",
    "event: done\nid: 9\ndata: [DONE]\n\ndata: unfinished",
};

struct Expected
{
    QByteArray type;
    QByteArray data;
    QByteArray id;
    int attempt;
};

const QList<Expected> ExpectedEvents{
    {"message", "plain", "1", 1},
    {"update", "{\"a\": 1,\n\"quoted\", comma}", "1", 1},
    {"message", "no id, \xc3\xa9t\xc3\xa9", "", 1},
    {"message", "", "", 2},
    {"done", "[DONE]", "9", 2},
};

// Parses RFC 4180: quoted fields with doubled quotes and line breaks inside, records ended by CRLF.
QList<QList<QByteArray>> readCsv(const QByteArray &text, bool *ok)
{
    QList<QList<QByteArray>> rows;
    QList<QByteArray> row;
    QByteArray field;
    *ok = true;
    qsizetype i = 0;
    while (i < text.size()) {
        if (text.at(i) == '"') {
            ++i;
            for (;;) {
                if (i >= text.size()) {
                    *ok = false;
                    return rows;
                }
                if (text.at(i) == '"') {
                    if (i + 1 < text.size() && text.at(i + 1) == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text.at(i++);
            }
        }
        while (i < text.size() && text.at(i) != ',' && text.at(i) != '\r')
            field += text.at(i++);
        row << field;
        field.clear();
        if (i < text.size() && text.at(i) == ',') {
            ++i;
            continue;
        }
        if (text.mid(i, 2) != "\r\n") {
            *ok = false;
            return rows;
        }
        i += 2;
        rows << row;
        row.clear();
    }
    return rows;
}

struct EventCollector final : SseParserSink
{
    void eventDispatched(const SseEventView &view) override { events << SseEvent::fromView(view); }
    QList<SseEvent> events;
};

} // namespace

class TestSessionExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsEverything();
    void ndjson();
    void csv();
    void sseParsesBack();
    void rawIsByteExact();
    void har();
    void harBinaryBody();
    void fromRaw();
    void writeRecordingRoundTrip();
    void corruptInput();
    void formatNames();

private:
    QString path() const { return m_dir.filePath(u"session.sserec"_s); }
    Recording load();

    QTemporaryDir m_dir;
};

void TestSessionExport::initTestCase()
{
    SessionWriter writer;
    QVERIFY(writer.open(path(), 0));
    StreamRequest request;
    request.url = QUrl(u"https://api.example.com/v1/chat?model=m1&stream=true"_s);
    request.method = "POST";
    request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer secret"}};
    request.body = R"({"stream":true})";
    QVERIFY(writer.writeRequest(request, 0, 1700000000000));
    qint64 ns = 0;
    const QList<QList<QByteArray>> attempts{Attempt1Chunks, Attempt2Chunks};
    for (int attempt = 1; attempt <= 2; ++attempt) {
        StreamStateChange connecting;
        connecting.state = StreamState::Connecting;
        connecting.attempt = attempt;
        connecting.monotonicNs = ns;
        connecting.wallMs = 1700000000000 + ns / 1000000;
        QVERIFY(writer.writeState(connecting));
        ns += 40000000;
        StreamResponse response;
        response.attempt = attempt;
        response.status = 200;
        response.reasonPhrase = "OK";
        response.url = request.url;
        response.headers = {{"Content-Type", "text/event-stream"}};
        response.monotonicNs = ns;
        QVERIFY(writer.writeResponse(response));
        qint64 offset = 0;
        for (const QByteArray &bytes : attempts.at(attempt - 1)) {
            ns += 10000000;
            StreamChunk chunk;
            chunk.bytes = bytes;
            chunk.offset = offset;
            chunk.attempt = attempt;
            chunk.monotonicNs = ns;
            chunk.wallMs = 1700000000000 + ns / 1000000;
            QVERIFY(writer.writeChunk(chunk));
            offset += bytes.size();
        }
        ns += 1000000000;
    }
    writer.close();
}

Recording TestSessionExport::load()
{
    Recording recording;
    QString error;
    if (!SessionExport::load(path(), &recording, &error))
        qWarning() << error;
    return recording;
}

void TestSessionExport::loadsEverything()
{
    const Recording recording = load();
    QVERIFY(recording.request.has_value());
    QCOMPARE(recording.request->request.method, "POST");
    QCOMPARE(recording.responses.size(), 2);
    QCOMPARE(recording.responseWallMs.size(), 2);
    QCOMPARE(recording.chunks.size(), Attempt1Chunks.size() + Attempt2Chunks.size());
    QCOMPARE(recording.states.size(), 2);
    QCOMPARE(recording.events.size(), ExpectedEvents.size());
    for (qsizetype i = 0; i < ExpectedEvents.size(); ++i) {
        QCOMPARE(recording.events[i].event.type, ExpectedEvents[i].type);
        QCOMPARE(recording.events[i].event.data, ExpectedEvents[i].data);
        QCOMPARE(recording.events[i].event.lastEventId, ExpectedEvents[i].id);
        QCOMPARE(recording.events[i].attempt, ExpectedEvents[i].attempt);
    }
}

void TestSessionExport::ndjson()
{
    const Recording recording = load();
    const QByteArray out = SessionExport::toNdjson(recording);
    QVERIFY(out.endsWith('\n'));
    const QList<QByteArray> lines = out.chopped(1).split('\n');
    QCOMPARE(lines.size(), ExpectedEvents.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(lines[i], &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.keys().size(), 6);
        QCOMPARE(object.value(u"type"_s).toString().toUtf8(), ExpectedEvents[i].type);
        QCOMPARE(object.value(u"data"_s).toString().toUtf8(), ExpectedEvents[i].data);
        QCOMPARE(object.value(u"id"_s).toString().toUtf8(), ExpectedEvents[i].id);
        QCOMPARE(object.value(u"attempt"_s).toInt(), ExpectedEvents[i].attempt);
        QCOMPARE(object.value(u"t_ms"_s).toInteger(), recording.events[i].monotonicNs / 1000000);
        QCOMPARE(object.value(u"wall_ms"_s).toInteger(), recording.events[i].wallMs);
    }
    // The member order is the documented one.
    QVERIFY(lines[0].startsWith(R"({"type":"message","data":"plain","id":"1","attempt":1,"t_ms":)"));
}

void TestSessionExport::csv()
{
    const Recording recording = load();
    const QByteArray out = SessionExport::toCsv(recording);
    bool ok = false;
    const QList<QList<QByteArray>> rows = readCsv(out, &ok);
    QVERIFY(ok);
    QCOMPARE(rows.size(), ExpectedEvents.size() + 1);
    QCOMPARE(rows[0], (QList<QByteArray>{"seq", "attempt", "t_ms", "wall_ms", "type", "id", "data"}));
    for (qsizetype i = 0; i < ExpectedEvents.size(); ++i) {
        const QList<QByteArray> expected{QByteArray::number(i + 1),
                                         QByteArray::number(ExpectedEvents[i].attempt),
                                         QByteArray::number(recording.events[i].monotonicNs / 1000000),
                                         QByteArray::number(recording.events[i].wallMs),
                                         ExpectedEvents[i].type,
                                         ExpectedEvents[i].id,
                                         ExpectedEvents[i].data};
        QCOMPARE(rows[i + 1], expected);
    }
    // Data is always quoted; its line break stays inside the quotes.
    QVERIFY(out.contains(",\"{\"\"a\"\": 1,\n\"\"quoted\"\", comma}\"\r\n"));
}

void TestSessionExport::sseParsesBack()
{
    const QByteArray out = SessionExport::toSse(load());
    EventCollector sink;
    SseParser parser(&sink);
    parser.feed(out);
    parser.finish();
    QCOMPARE(sink.events.size(), ExpectedEvents.size());
    for (qsizetype i = 0; i < ExpectedEvents.size(); ++i) {
        QCOMPARE(sink.events[i].type, ExpectedEvents[i].type);
        QCOMPARE(sink.events[i].data, ExpectedEvents[i].data);
        QCOMPARE(sink.events[i].lastEventId, ExpectedEvents[i].id);
    }
}

void TestSessionExport::rawIsByteExact()
{
    QCOMPARE(SessionExport::toRaw(load()), (Attempt1Chunks + Attempt2Chunks).join());
    QCOMPARE(SessionExport::write(load(), SessionExport::Format::Raw), (Attempt1Chunks + Attempt2Chunks).join());
}

void TestSessionExport::har()
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(SessionExport::toHar(load()), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject log = document.object().value(u"log"_s).toObject();
    QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
    QCOMPARE(log.value(u"creator"_s)[u"name"_s].toString(), u"SSE Scope"_s);
    QVERIFY(!log.value(u"creator"_s)[u"version"_s].toString().isEmpty());
    const QJsonArray entries = log.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 2);

    const QJsonObject first = entries[0].toObject();
    QCOMPARE(first.value(u"startedDateTime"_s).toString(), u"2023-11-14T22:13:20.000Z"_s);
    // Connecting at 0, the head at 40 ms, the last chunk at 90 ms.
    QCOMPARE(first.value(u"time"_s).toDouble(), 90.0);
    const QJsonObject timings = first.value(u"timings"_s).toObject();
    QCOMPARE(timings.value(u"send"_s).toDouble(), 0.0);
    QCOMPARE(timings.value(u"wait"_s).toDouble(), 40.0);
    QCOMPARE(timings.value(u"receive"_s).toDouble(), 50.0);
    QVERIFY(first.value(u"cache"_s).isObject());

    const QJsonObject request = first.value(u"request"_s).toObject();
    QCOMPARE(request.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(request.value(u"url"_s).toString(), u"https://api.example.com/v1/chat?model=m1&stream=true"_s);
    QCOMPARE(request.value(u"httpVersion"_s).toString(), u"HTTP/1.1"_s);
    QCOMPARE(request.value(u"headers"_s)[0][u"name"_s].toString(), u"Content-Type"_s);
    QCOMPARE(request.value(u"headers"_s)[1][u"value"_s].toString(), u"<redacted>"_s);
    QCOMPARE(request.value(u"queryString"_s)[1][u"name"_s].toString(), u"stream"_s);
    QCOMPARE(request.value(u"queryString"_s)[1][u"value"_s].toString(), u"true"_s);
    QCOMPARE(request.value(u"postData"_s)[u"mimeType"_s].toString(), u"application/json"_s);
    QCOMPARE(request.value(u"postData"_s)[u"text"_s].toString(), uR"({"stream":true})"_s);
    QCOMPARE(request.value(u"headersSize"_s).toInt(), -1);
    QCOMPARE(request.value(u"bodySize"_s).toInt(), 15);

    const QJsonObject response = first.value(u"response"_s).toObject();
    QCOMPARE(response.value(u"status"_s).toInt(), 200);
    QCOMPARE(response.value(u"statusText"_s).toString(), u"OK"_s);
    QCOMPARE(response.value(u"headers"_s)[0][u"value"_s].toString(), u"text/event-stream"_s);
    QCOMPARE(response.value(u"redirectURL"_s).toString(), QString());
    QCOMPARE(response.value(u"headersSize"_s).toInt(), -1);
    const QByteArray body = Attempt1Chunks.join();
    QCOMPARE(response.value(u"bodySize"_s).toInteger(), qint64(body.size()));
    const QJsonObject content = response.value(u"content"_s).toObject();
    QCOMPARE(content.value(u"mimeType"_s).toString(), u"text/event-stream"_s);
    QCOMPARE(content.value(u"size"_s).toInteger(), qint64(body.size()));
    QCOMPARE(content.value(u"text"_s).toString().toUtf8(), body);
    QVERIFY(!content.contains(u"encoding"_s));

    const QJsonArray messages1 = first.value(u"_eventSourceMessages"_s).toArray();
    const QJsonArray messages2 = entries[1][u"_eventSourceMessages"_s].toArray();
    QCOMPARE(messages1.size(), 3);
    QCOMPARE(messages2.size(), 2);
    const Recording recording = load();
    for (qsizetype i = 0; i < ExpectedEvents.size(); ++i) {
        const QJsonObject message = (i < 3 ? messages1[i] : messages2[i - 3]).toObject();
        QCOMPARE(message.value(u"type"_s).toString().toUtf8(), ExpectedEvents[i].type);
        QCOMPARE(message.value(u"data"_s).toString().toUtf8(), ExpectedEvents[i].data);
        QCOMPARE(message.value(u"opcode"_s).toInt(), 1);
        QCOMPARE(message.value(u"time"_s).toDouble(), double(recording.events[i].wallMs) / 1000.0);
    }
    QCOMPARE(entries[1][u"startedDateTime"_s].toString(), u"2023-11-14T22:13:21.090Z"_s);
    QCOMPARE(entries[1][u"response"_s][u"content"_s][u"text"_s].toString().toUtf8(), Attempt2Chunks.join());
}

void TestSessionExport::harBinaryBody()
{
    const QByteArray body("data: \xff\xfe\n\n", 10);
    const Recording recording = SessionExport::fromRaw(body, QUrl(u"http://127.0.0.1:1/x"_s));
    const QJsonObject content = QJsonDocument::fromJson(SessionExport::toHar(recording))
                                    .object()[u"log"_s][u"entries"_s][0][u"response"_s][u"content"_s]
                                    .toObject();
    QCOMPARE(content.value(u"encoding"_s).toString(), u"base64"_s);
    QCOMPARE(QByteArray::fromBase64(content.value(u"text"_s).toString().toLatin1()), body);
    QCOMPARE(content.value(u"size"_s).toInt(), 10);
}

void TestSessionExport::fromRaw()
{
    // 150000 bytes: three chunks of at most 64 KiB, with an event split across the first boundary.
    QByteArray body;
    int count = 0;
    while (body.size() < 150000)
        body += "id: " + QByteArray::number(++count) + "\ndata: " + QByteArray(100, 'x') + "\n\n";
    const Recording recording = SessionExport::fromRaw(body, QUrl(u"https://example.com/s"_s));
    QCOMPARE(recording.chunks.size(), 3);
    QCOMPARE(recording.chunks[0].bytes.size(), 65536);
    QCOMPARE(recording.chunks[1].offset, 65536);
    QCOMPARE(recording.chunks[2].bytes.size(), body.size() - 2 * 65536);
    QCOMPARE(recording.chunks[2].monotonicNs, 0);
    QCOMPARE(SessionExport::toRaw(recording), body);
    QCOMPARE(recording.events.size(), count);
    QCOMPARE(recording.events.last().event.lastEventId, QByteArray::number(count));
    QCOMPARE(recording.responses.size(), 1);
    QCOMPARE(recording.responses[0].status, 200);
    QVERIFY(recording.request.has_value());
    QCOMPARE(recording.request->request.url, QUrl(u"https://example.com/s"_s));
}

void TestSessionExport::writeRecordingRoundTrip()
{
    const Recording original = load();
    const QString copy = m_dir.filePath(u"copy.sserec"_s);
    QString error;
    QVERIFY2(SessionExport::writeRecording(original, copy, &error), qPrintable(error));
    Recording back;
    QVERIFY2(SessionExport::load(copy, &back, &error), qPrintable(error));
    QCOMPARE(back.chunks.size(), original.chunks.size());
    for (qsizetype i = 0; i < original.chunks.size(); ++i) {
        QCOMPARE(back.chunks[i].bytes, original.chunks[i].bytes);
        QCOMPARE(back.chunks[i].monotonicNs, original.chunks[i].monotonicNs);
        QCOMPARE(back.chunks[i].wallMs, original.chunks[i].wallMs);
    }
    QCOMPARE(back.responses.size(), 2);
    QCOMPARE(back.states.size(), 2);
    QCOMPARE(back.events.size(), ExpectedEvents.size());
    QCOMPARE(SessionExport::toNdjson(back), SessionExport::toNdjson(original));

    QVERIFY(!SessionExport::writeRecording(original, m_dir.filePath(u"no/such/dir/x.sserec"_s), &error));
    QVERIFY(!error.isEmpty());
}

void TestSessionExport::corruptInput()
{
    const QString corrupt = m_dir.filePath(u"corrupt.sserec"_s);
    QFile file(corrupt);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"ssescope-session","version":1,"created":"x","app":"SSE Scope 1"})"
               "\n\x01\x02garbage\n{}\n");
    file.close();
    Recording recording;
    recording.chunks << StreamChunk();
    QString error;
    QVERIFY(!SessionExport::load(corrupt, &recording, &error));
    QVERIFY2(error.startsWith(u"line 2 (byte 76): not JSON"_s), qPrintable(error));
    QVERIFY(recording.chunks.isEmpty());
}

void TestSessionExport::formatNames()
{
    QCOMPARE(SessionExport::formatFromName(u"ndjson"), SessionExport::Format::Ndjson);
    QCOMPARE(SessionExport::formatFromName(u"csv"), SessionExport::Format::Csv);
    QCOMPARE(SessionExport::formatFromName(u"sse"), SessionExport::Format::Sse);
    QCOMPARE(SessionExport::formatFromName(u"raw"), SessionExport::Format::Raw);
    QCOMPARE(SessionExport::formatFromName(u"har"), SessionExport::Format::Har);
    QVERIFY(!SessionExport::formatFromName(u"HAR"));
    QVERIFY(!SessionExport::formatFromName(u""));
}

QTEST_GUILESS_MAIN(TestSessionExport)
#include "tst_sessionexport.moc"
