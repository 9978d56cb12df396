// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting a recording: NDJSON and CSV read back to the exact events, the event stream parsed back, raw bytes
// byte for byte, HAR with the members browser tools read, and a raw capture turned into a recording. Streamed
// from a file and written from memory, every format gives the same bytes; the stream can be cancelled, and a
// corrupt line or a failed write stops it with a clear error.
#include "export/sessionexport.h"
#include "recording/sessionwriter.h"
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"
#include "version.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
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

// Writes a session file record by record, in the order called, each record a millisecond after the last unless
// told otherwise.
class SessionBuilder
{
public:
    explicit SessionBuilder(const QString &path) { m_ok = m_writer.open(path, 0); }

    SessionBuilder &request(const QUrl &url)
    {
        StreamRequest request;
        request.url = url;
        m_ok = m_ok && m_writer.writeRequest(request, 0, Wall);
        return *this;
    }
    SessionBuilder &state(int attempt, StreamState state, qint64 stepMs = 1)
    {
        m_ns += stepMs * 1000000;
        StreamStateChange change;
        change.state = state;
        change.attempt = attempt;
        change.monotonicNs = m_ns;
        change.wallMs = Wall + m_ns / 1000000;
        m_ok = m_ok && m_writer.writeState(change);
        return *this;
    }
    SessionBuilder &response(int attempt, int status = 200, qint64 stepMs = 1)
    {
        m_ns += stepMs * 1000000;
        StreamResponse response;
        response.attempt = attempt;
        response.status = status;
        response.reasonPhrase = status == 200 ? "OK" : "Internal Server Error";
        response.headers = {{"Content-Type", "text/event-stream"}};
        response.monotonicNs = m_ns;
        m_ok = m_ok && m_writer.writeResponse(response);
        return *this;
    }
    SessionBuilder &chunk(int attempt, const QByteArray &bytes, qint64 stepMs = 1)
    {
        m_ns += stepMs * 1000000;
        StreamChunk chunk;
        chunk.bytes = bytes;
        chunk.attempt = attempt;
        chunk.offset = m_offsets[attempt];
        chunk.monotonicNs = m_ns;
        chunk.wallMs = Wall + m_ns / 1000000;
        m_offsets[attempt] += bytes.size();
        m_ok = m_ok && m_writer.writeChunk(chunk);
        return *this;
    }
    bool close()
    {
        m_writer.close();
        return m_ok;
    }

    static constexpr qint64 Wall = 1700000000000;

private:
    SessionWriter m_writer;
    QHash<int, qint64> m_offsets;
    qint64 m_ns = 0;
    bool m_ok = false;
};

// Text longer than one spool block (48 KiB) of the HAR writer, with a two-byte character across every boundary.
QByteArray longText()
{
    QByteArray text = "data: ";
    while (text.size() < 120000)
        text += "\xc3\xa9";
    return text + "\n\n";
}

// Bytes that are not UTF-8, longer than a spool block and not a multiple of 3, with events among them.
QByteArray binaryBody()
{
    QByteArray body;
    for (int i = 0; body.size() < 100001; ++i)
        body += i % 97 == 0 ? QByteArray("\n\ndata: x\n\n") : QByteArray(1, char(i * 31 + 7));
    return body.left(100001);
}

// Logs what a sink is handed, one line per record.
class RecordLog final : public SessionSink
{
public:
    void headerRead(const SessionHeader &header) override { lines << u"header "_s + header.app; }
    void requestRead(const RecordedRequest &request) override
    {
        lines << u"request "_s + request.request.url.toString();
    }
    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        lines << u"response %1 @%2 wall %3"_s.arg(response.attempt).arg(response.monotonicNs).arg(wallMs);
    }
    void chunkRead(const StreamChunk &chunk) override
    {
        lines << u"chunk %1 @%2 %3"_s.arg(chunk.attempt).arg(chunk.monotonicNs).arg(QString::fromUtf8(chunk.bytes));
    }
    void stateRead(const StreamStateChange &change) override
    {
        lines << u"state %1 @%2 %3"_s.arg(change.attempt).arg(change.monotonicNs).arg(streamStateName(change.state));
    }

    QStringList lines;
};

// A device that takes limit bytes and then fails, as a full disk does.
class FullDevice final : public QIODevice
{
public:
    explicit FullDevice(qint64 limit)
        : m_limit(limit)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 size) override
    {
        if (m_written + size > m_limit) {
            setErrorString(u"No space left on device"_s);
            return -1;
        }
        m_written += size;
        return size;
    }

private:
    qint64 m_limit;
    qint64 m_written = 0;
};

// A session file with its "created" time, which is when it was written, left out.
QByteArray withoutCreated(QByteArray session)
{
    const qsizetype start = session.indexOf("\"created\":\"");
    const qsizetype end = session.indexOf('"', start + 11);
    return start < 0 || end < 0 ? session : session.remove(start, end + 1 - start);
}

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
    void streamedEqualsInMemory_data();
    void streamedEqualsInMemory();
    void harStreamed();
    void sserecStreamed();
    void visitOrder();
    void progressAndCancel();
    void rawImportCancel();
    void corruptMidFile();
    void failedWriteStops();

private:
    QString path() const { return m_dir.filePath(u"session.sserec"_s); }
    Recording load(const QString &file = {});
    QByteArray exportFile(const QString &input, SessionExport::Format format, const SessionExport::Options &options,
                          SessionExport::Result *result = nullptr);

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
        connecting.lastEventId = attempt == 2 ? QByteArray("3") : QByteArray();
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

    // Attempt 1 reads bytes that are not text; attempt 2 gets no response; attempt 3 a long text body.
    SessionBuilder reconnects(m_dir.filePath(u"reconnects.sserec"_s));
    reconnects.request(QUrl(u"http://127.0.0.1:8765/s?x=1"_s))
        .state(1, StreamState::Connecting)
        .response(1, 200, 4)
        .chunk(1, QByteArray("data: a\xff\xfe\0b\n\nda", 15))
        .chunk(1, "ta: caf\xc3")
        .chunk(1, "\xa9\r\n: note\r\n\r\nid: 7\r\ndata: one\r\ndata: two\r\n\r\n")
        .chunk(1, binaryBody(), 0)
        .state(1, StreamState::WaitingToReconnect)
        .state(2, StreamState::Connecting, 3000)
        .state(2, StreamState::WaitingToReconnect, 20)
        .state(3, StreamState::Connecting, 3000)
        .response(3, 200, 7)
        .chunk(3, "retry: 10\nevent: big\n")
        .chunk(3, longText(), 2)
        .state(3, StreamState::ClosedByUser, 5);
    QVERIFY(reconnects.close());

    SessionBuilder refused(m_dir.filePath(u"refused.sserec"_s));
    refused.request(QUrl(u"http://127.0.0.1:1/"_s))
        .state(1, StreamState::Connecting)
        .state(1, StreamState::Failed)
        .response(2, 500)
        .state(2, StreamState::Failed, 0);
    QVERIFY(refused.close());

    QByteArray capture;
    for (int i = 1; capture.size() < 150000; ++i)
        capture += "id: " + QByteArray::number(i) + "\ndata: " + QByteArray(100, 'x') + "\xc3\xa9\n\n";
    QFile file(m_dir.filePath(u"capture.sse"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(capture);
}

Recording TestSessionExport::load(const QString &file)
{
    Recording recording;
    QString error;
    if (!SessionExport::load(file.isEmpty() ? path() : file, &recording, &error))
        qWarning() << error;
    return recording;
}

QByteArray TestSessionExport::exportFile(const QString &input, SessionExport::Format format,
                                         const SessionExport::Options &options, SessionExport::Result *result)
{
    QFile out(m_dir.filePath(u"export.out"_s));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    const SessionExport::Result exported = SessionExport::exportFile(input, &out, format, options);
    if (result)
        *result = exported;
    else if (!exported.ok())
        qWarning() << exported.error;
    out.close();
    return out.open(QIODevice::ReadOnly) ? out.readAll() : QByteArray();
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
    // The records ssescope watch --format ndjson prints: states, events, comments and diagnostics in stream order.
    // The second attempt's last event has no blank line: the end of the recording reports it.
    QStringList kinds;
    QList<QJsonObject> events;
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        kinds << object.value(u"kind"_s).toString();
        if (kinds.last() == u"event"_s)
            events << object;
        if (kinds.last() == u"diagnostic"_s) {
            QCOMPARE(object.value(u"code"_s).toString(), u"unterminated-event"_s);
            QCOMPARE(object.value(u"offset"_s).toInteger(), Attempt2Chunks[0].size() + 32);
            QCOMPARE(object.value(u"attempt"_s).toInt(), 2);
        }
    }
    QCOMPARE(kinds,
             (QStringList{u"state"_s, u"event"_s, u"event"_s, u"event"_s, u"comment"_s, u"state"_s, u"event"_s,
                          u"event"_s, u"diagnostic"_s}));
    QCOMPARE(events.size(), ExpectedEvents.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject &object = events[i];
        QCOMPARE(object.keys().size(), 7);
        QCOMPARE(object.value(u"type"_s).toString().toUtf8(), ExpectedEvents[i].type);
        QCOMPARE(object.value(u"data"_s).toString().toUtf8(), ExpectedEvents[i].data);
        QCOMPARE(object.value(u"id"_s).toString().toUtf8(), ExpectedEvents[i].id);
        QCOMPARE(object.value(u"attempt"_s).toInt(), ExpectedEvents[i].attempt);
        QCOMPARE(object.value(u"t_ms"_s).toInteger(), recording.events[i].monotonicNs / 1000000);
        QCOMPARE(object.value(u"wall_ms"_s).toInteger(), recording.events[i].wallMs);
    }
    // The member order is the documented one.
    QCOMPARE(lines[0],
             R"({"kind":"state","state":"connecting","cause":"unknown","reason":"","attempt":1,"t_ms":0,)"
             R"("wall_ms":1700000000000})");
    QVERIFY(lines[1].startsWith(R"({"kind":"event","type":"message","data":"plain","id":"1","attempt":1,"t_ms":)"));
    QVERIFY2(lines[4].startsWith(R"({"kind":"comment","text":" a comment","attempt":1,"t_ms":)"), lines[4].constData());
}

void TestSessionExport::csv()
{
    const Recording recording = load();
    const QByteArray out = SessionExport::toCsv(recording);
    bool ok = false;
    const QList<QList<QByteArray>> rows = readCsv(out, &ok);
    QVERIFY(ok);
    // The events, then the diagnostic the end of the recording finds: the second attempt's unfinished event.
    QCOMPARE(rows.size(), ExpectedEvents.size() + 2);
    QCOMPARE(rows[0], (QList<QByteArray>{"seq", "attempt", "t_ms", "wall_ms", "kind", "type", "id", "data"}));
    for (qsizetype i = 0; i < ExpectedEvents.size(); ++i) {
        const QList<QByteArray> expected{QByteArray::number(i + 1),
                                         QByteArray::number(ExpectedEvents[i].attempt),
                                         QByteArray::number(recording.events[i].monotonicNs / 1000000),
                                         QByteArray::number(recording.events[i].wallMs),
                                         "event",
                                         ExpectedEvents[i].type,
                                         ExpectedEvents[i].id,
                                         ExpectedEvents[i].data};
        QCOMPARE(rows[i + 1], expected);
    }
    const QList<QByteArray> diagnostic = rows.last();
    QCOMPARE(diagnostic.mid(0, 2), (QList<QByteArray>{QByteArray::number(ExpectedEvents.size() + 1), "2"}));
    QCOMPARE(diagnostic.mid(4),
             (QList<QByteArray>{"diagnostic", "unterminated-event", "",
                                "stream ended inside an event (no blank line): the event was "
                                "discarded"}));
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
    // What went out: the client's own headers, then the user's, a secret redacted; a reconnect adds the
    // Last-Event-ID it resumed from.
    const auto headers = [](const QJsonValue &entry) {
        QStringList lines;
        for (const QJsonValue &header : entry[u"request"_s][u"headers"_s].toArray())
            lines << header[u"name"_s].toString() + u": "_s + header[u"value"_s].toString();
        return lines;
    };
    const QString userAgent = u"User-Agent: SSE Scope/"_s + QString::fromLatin1(SseScope::Version);
    QCOMPARE(headers(first),
             QStringList({u"Accept: text/event-stream"_s, u"Cache-Control: no-cache"_s, userAgent,
                          u"Content-Type: application/json"_s, u"Authorization: <redacted>"_s}));
    QCOMPARE(headers(entries[1]),
             QStringList({u"Accept: text/event-stream"_s, u"Cache-Control: no-cache"_s, userAgent,
                          u"Last-Event-ID: 3"_s, u"Content-Type: application/json"_s, u"Authorization: <redacted>"_s}));
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
    QCOMPARE(SessionExport::formatFromName(u"sserec"), SessionExport::Format::Sserec);
    QVERIFY(!SessionExport::formatFromName(u"HAR"));
    QVERIFY(!SessionExport::formatFromName(u""));
}

void TestSessionExport::streamedEqualsInMemory_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("raw");
    QTest::addColumn<SessionExport::Format>("format");
    const QList<QPair<const char *, SessionExport::Format>> formats{
        {"ndjson", SessionExport::Format::Ndjson}, {"csv", SessionExport::Format::Csv},
        {"sse", SessionExport::Format::Sse},       {"raw", SessionExport::Format::Raw},
        {"har", SessionExport::Format::Har},       {"sserec", SessionExport::Format::Sserec},
    };
    for (const auto &[name, format] : formats) {
        QTest::addRow("two attempts, %s", name) << path() << false << format;
        QTest::addRow("reconnects and binary, %s", name) << m_dir.filePath(u"reconnects.sserec"_s) << false << format;
        QTest::addRow("refused, %s", name) << m_dir.filePath(u"refused.sserec"_s) << false << format;
        QTest::addRow("raw capture, %s", name) << m_dir.filePath(u"capture.sse"_s) << true << format;
    }
}

void TestSessionExport::streamedEqualsInMemory()
{
    QFETCH(QString, input);
    QFETCH(bool, raw);
    QFETCH(SessionExport::Format, format);
    SessionExport::Options options;
    options.fromRaw = raw;
    options.url = raw ? QUrl(u"https://example.com/s"_s) : QUrl();
    SessionExport::Result result;
    QByteArray streamed = exportFile(input, format, options, &result);
    QVERIFY2(result.ok(), qPrintable(result.error));

    Recording recording;
    if (raw) {
        QFile file(input);
        QVERIFY(file.open(QIODevice::ReadOnly));
        recording = SessionExport::fromRaw(file.readAll(), options.url);
    } else {
        recording = load(input);
    }
    QCOMPARE(result.events, recording.events.size());
    QByteArray inMemory = SessionExport::write(recording, format);
    if (format == SessionExport::Format::Sserec) {
        streamed = withoutCreated(streamed);
        inMemory = withoutCreated(inMemory);
    }
    // Only the event stream and the raw bytes of a recording without chunks are empty; NDJSON has its states.
    const bool empty = recording.chunks.isEmpty()
        && (format == SessionExport::Format::Sse || format == SessionExport::Format::Raw
            || (format == SessionExport::Format::Ndjson && recording.states.isEmpty()));
    QCOMPARE(streamed.isEmpty(), empty);
    QCOMPARE(streamed.size(), inMemory.size());
    QVERIFY(streamed == inMemory);
}

void TestSessionExport::harStreamed()
{
    const QString input = m_dir.filePath(u"reconnects.sserec"_s);
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson(exportFile(input, SessionExport::Format::Har, SessionExport::Options()), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject log = document.object().value(u"log"_s).toObject();
    QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
    QCOMPARE(log.value(u"creator"_s)[u"name"_s].toString(), u"SSE Scope"_s);
    const QJsonArray entries = log.value(u"entries"_s).toArray();
    // Attempt 2 got no response and read nothing: it has no entry.
    QCOMPARE(entries.size(), 2);
    const QList<QByteArray> bodies{QByteArray("data: a\xff\xfe\0b\n\nda", 15) + "ta: caf\xc3"
                                       + "\xa9\r\n: note\r\n\r\nid: 7\r\ndata: one\r\ndata: two\r\n\r\n" + binaryBody(),
                                   "retry: 10\nevent: big\n" + longText()};
    const Recording recording = load(input);
    for (int i = 0; i < 2; ++i) {
        const QJsonObject entry = entries[i].toObject();
        QCOMPARE(entry.value(u"request"_s)[u"url"_s].toString(), u"http://127.0.0.1:8765/s?x=1"_s);
        QCOMPARE(entry.value(u"request"_s)[u"queryString"_s][0][u"value"_s].toString(), u"1"_s);
        const QJsonObject response = entry.value(u"response"_s).toObject();
        QCOMPARE(response.value(u"status"_s).toInt(), 200);
        QCOMPARE(response.value(u"statusText"_s).toString(), u"OK"_s);
        QCOMPARE(response.value(u"bodySize"_s).toInteger(), bodies[i].size());
        const QJsonObject content = response.value(u"content"_s).toObject();
        QCOMPARE(content.value(u"size"_s).toInteger(), bodies[i].size());
        QCOMPARE(content.value(u"mimeType"_s).toString(), u"text/event-stream"_s);
        if (i == 0) {
            QCOMPARE(content.value(u"encoding"_s).toString(), u"base64"_s);
            QVERIFY(QByteArray::fromBase64(content.value(u"text"_s).toString().toLatin1()) == bodies[i]);
        } else {
            QVERIFY(!content.contains(u"encoding"_s));
            QVERIFY(content.value(u"text"_s).toString().toUtf8() == bodies[i]);
        }
        QVERIFY(entry.value(u"cache"_s).isObject());
    }

    // Attempt 1: connecting at 1 ms, the head at 5 ms, the last chunk at 8 ms.
    const QJsonObject first = entries[0].toObject();
    QCOMPARE(first.value(u"startedDateTime"_s).toString(), u"2023-11-14T22:13:20.001Z"_s);
    QCOMPARE(first.value(u"time"_s).toDouble(), 7.0);
    QCOMPARE(first.value(u"timings"_s)[u"send"_s].toDouble(), 0.0);
    QCOMPARE(first.value(u"timings"_s)[u"wait"_s].toDouble(), 4.0);
    QCOMPARE(first.value(u"timings"_s)[u"receive"_s].toDouble(), 3.0);
    // Attempt 3: connecting at 6029 ms, the head 7 ms later, the last chunk 3 ms after that.
    const QJsonObject second = entries[1].toObject();
    QCOMPARE(second.value(u"startedDateTime"_s).toString(), u"2023-11-14T22:13:26.029Z"_s);
    QCOMPARE(second.value(u"timings"_s)[u"wait"_s].toDouble(), 7.0);
    QCOMPARE(second.value(u"timings"_s)[u"receive"_s].toDouble(), 3.0);

    const QJsonArray messages1 = first.value(u"_eventSourceMessages"_s).toArray();
    const QJsonArray messages2 = second.value(u"_eventSourceMessages"_s).toArray();
    QCOMPARE(messages1.size() + messages2.size(), recording.events.size());
    QCOMPARE(messages2.size(), 1);
    QCOMPARE(messages1[0][u"data"_s].toString(), u"a\ufffd\ufffd"_s + QChar(0) + u"b"_s);
    QCOMPARE(messages1[1][u"data"_s].toString(), u"caf\u00e9"_s);
    QCOMPARE(messages1[2][u"data"_s].toString(), u"one\ntwo"_s);
    QCOMPARE(messages1[2][u"time"_s].toDouble(), double(SessionBuilder::Wall + 8) / 1000.0);
    QCOMPARE(messages1[3][u"data"_s].toString(), u"x"_s);
    QCOMPARE(messages2[0][u"type"_s].toString(), u"big"_s);
    QCOMPARE(messages2[0][u"data"_s].toString().toUtf8(), longText().sliced(6).chopped(2));
    QCOMPARE(messages2[0][u"opcode"_s].toInt(), 1);

    // A refused attempt has no entry; one answered with 500 has one, with an empty body.
    const QJsonArray refused
        = QJsonDocument::fromJson(exportFile(m_dir.filePath(u"refused.sserec"_s), SessionExport::Format::Har, {}))
              .object()[u"log"_s][u"entries"_s]
              .toArray();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused[0][u"response"_s][u"status"_s].toInt(), 500);
    QCOMPARE(refused[0][u"response"_s][u"statusText"_s].toString(), u"Internal Server Error"_s);
    QCOMPARE(refused[0][u"response"_s][u"content"_s][u"text"_s].toString(), QString());
    QCOMPARE(refused[0][u"response"_s][u"content"_s][u"size"_s].toInt(), 0);
    QCOMPARE(refused[0][u"startedDateTime"_s].toString(), u"2023-11-14T22:13:20.003Z"_s);
    QCOMPARE(refused[0][u"_eventSourceMessages"_s].toArray().size(), 0);
}

void TestSessionExport::sserecStreamed()
{
    // A raw capture turned into a recording on the way: chunks of 64 KiB, the events of the capture.
    SessionExport::Options options;
    options.fromRaw = true;
    options.url = QUrl(u"https://example.com/s"_s);
    const QByteArray session = exportFile(m_dir.filePath(u"capture.sse"_s), SessionExport::Format::Sserec, options);
    const QString copy = m_dir.filePath(u"capture.sserec"_s);
    QFile file(copy);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(session);
    file.close();
    const Recording recording = load(copy);
    QCOMPARE(recording.request->request.url, options.url);
    QCOMPARE(recording.responses.size(), 1);
    QCOMPARE(recording.chunks.size(), 3);
    QCOMPARE(recording.chunks[0].bytes.size(), 65536);
    QCOMPARE(recording.chunks[1].offset, 65536);
    QFile capture(m_dir.filePath(u"capture.sse"_s));
    QVERIFY(capture.open(QIODevice::ReadOnly));
    QCOMPARE(SessionExport::toRaw(recording), capture.readAll());
    QCOMPARE(recording.events.last().event.lastEventId, QByteArray::number(recording.events.size()));
}

void TestSessionExport::visitOrder()
{
    Recording recording;
    recording.header.app = u"SSE Scope 9"_s;
    recording.request = RecordedRequest();
    recording.request->request.url = QUrl(u"http://a/"_s);
    StreamStateChange state;
    state.attempt = 1;
    state.state = StreamState::Connecting;
    state.monotonicNs = 0;
    recording.states << state;
    state.state = StreamState::Open;
    state.monotonicNs = 20;
    recording.states << state;
    StreamResponse response;
    response.attempt = 1;
    response.monotonicNs = 20;
    recording.responses << response;
    recording.responseWallMs << 77;
    StreamChunk chunk;
    chunk.attempt = 1;
    chunk.monotonicNs = 30;
    chunk.bytes = "b";
    recording.chunks << chunk;
    chunk.monotonicNs = 20;
    chunk.bytes = "a";
    recording.chunks << chunk;
    chunk.monotonicNs = 30;
    chunk.bytes = "c";
    recording.chunks << chunk;
    state.state = StreamState::WaitingToReconnect;
    state.monotonicNs = 10;
    recording.states << state;
    RecordLog log;
    SessionExport::visit(recording, log);
    const QStringList expected{
        u"header SSE Scope 9"_s,     u"request http://a/"_s,
        u"state 1 @0 connecting"_s,  u"state 1 @10 waiting-to-reconnect"_s,
        u"response 1 @20 wall 77"_s, u"chunk 1 @20 a"_s,
        u"state 1 @20 open"_s,       u"chunk 1 @30 b"_s,
        u"chunk 1 @30 c"_s,
    };
    QCOMPARE(log.lines, expected);

    // A session file written from it holds the records in the same order.
    const QString written = m_dir.filePath(u"visited.sserec"_s);
    QString error;
    QVERIFY2(SessionExport::writeRecording(recording, written, &error), qPrintable(error));
    RecordLog read;
    QVERIFY(SessionReader().readFile(written, read).ok());
    QCOMPARE(read.lines.size(), expected.size());
    for (qsizetype i = 2; i < expected.size(); ++i)
        QCOMPARE(read.lines[i].section(u' ', 0, 2), expected[i].section(u' ', 0, 2));
}

void TestSessionExport::progressAndCancel()
{
    const QString input = m_dir.filePath(u"reconnects.sserec"_s);
    const qint64 size = QFileInfo(input).size();
    QList<QPair<qint64, qint64>> progress;
    SessionExport::Options options;
    options.progress = [&progress](qint64 read, qint64 total) {
        progress << qMakePair(read, total);
    };
    SessionExport::Result result;
    exportFile(input, SessionExport::Format::Ndjson, options, &result);
    QVERIFY(result.ok());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), qMakePair(size, size));

    // Cancelled at the fourth record: the header, the request and the connecting state went through.
    int calls = 0;
    options.shouldContinue = [&calls] {
        return ++calls < 4;
    };
    const QByteArray out = exportFile(input, SessionExport::Format::Har, options, &result);
    QCOMPARE(result.status, SessionExport::Result::Status::Cancelled);
    QCOMPARE(result.error, u"the export was cancelled"_s);
    QCOMPARE(calls, 4);
    QCOMPARE(result.events, 0);
    // A cancelled export does not end as a complete one would.
    QVERIFY(!out.contains("]}}"));
    QVERIFY(QJsonDocument::fromJson(out).isNull());
}

void TestSessionExport::rawImportCancel()
{
    const QString input = m_dir.filePath(u"capture.sse"_s);
    SessionExport::Options options;
    options.fromRaw = true;
    int calls = 0;
    options.shouldContinue = [&calls] {
        return ++calls < 3;
    };
    SessionExport::Result result;
    exportFile(input, SessionExport::Format::Raw, options, &result);
    QCOMPARE(result.status, SessionExport::Result::Status::Cancelled);
    QCOMPARE(calls, 3);
    // Two chunks of 64 KiB went through, the third did not.
    QFile capture(input);
    QVERIFY(capture.open(QIODevice::ReadOnly));
    const QByteArray bytes = capture.readAll();
    QVERIFY(bytes.size() > 2 * 65536);
    QCOMPARE(result.events, bytes.first(2 * 65536).count("\n\n"));

    options.shouldContinue = {};
    exportFile(m_dir.filePath(u"missing.sse"_s), SessionExport::Format::Raw, options, &result);
    QCOMPARE(result.status, SessionExport::Result::Status::InputError);
    QVERIFY2(result.error.startsWith(u"cannot open "_s + m_dir.filePath(u"missing.sse"_s)), qPrintable(result.error));
}

void TestSessionExport::corruptMidFile()
{
    QFile source(m_dir.filePath(u"reconnects.sserec"_s));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = source.readAll().split('\n');
    QByteArray corrupt;
    for (qsizetype i = 0; i < 6; ++i)
        corrupt += lines[i] + '\n';
    const qint64 offset = corrupt.size();
    corrupt += "{\"t\":\"chunk\",\"ns\":\n";
    for (qsizetype i = 6; i < lines.size() - 1; ++i)
        corrupt += lines[i] + '\n';
    const QString input = m_dir.filePath(u"corrupt-mid.sserec"_s);
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(corrupt);
    file.close();

    SessionExport::Result result;
    exportFile(input, SessionExport::Format::Ndjson, {}, &result);
    QCOMPARE(result.status, SessionExport::Result::Status::InputError);
    QVERIFY2(result.error.startsWith(u"line 7 (byte %1): not JSON"_s.arg(offset)), qPrintable(result.error));
}

void TestSessionExport::failedWriteStops()
{
    // The raw bytes fill the device after the first 64 KiB block: the rest of the capture is not read.
    FullDevice device(1000);
    SessionExport::Options options;
    options.fromRaw = true;
    int records = 0;
    options.shouldContinue = [&records] {
        ++records;
        return true;
    };
    const SessionExport::Result result
        = SessionExport::exportFile(m_dir.filePath(u"capture.sse"_s), &device, SessionExport::Format::Raw, options);
    QCOMPARE(result.status, SessionExport::Result::Status::OutputError);
    QCOMPARE(result.error, u"No space left on device"_s);
    QCOMPARE(records, 1);
}

QTEST_GUILESS_MAIN(TestSessionExport)
#include "tst_sessionexport.moc"
