// SPDX-License-Identifier: GPL-3.0-or-later
// The session file: byte-exact round trips, redaction, a recording cut at every byte, corrupt and foreign
// files, cancellation and progress, and a live recording of the embedded producer read back.
#include "mockproducer.h"
#include "net/sseclient.h"
#include "recording/sessionreader.h"
#include "recording/sessionrecorder.h"
#include "recording/sessionwriter.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {

struct Collector final : SessionSink
{
    void headerRead(const SessionHeader &h) override { header = h; }
    void requestRead(const RecordedRequest &r) override { requests << r; }
    void responseRead(const StreamResponse &r, qint64 wallMs) override
    {
        responses << r;
        responseWalls << wallMs;
    }
    void chunkRead(const StreamChunk &c) override { chunks << c; }
    void stateRead(const StreamStateChange &s) override { states << s; }

    SessionHeader header;
    QList<RecordedRequest> requests;
    QList<StreamResponse> responses;
    QList<qint64> responseWalls;
    QList<StreamChunk> chunks;
    QList<StreamStateChange> states;
};

StreamChunk makeChunk(const QByteArray &bytes, qint64 offset = 0, qint64 ns = 1000, qint64 wall = 1700000000000)
{
    StreamChunk chunk;
    chunk.bytes = bytes;
    chunk.offset = offset;
    chunk.attempt = 1;
    chunk.monotonicNs = ns;
    chunk.wallMs = wall;
    return chunk;
}

StreamStateChange makeState(StreamState state, const QString &reason, qint64 ns)
{
    StreamStateChange change;
    change.state = state;
    change.reason = reason;
    change.attempt = 1;
    change.monotonicNs = ns;
    change.wallMs = 1700000000000 + ns / 1000000;
    return change;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

SessionReader::Result readBytes(const QByteArray &bytes, Collector &sink, const SessionReader &reader = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return reader.read(&buffer, sink);
}

const QByteArray Header
    = R"({"format":"ssescope-session","version":1,"created":"2026-01-01T00:00:00.000Z","app":"SSE Scope 1"})"
      "\n";

} // namespace

class TestSessionFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void chunkRoundTrip_data();
    void chunkRoundTrip();
    void requestRoundTrip_data();
    void requestRoundTrip();
    void statesAndResponsesRoundTrip();
    void causesRoundTrip();
    void timesRelativeToStart();
    void headerWritten();
    void truncatedAtEveryByte();
    void corruptLineInTheMiddle();
    void recordErrors_data();
    void recordErrors();
    void futureVersionRefused();
    void notARecording_data();
    void notARecording();
    void unknownTypeSkipped();
    void lineTooLong();
    void cancellationStopsEarly();
    void progressReported();
    void writeErrors();
    void recorderRecordsTicker();

private:
    QString path() const { return m_dir.filePath(u"s.sserec"_s); }

    QTemporaryDir m_dir;
};

void TestSessionFile::init()
{
    QVERIFY(m_dir.isValid());
}

void TestSessionFile::chunkRoundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("base64");

    QTest::newRow("ascii event") << QByteArray("id: 1\ndata: hello\n\n") << false;
    QTest::newRow("utf-8") << QByteArray("data: \xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80\n\n") << false;
    QTest::newRow("invalid utf-8") << QByteArray("data: \xff\xfe\xc3\n\n") << true;
    QTest::newRow("cut utf-8 sequence") << QByteArray("data: \xe4\xbd") << true;
    QTest::newRow("nul bytes") << QByteArray("data: a\0b\0\n\n", 12) << false;
    QTest::newRow("crlf") << QByteArray("data: x\r\n\r\n") << false;
    QTest::newRow("lone cr") << QByteArray("data: x\r\r") << false;
    QTest::newRow("bom") << QByteArray("\xef\xbb\xbf"
                                       "data: x\n\n")
                         << false;
    QTest::newRow("quotes and backslashes") << QByteArray("data: {\"a\":\"\\u0041\\\\\"}\n\n") << false;
    QTest::newRow("control characters") << QByteArray("\x01\x1f\x7f\t\b\f") << false;
    QTest::newRow("line separator") << QByteArray("\xe2\x80\xa8\xe2\x80\xa9") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QByteArray big(5 << 20, 'x');
    for (qsizetype i = 0; i < big.size(); i += 997)
        big[i] = '\n';
    QTest::newRow("5 MiB") << big << false;
    big[123] = '\xff';
    QTest::newRow("5 MiB binary") << big << true;
}

void TestSessionFile::chunkRoundTrip()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, base64);

    SessionWriter writer;
    QVERIFY2(writer.open(path()), qPrintable(writer.errorString()));
    QVERIFY(writer.writeChunk(makeChunk("first", 0, 5000)));
    QVERIFY(writer.writeChunk(makeChunk(bytes, 5, 7000, 1700000000002)));
    writer.close();
    const QByteArray file = readAll(path());
    QCOMPARE(writer.bytesWritten(), file.size());
    QCOMPARE(file.count('\n'), 3);
    QCOMPARE(file.contains("\"data_b64\":"), base64);

    Collector sink;
    const SessionReader::Result result = SessionReader().readFile(path(), sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.warnings, QStringList());
    QCOMPARE(result.records, 2);
    QCOMPARE(sink.chunks.size(), 2);
    QCOMPARE(sink.chunks[0].bytes, QByteArray("first"));
    QCOMPARE(sink.chunks[0].monotonicNs, 0);
    const StreamChunk &chunk = sink.chunks[1];
    QCOMPARE(chunk.bytes.size(), bytes.size());
    QVERIFY(chunk.bytes == bytes);
    QCOMPARE(chunk.offset, 5);
    QCOMPARE(chunk.attempt, 1);
    QCOMPARE(chunk.monotonicNs, 2000);
    QCOMPARE(chunk.wallMs, 1700000000002);
}

void TestSessionFile::requestRoundTrip_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepSecrets");
    QTest::addColumn<Headers>("expectedHeaders");
    QTest::addColumn<QByteArrayList>("expectedRedacted");

    const QByteArray r = "<redacted>";
    const Headers redacted = {{"Authorization", r}, {"Cookie", r},
                              {"X-Api-Key", r},     {"X-Auth-Token", r},
                              {"Client-Secret", r}, {"Accept", "text/event-stream"},
                              {"My-ApiKey", r},     {"Proxy-Authorization", r}};
    const QByteArrayList names
        = {"authorization", "cookie", "x-api-key", "x-auth-token", "client-secret", "my-apikey", "proxy-authorization"};
    const Headers kept = {{"Authorization", "Bearer sk-1"},
                          {"Cookie", "a=b"},
                          {"X-Api-Key", "k"},
                          {"X-Auth-Token", "t"},
                          {"Client-Secret", "s"},
                          {"Accept", "text/event-stream"},
                          {"My-ApiKey", "q"},
                          {"Proxy-Authorization", "p"}};

    QTest::newRow("utf-8 body, redacted") << QByteArray("{\"prompt\":\"\xe4\xbd\xa0\"}") << false << redacted << names;
    QTest::newRow("binary body, redacted") << QByteArray("\x00\xff\x80zz", 5) << false << redacted << names;
    QTest::newRow("no body, secrets kept") << QByteArray() << true << kept << QByteArrayList();
}

void TestSessionFile::requestRoundTrip()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, keepSecrets);
    QFETCH(Headers, expectedHeaders);
    QFETCH(QByteArrayList, expectedRedacted);

    StreamRequest request;
    request.url = QUrl(u"https://api.example.com/v1/stream?x=%C3%A9&y=1"_s);
    request.method = "POST";
    request.headers = {{"Authorization", "Bearer sk-1"},
                       {"Cookie", "a=b"},
                       {"X-Api-Key", "k"},
                       {"X-Auth-Token", "t"},
                       {"Client-Secret", "s"},
                       {"Accept", "text/event-stream"},
                       {"My-ApiKey", "q"},
                       {"Proxy-Authorization", "p"}};
    request.body = body;
    request.lastEventId = "41";

    SessionWriter writer;
    writer.setKeepSecrets(keepSecrets);
    QVERIFY(writer.open(path()));
    QVERIFY(writer.writeRequest(request, 100, 1700000000000));
    writer.close();
    const QByteArray file = readAll(path());
    QCOMPARE(file.contains("sk-1"), keepSecrets);

    Collector sink;
    const SessionReader::Result result = SessionReader().readFile(path(), sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(sink.requests.size(), 1);
    const RecordedRequest &read = sink.requests[0];
    QCOMPARE(read.request.url, request.url);
    QCOMPARE(read.request.method, QByteArray("POST"));
    QCOMPARE(read.request.headers, expectedHeaders);
    QCOMPARE(read.request.body, body);
    QCOMPARE(read.request.lastEventId, QByteArray("41"));
    QCOMPARE(read.redacted, expectedRedacted);
    QCOMPARE(read.monotonicNs, 0);
    QCOMPARE(read.wallMs, 1700000000000);
}

void TestSessionFile::statesAndResponsesRoundTrip()
{
    StreamResponse response;
    response.attempt = 2;
    response.status = 200;
    response.reasonPhrase = "OK";
    response.url = QUrl(u"http://127.0.0.1:8080/ticker?count=3"_s);
    response.headers = {{"Content-Type", "text/event-stream"}, {"Set-Cookie", "s=1"}, {"X-Latin", "caf\xe9"}};
    response.monotonicNs = 3000000;
    StreamStateChange waiting = makeState(StreamState::WaitingToReconnect, u"the connection ended"_s, 2000000);
    waiting.delayMs = 1500;
    waiting.httpStatus = 503;

    SessionWriter writer;
    QVERIFY(writer.open(path()));
    QVERIFY(writer.writeState(makeState(StreamState::Connecting, u"start"_s, 1000000)));
    QVERIFY(writer.writeState(waiting));
    QVERIFY(writer.writeResponse(response));
    QVERIFY(writer.writeState(makeState(StreamState::Failed, u"\u00e9chec \"quoted\"\n"_s, 4000000)));
    writer.close();

    Collector sink;
    const SessionReader::Result result = SessionReader().readFile(path(), sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.records, 4);
    QCOMPARE(sink.states.size(), 3);
    QCOMPARE(sink.states[0].state, StreamState::Connecting);
    QCOMPARE(sink.states[0].monotonicNs, 0);
    QCOMPARE(sink.states[0].delayMs, -1);
    QCOMPARE(sink.states[1].state, StreamState::WaitingToReconnect);
    QCOMPARE(sink.states[1].reason, u"the connection ended"_s);
    QCOMPARE(sink.states[1].delayMs, 1500);
    QCOMPARE(sink.states[1].httpStatus, 503);
    QCOMPARE(sink.states[1].monotonicNs, 1000000);
    QCOMPARE(sink.states[1].wallMs, waiting.wallMs);
    QCOMPARE(sink.states[2].state, StreamState::Failed);
    QCOMPARE(sink.states[2].reason, u"\u00e9chec \"quoted\"\n"_s);
    QCOMPARE(sink.responses.size(), 1);
    const StreamResponse &read = sink.responses[0];
    QCOMPARE(read.attempt, 2);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.reasonPhrase, QByteArray("OK"));
    QCOMPARE(read.url, response.url);
    const Headers expected
        = {{"Content-Type", "text/event-stream"}, {"Set-Cookie", "<redacted>"}, {"X-Latin", "caf\xe9"}};
    QCOMPARE(read.headers, expected);
    QCOMPARE(read.monotonicNs, 2000000);
    // derived from the state before it: 1 ms later
    QCOMPARE(sink.responseWalls[0], waiting.wallMs + 1);
}

// A state's cause and its values come back, so that a reader tells why in its own words; a record without them
// (written before causes were kept) reads as an unknown cause with its reason.
void TestSessionFile::causesRoundTrip()
{
    StreamStateChange connecting = makeState(StreamState::Connecting, u"attempt 2: POST http://h/x"_s, 1000000);
    connecting.cause = StreamCause::Connecting;
    connecting.method = "POST";
    connecting.detail = u"http://h/x"_s;
    connecting.lastEventId = "41";
    StreamStateChange refused = makeState(StreamState::WaitingToReconnect, u"status 503"_s, 2000000);
    refused.cause = StreamCause::WrongStatus;
    refused.followUp = StreamFollowUp::Reconnect;
    refused.detail = u"Service Unavailable"_s;
    refused.body = QByteArray("{\"error\":\"busy\"}\xff");
    refused.retryAfter = true;
    refused.delayMs = 7000;
    StreamStateChange idle = makeState(StreamState::Failed, u"no byte"_s, 3000000);
    idle.cause = StreamCause::IdleTimeout;
    idle.followUp = StreamFollowUp::AttemptsExhausted;
    idle.timeoutMs = 30000;

    SessionWriter writer;
    QVERIFY(writer.open(path()));
    for (const StreamStateChange &change : {connecting, refused, idle})
        QVERIFY(writer.writeState(change));
    writer.close();
    QFile file(path());
    QVERIFY(file.open(QIODevice::Append));
    file.write(R"({"t":"state","ns":5000000,"wall":1,"attempt":1,"state":"failed","reason":"as it was"})"
               "\n");
    file.close();

    Collector sink;
    const SessionReader::Result result = SessionReader().readFile(path(), sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(sink.states.size(), 4);
    QCOMPARE(sink.states[0].cause, StreamCause::Connecting);
    QCOMPARE(sink.states[0].method, QByteArray("POST"));
    QCOMPARE(sink.states[0].detail, u"http://h/x"_s);
    QCOMPARE(sink.states[0].lastEventId, QByteArray("41"));
    QCOMPARE(sink.states[1].cause, StreamCause::WrongStatus);
    QCOMPARE(sink.states[1].followUp, StreamFollowUp::Reconnect);
    QCOMPARE(sink.states[1].detail, u"Service Unavailable"_s);
    QCOMPARE(sink.states[1].body, refused.body);
    QVERIFY(sink.states[1].retryAfter);
    QCOMPARE(sink.states[2].cause, StreamCause::IdleTimeout);
    QCOMPARE(sink.states[2].followUp, StreamFollowUp::AttemptsExhausted);
    QCOMPARE(sink.states[2].timeoutMs, 30000);
    QCOMPARE(sink.states[3].cause, StreamCause::Unknown);
    QCOMPARE(sink.states[3].reason, u"as it was"_s);
    QCOMPARE(streamStateReason(sink.states[3]), u"as it was"_s);
}

void TestSessionFile::timesRelativeToStart()
{
    SessionWriter writer;
    QVERIFY(writer.open(path(), 500));
    QVERIFY(writer.writeChunk(makeChunk("a", 0, 800)));
    QVERIFY(writer.writeChunk(makeChunk("b", 1, 1800)));
    writer.close();
    Collector sink;
    QVERIFY(SessionReader().readFile(path(), sink).ok());
    QCOMPARE(sink.chunks.size(), 2);
    QCOMPARE(sink.chunks[0].monotonicNs, 300);
    QCOMPARE(sink.chunks[1].monotonicNs, 1300);
}

void TestSessionFile::headerWritten()
{
    SessionWriter writer;
    QVERIFY(writer.open(path()));
    writer.close();
    const QByteArray file = readAll(path());
    const QByteArray start = R"({"format":"ssescope-session","version":1,"created":")";
    QVERIFY2(file.startsWith(start), file.constData());
    QVERIFY(file.endsWith("\n"));
    Collector sink;
    const SessionReader::Result result = SessionReader().readFile(path(), sink);
    QVERIFY(result.ok());
    QCOMPARE(result.records, 0);
    QCOMPARE(sink.header.version, 1);
    QVERIFY(sink.header.app.startsWith(u"SSE Scope "_s));
    QVERIFY(sink.header.created.endsWith(u'Z'));
}

void TestSessionFile::truncatedAtEveryByte()
{
    SessionWriter writer;
    QVERIFY(writer.open(path()));
    StreamRequest request;
    request.url = QUrl(u"http://h/s"_s);
    QVERIFY(writer.writeRequest(request, 0, 1));
    QVERIFY(writer.writeState(makeState(StreamState::Connecting, u"go"_s, 10)));
    QVERIFY(writer.writeChunk(makeChunk("data: 1\n\n", 0, 20)));
    QVERIFY(writer.writeChunk(makeChunk("\xff\n", 9, 30)));
    writer.close();
    const QByteArray file = readAll(path());

    QList<qsizetype> lineStarts = {0};
    for (qsizetype i = 0; i < file.size(); ++i) {
        if (file[i] == '\n')
            lineStarts << i + 1;
    }
    QCOMPARE(lineStarts.size(), 6); // five lines, and the end
    for (qsizetype cut = 1; cut < file.size(); ++cut) {
        const QByteArray prefix = file.first(cut);
        Collector sink;
        const SessionReader::Result result = readBytes(prefix, sink);
        const QByteArray at = QByteArray::number(cut);
        QVERIFY2(result.ok(), qPrintable(result.error + u" at "_s + QString::number(cut)));
        qsizetype line = 0; // index of the line the cut is in
        while (lineStarts[line + 1] <= cut)
            ++line;
        const bool atBoundary = lineStarts[line] == cut;
        const bool onlyNewlineMissing = lineStarts[line + 1] == cut + 1;
        const qint64 whole = (atBoundary || onlyNewlineMissing) ? line + (onlyNewlineMissing ? 1 : 0) : line;
        QCOMPARE(result.records, qMax<qint64>(0, whole - 1));
        QCOMPARE(sink.requests.size() + sink.states.size() + sink.chunks.size(), result.records);
        if (atBoundary || onlyNewlineMissing) {
            QCOMPARE(result.warnings, QStringList());
        } else {
            const QString expected = u"the last record (line %1, byte %2) is incomplete: the recording was cut off; "
                                     u"it was dropped"_s.arg(line + 1)
                                         .arg(lineStarts[line]);
            QCOMPARE(result.warnings, QStringList{expected});
        }
    }
}

void TestSessionFile::corruptLineInTheMiddle()
{
    const QByteArray second = R"({"t":"chunk","ns":0,"wall":0,"attempt":1,"offset":0,"data":"a"})"
                              "\n";
    const QByteArray file = Header + second + "{\"t\":\"chunk\",\"ns\":1,oops}\n" + second;
    Collector sink;
    const SessionReader::Result result = readBytes(file, sink);
    QCOMPARE(result.status, SessionReader::Status::Error);
    const QString prefix = u"line 3 (byte %1): not JSON: "_s.arg(Header.size() + second.size());
    QVERIFY2(result.error.startsWith(prefix), qPrintable(result.error));
    QVERIFY(result.error.size() > prefix.size());
    QCOMPARE(sink.chunks.size(), 1);
}

void TestSessionFile::recordErrors_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("error");

    QTest::newRow("chunk without data") << QByteArray(R"({"t":"chunk","ns":0,"wall":0,"attempt":1,"offset":0})")
                                        << u"line 2: a chunk record without data"_s;
    QTest::newRow("bad base64") << QByteArray(R"({"t":"chunk","ns":0,"data_b64":"@@@"})")
                                << u"line 2: data_b64 is not valid base64"_s;
    QTest::newRow("unknown state") << QByteArray(R"({"t":"state","ns":0,"state":"dancing"})")
                                   << u"line 2: a state record with an unknown state"_s;
    QTest::newRow("no type") << QByteArray(R"({"ns":0})")
                             << u"line 2 (byte %1): a record without a type"_s.arg(Header.size());
    QTest::newRow("array") << QByteArray("[1,2]") << u"line 2 (byte %1): not a JSON object"_s.arg(Header.size());
}

void TestSessionFile::recordErrors()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, error);
    Collector sink;
    const SessionReader::Result result = readBytes(Header + line + '\n', sink);
    QCOMPARE(result.status, SessionReader::Status::Error);
    QCOMPARE(result.error, error);
}

void TestSessionFile::futureVersionRefused()
{
    const QByteArray file = R"({"format":"ssescope-session","version":3,"created":"x","app":"SSE Scope 9"})"
                            "\n";
    Collector sink;
    const SessionReader::Result result = readBytes(file, sink);
    QCOMPARE(result.status, SessionReader::Status::Error);
    QCOMPARE(result.error, u"recorded by a newer SSE Scope (format version 3; this one reads 1)"_s);
}

void TestSessionFile::notARecording_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");

    const QString notOurs = u"not an SSE Scope recording (line 1 is not a session header)"_s;
    QByteArray random(4096, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (char &c : random)
        c = char(generator.bounded(256));
    QTest::newRow("random bytes") << random << notOurs;
    QTest::newRow("random bytes, 1 MiB, no newline") << QByteArray(1 << 20, '\xab') << notOurs;
    QTest::newRow("a JSON file") << QByteArray("{\"format\":\"other\",\"version\":1}\n{}\n") << notOurs;
    QTest::newRow("a JSON array") << QByteArray("[1,2,3]\n") << notOurs;
    QTest::newRow("text") << QByteArray("data: hello\n\n") << notOurs;
    QTest::newRow("no version") << QByteArray("{\"format\":\"ssescope-session\"}\n") << notOurs;
    QTest::newRow("empty") << QByteArray() << u"empty file: not a recording"_s;
}

void TestSessionFile::notARecording()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    Collector sink;
    const SessionReader::Result result = readBytes(bytes, sink);
    QCOMPARE(result.status, SessionReader::Status::Error);
    QCOMPARE(result.error, error);
    QCOMPARE(sink.chunks.size(), 0);
}

void TestSessionFile::unknownTypeSkipped()
{
    const QByteArray file = Header
        + R"({"t":"marker","ns":5,"label":"x"})"
          "\n"
          R"({"t":"chunk","ns":6,"wall":0,"attempt":1,"offset":0,"data":"z"})"
          "\n";
    Collector sink;
    const SessionReader::Result result = readBytes(file, sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.skipped, 1);
    QCOMPARE(result.records, 1);
    QCOMPARE(sink.chunks.size(), 1);
    QCOMPARE(sink.chunks[0].bytes, QByteArray("z"));
}

void TestSessionFile::lineTooLong()
{
    SessionWriter writer;
    QVERIFY(writer.open(path()));
    QVERIFY(writer.writeChunk(makeChunk(QByteArray(5000, 'y'))));
    writer.close();
    SessionReader reader;
    reader.setMaxLineBytes(2000);
    Collector sink;
    const SessionReader::Result result = reader.readFile(path(), sink);
    QCOMPARE(result.status, SessionReader::Status::Error);
    const qsizetype headerSize = readAll(path()).indexOf('\n') + 1;
    QCOMPARE(result.error, u"line 2 (byte %1): longer than 2000 bytes"_s.arg(headerSize));
}

void TestSessionFile::cancellationStopsEarly()
{
    SessionWriter writer;
    QVERIFY(writer.open(path()));
    for (int i = 0; i < 10; ++i)
        QVERIFY(writer.writeChunk(makeChunk(QByteArray::number(i), i, i)));
    writer.close();
    int calls = 0;
    SessionReader reader;
    reader.setContinueCallback([&calls] { return ++calls <= 4; }); // the header and three records
    Collector sink;
    const SessionReader::Result result = reader.readFile(path(), sink);
    QCOMPARE(result.status, SessionReader::Status::Cancelled);
    QCOMPARE(calls, 5);
    QCOMPARE(result.records, 3);
    QCOMPARE(sink.chunks.size(), 3);
    QCOMPARE(sink.chunks[2].bytes, QByteArray("2"));
}

void TestSessionFile::progressReported()
{
    SessionWriter writer;
    QVERIFY(writer.open(path()));
    for (int i = 0; i < 40; ++i)
        QVERIFY(writer.writeChunk(makeChunk(QByteArray(100000, 'p'), i)));
    writer.close();
    const qint64 size = QFileInfo(path()).size();
    QList<QPair<qint64, qint64>> reports;
    SessionReader reader;
    reader.setProgressCallback([&reports](qint64 read, qint64 total) { reports.append({read, total}); }, 1 << 20);
    Collector sink;
    const SessionReader::Result result = reader.readFile(path(), sink);
    QVERIFY(result.ok());
    QCOMPARE(result.bytesRead, size);
    QCOMPARE(sink.chunks.size(), 40);
    QVERIFY2(reports.size() >= 3, qPrintable(QString::number(reports.size())));
    QCOMPARE(reports.last(), (QPair<qint64, qint64>(size, size)));
    for (qsizetype i = 1; i < reports.size(); ++i) {
        QVERIFY(reports[i].first >= reports[i - 1].first);
        QCOMPARE(reports[i].second, size);
    }
}

void TestSessionFile::writeErrors()
{
    SessionWriter writer;
    QVERIFY(!writer.open(m_dir.filePath(u"missing/dir/s.sserec"_s)));
    QVERIFY(writer.errorString().startsWith(u"Cannot create "_s));
    QVERIFY(!writer.writeChunk(makeChunk("x")));

    if (!QFile::exists(u"/dev/full"_s))
        QSKIP("no /dev/full here");
    SessionWriter full;
    QVERIFY(!full.open(u"/dev/full"_s));
    QVERIFY2(full.errorString().startsWith(u"Cannot write to /dev/full: "_s), qPrintable(full.errorString()));
    QCOMPARE(full.bytesWritten(), 0);
}

void TestSessionFile::recorderRecordsTicker()
{
    MockProducer producer;
    QVERIFY2(producer.start(), qPrintable(producer.errorString()));
    StreamRequest request;
    request.url = producer.url(u"/ticker?count=5&interval=5&type=tick"_s);
    request.proxyMode = StreamRequest::ProxyMode::None;
    request.reconnect.enabled = false;
    request.headers = {{"Authorization", "Bearer secret-1"}};
    SseClient client(request);
    QByteArray received;
    QList<StreamState> states;
    connect(&client, &SseClient::chunkReceived, this, [&received](const StreamChunk &c) { received += c.bytes; });
    connect(&client, &SseClient::stateChanged, this,
            [&states](const StreamStateChange &change) { states << change.state; });

    auto writer = std::make_unique<SessionWriter>();
    QVERIFY(writer->open(path()));
    SessionRecorder recorder(&client, std::move(writer));
    QSignalSpy errors(&recorder, &SessionRecorder::errorOccurred);
    QVERIFY(recorder.isRecording());
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), StreamState::Finished, 10000);
    QVERIFY(received.contains("data: tick 5"));
    recorder.stop();
    QVERIFY(!recorder.isRecording());
    QCOMPARE(recorder.writer().bytesWritten(), QFileInfo(path()).size());
    QCOMPARE(errors.size(), 0);

    Collector sink;
    const SessionReader::Result result = SessionReader().readFile(path(), sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(sink.requests.size(), 1);
    QCOMPARE(sink.requests[0].request.url, request.url);
    QCOMPARE(sink.requests[0].redacted, QByteArrayList{"authorization"});
    QCOMPARE(sink.responses.size(), 1);
    QCOMPARE(sink.responses[0].status, 200);
    QByteArray replayed;
    qint64 lastNs = 0;
    for (const StreamChunk &chunk : std::as_const(sink.chunks)) {
        QCOMPARE(chunk.offset, replayed.size());
        QVERIFY(chunk.monotonicNs >= lastNs);
        lastNs = chunk.monotonicNs;
        replayed += chunk.bytes;
    }
    QCOMPARE(replayed, received);
    QList<StreamState> replayedStates;
    for (const StreamStateChange &change : std::as_const(sink.states))
        replayedStates << change.state;
    QCOMPARE(replayedStates, states);
    QCOMPARE(replayedStates, (QList<StreamState>{StreamState::Connecting, StreamState::Open, StreamState::Finished}));
}

QTEST_GUILESS_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
