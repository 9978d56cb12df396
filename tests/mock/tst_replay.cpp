// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/sessiondiff.h"
#include "export/sessionexport.h"
#include "mockproducer.h"
#include "net/sseclient.h"
#include "rawhttpclient.h"
#include "recording/sessionrecorder.h"
#include "recording/sessionwriter.h"
#include "replayrecording.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 Ms = 1000000;

struct Read
{
    QByteArray bytes;
    qint64 ns = 0;
};

// The 200 attempt's reads: events split across reads, CRLF lines, a comment with bytes that are not UTF-8.
const QList<Read> Reads{
    {"id: 1\ndata: one\n\nid: 2\nda", 60 * Ms},
    {"ta: two\n\n", 160 * Ms},
    {": comment\r\nid: 3\r\ndata: three\r\n\r\nid: 4\ndata: four\n\n", 360 * Ms},
    {": \xff\xfe\x00 raw\ndata: tail\n\n"_ba, 460 * Ms},
};
constexpr qint64 ResponseNs = 10 * Ms;

QByteArray bodyOf(const QList<Read> &reads)
{
    QByteArray body;
    for (const Read &read : reads)
        body += read.bytes;
    return body;
}

StreamResponse response(int attempt, int status, qint64 ns)
{
    StreamResponse head;
    head.attempt = attempt;
    head.status = status;
    head.reasonPhrase = status == 200 ? "OK" : "Service Unavailable";
    head.url = QUrl(u"https://example.com/events"_s);
    head.headers = {{"content-type", status == 200 ? "text/event-stream; charset=utf-8" : "text/plain"}};
    head.monotonicNs = ns;
    return head;
}

StreamChunk chunk(int attempt, qint64 offset, const QByteArray &bytes, qint64 ns)
{
    StreamChunk result;
    result.attempt = attempt;
    result.offset = offset;
    result.bytes = bytes;
    result.monotonicNs = ns;
    result.wallMs = 1700000000000 + ns / Ms;
    return result;
}

// A first attempt that failed with 503 (its body must not be replayed), then the 200 one. A method other than
// GET is written as the recorded request's.
bool writeRecording(const QString &path, const QList<Read> &reads, const QByteArray &method = {})
{
    SessionWriter writer;
    if (!writer.open(path, 0))
        return false;
    bool ok = true;
    if (!method.isEmpty()) {
        StreamRequest request;
        request.url = QUrl(u"https://example.com/v1/chat/completions"_s);
        request.method = method;
        request.body = R"({"stream":true})";
        ok = writer.writeRequest(request, 0);
    }
    ok = ok && writer.writeResponse(response(1, 503, 1 * Ms));
    ok = ok && writer.writeChunk(chunk(1, 0, "busy\n", 2 * Ms));
    ok = ok && writer.writeResponse(response(2, 200, ResponseNs));
    qint64 offset = 0;
    for (const Read &read : reads) {
        ok = ok && writer.writeChunk(chunk(2, offset, read.bytes, read.ns));
        offset += read.bytes.size();
    }
    writer.close();
    return ok;
}

bool isComplete(const RawHttpClient &client)
{
    bool complete = false;
    client.chunks(&complete);
    return complete;
}

QByteArrayList chunkBytes(const RawHttpClient &client)
{
    QByteArrayList result;
    for (const RawHttpClient::Chunk &received : client.chunks())
        result.append(received.bytes);
    return result;
}

QByteArrayList readBytes(const QList<Read> &reads)
{
    QByteArrayList result;
    for (const Read &read : reads)
        result.append(read.bytes);
    return result;
}

QByteArrayList firstReads(const QList<Read> &reads, qsizetype count)
{
    return readBytes(reads.first(count));
}

// The answer of a POST to a step control, or an empty object when none came in time.
QJsonObject postStep(quint16 port, const QByteArray &target, const QByteArray &json = "{}")
{
    RawHttpClient client(port, RawHttpClient::post(target, json));
    if (!QTest::qWaitFor([&client]() { return client.closed(); }, 5000) || client.status() != 200
        || client.header("Content-Type") != "application/json") {
        qWarning("%s answered: %s", target.constData(), client.raw().constData());
        return {};
    }
    return QJsonDocument::fromJson(client.body()).object();
}

QString clientName(RawHttpClient &client)
{
    return u"127.0.0.1:%1"_s.arg(client.socket().localPort());
}

// True when only the response head has arrived.
bool onlyHead(const RawHttpClient &client)
{
    return client.hasHead() && client.raw().size() == client.headEnd();
}

// Records what a client receives from url to path, as the window's Record button does; false if it failed.
bool recordFrom(const QUrl &url, const QString &path)
{
    StreamRequest request;
    request.url = url;
    request.reconnect.enabled = false;
    SseClient client(request);
    auto writer = std::make_unique<SessionWriter>();
    if (!writer->open(path))
        return false;
    SessionRecorder recorder(&client, std::move(writer));
    client.start();
    if (!QTest::qWaitFor([&client]() { return isFinalState(client.state()); }, 20000))
        return false;
    recorder.stop();
    return client.state() == StreamState::Finished;
}

} // namespace

class TestReplay final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void loadsTheFirstSuccessfulAttempt();
    void loadErrors_data();
    void loadErrors();
    void servesBytesAndReadBoundaries();
    void keepsRecordedTiming_data();
    void keepsRecordedTiming();
    void speedZeroIgnoresPauses();
    void resumesAfterLastEventId_data();
    void resumesAfterLastEventId();
    void unknownLastEventIdStartsAtTheBeginning();
    void badRequests_data();
    void badRequests();
    void answersTheRecordedMethod_data();
    void answersTheRecordedMethod();
    void stepHoldsEachReadUntilReleased();
    void stepCounts_data();
    void stepCounts();
    void oneStepAdvancesEveryStreamOfItsReplay();
    void stepResumesAfterLastEventId_data();
    void stepResumesAfterLastEventId();
    void stepWithNoSteppingStream();
    void badStepLeavesStreamsWhereTheyWere();
    void steppingClientLeaves();
    void stopEndsSteppingStreams();
    void roundTripThroughTheProducer();

private:
    QString writeFile(const QByteArray &contents);

    QTemporaryDir m_dir;
    std::unique_ptr<MockProducer> m_producer;
    QString m_path;
    QString m_file;
};

void TestReplay::init()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(u"session.sserec"_s);
    QVERIFY(writeRecording(m_file, Reads));
    m_producer = std::make_unique<MockProducer>();
    QVERIFY2(m_producer->start(), qPrintable(m_producer->errorString()));
    QString error;
    m_path = m_producer->addRecording(m_file, &error);
    QVERIFY2(!m_path.isEmpty(), qPrintable(error));
    QCOMPARE(m_path, u"/replay/1"_s);
}

void TestReplay::cleanup()
{
    m_producer.reset();
}

QString TestReplay::writeFile(const QByteArray &contents)
{
    const QString path = m_dir.filePath(u"written.sserec"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size())
        return {};
    return path;
}

void TestReplay::loadsTheFirstSuccessfulAttempt()
{
    const auto recording = m_producer->recording(m_path);
    QVERIFY(recording);
    QCOMPARE(recording->fileName(), m_file);
    QCOMPARE(recording->chunks().size(), Reads.size());
    for (qsizetype i = 0; i < Reads.size(); ++i) {
        QCOMPARE(recording->chunks().at(i).bytes, Reads.at(i).bytes);
        QCOMPARE(recording->chunks().at(i).monotonicNs, Reads.at(i).ns);
    }
    QCOMPARE(recording->contentType(), QByteArray("text/event-stream; charset=utf-8"));
    QCOMPARE(recording->events(), 5);
    QCOMPARE(recording->bodyBytes(), bodyOf(Reads).size());
    QCOMPARE(recording->durationNs(), 450 * Ms);
    QCOMPARE(recording->chunkAt(0), 0);
    QCOMPARE(recording->chunkAt(Reads[0].bytes.size()), 1);
    QCOMPARE(recording->chunkAt(recording->bodyBytes()), Reads.size());
    const QByteArray body = bodyOf(Reads);
    QCOMPARE(recording->resumeOffset("1"), body.indexOf("id: 2"));
    QCOMPARE(recording->resumeOffset("3"), body.indexOf("id: 4"));
    QCOMPARE(recording->resumeOffset("4"), body.indexOf(": \xff"));
    QCOMPARE(recording->resumeOffset("5"), -1);
}

void TestReplay::loadErrors_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("error");
    const QByteArray header = R"({"format":"ssescope-session","version":1,"created":"x","app":"SSE Scope"})"
                              "\n";
    QTest::newRow("not JSON") << QByteArray(header + "{\"t\":\"chunk\",\n") << u"line 2 (byte "_s;
    QTest::newRow("binary garbage") << QByteArray("\x00\xff\x01garbage\n", 11) << u"not an SSE Scope recording"_s;
    QTest::newRow("empty") << QByteArray() << u"empty file: not a recording"_s;
    QTest::newRow("no 200") << QByteArray(header
                                          + R"({"t":"response","ns":1,"wall":1,"attempt":1,"status":503,)"
                                            R"("reason":"x","url":"http://x/","headers":[]})"
                                            "\n")
                            << u"no response with status 200 was recorded, so there is nothing to replay"_s;
}

void TestReplay::loadErrors()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, error);
    const QString path = writeFile(contents);
    QVERIFY(!path.isEmpty());
    QString message;
    QCOMPARE(m_producer->addRecording(path, &message), QString());
    QVERIFY2(message.startsWith(error), qPrintable(message));

    QCOMPARE(m_producer->addRecording(m_dir.filePath(u"missing.sserec"_s), &message), QString());
    QCOMPARE(message, u"no such file"_s);
    QVERIFY(!ReplayRecording::load(m_file, &message, 100));
    QCOMPARE(message, u"its response body is larger than 0 MiB, more than a replay holds in memory"_s);
}

void TestReplay::servesBytesAndReadBoundaries()
{
    RawHttpClient client(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=10"));
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(client), 5000);
    QCOMPARE(client.status(), 200);
    QCOMPARE(client.header("Content-Type"), QByteArray("text/event-stream; charset=utf-8"));
    QVERIFY(client.isChunked());
    QCOMPARE(client.body(), bodyOf(Reads));
    QCOMPARE(chunkBytes(client), readBytes(Reads));
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
}

void TestReplay::keepsRecordedTiming_data()
{
    QTest::addColumn<double>("speed");
    QTest::newRow("1x") << 1.0;
    QTest::newRow("10x") << 10.0;
    QTest::newRow("2.5x") << 2.5;
}

void TestReplay::keepsRecordedTiming()
{
    QFETCH(double, speed);
    const QByteArray target = m_path.toUtf8() + "?speed=" + QByteArray::number(speed);
    RawHttpClient client(m_producer->port(), RawHttpClient::get(target));
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(client), 5000);
    const QList<RawHttpClient::Chunk> chunks = client.chunks();
    QCOMPARE(chunks.size(), Reads.size());
    // Each pause, the first one measured from the response head, within 30 ms or 25 %, whichever is larger.
    qint64 previousRecorded = ResponseNs;
    qint64 previousArrived = 0;
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        const double expectedMs = double(Reads.at(i).ns - previousRecorded) / double(Ms) / speed;
        const double tolerance = std::max(30.0, expectedMs / 4);
        const double measured = double(chunks.at(i).arrivedMs - previousArrived);
        QVERIFY2(std::abs(measured - expectedMs) <= tolerance,
                 qPrintable(
                     u"read %1: %2 ms after the previous one, expected %3 ms"_s.arg(i).arg(measured).arg(expectedMs)));
        previousRecorded = Reads.at(i).ns;
        previousArrived = chunks.at(i).arrivedMs;
    }
}

void TestReplay::speedZeroIgnoresPauses()
{
    // Pauses of an hour: only a replay that skips them ends within the test's timeout.
    QList<Read> slow = Reads;
    for (qsizetype i = 0; i < slow.size(); ++i)
        slow[i].ns = ResponseNs + qint64(i + 1) * 3600 * 1000 * Ms;
    const QString file = m_dir.filePath(u"slow.sserec"_s);
    QVERIFY(writeRecording(file, slow));
    QString error;
    const QString path = m_producer->addRecording(file, &error);
    QCOMPARE(path, u"/replay/2"_s);
    RawHttpClient client(m_producer->port(), RawHttpClient::get(path.toUtf8() + "?speed=0"));
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(client), 5000);
    QCOMPARE(client.body(), bodyOf(slow));
    QCOMPARE(chunkBytes(client), readBytes(slow));
}

void TestReplay::resumesAfterLastEventId_data()
{
    QTest::addColumn<QByteArray>("lastEventId");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::newRow("mid-read") << QByteArray("1")
                              << QByteArrayList{"id: 2\nda", Reads[1].bytes, Reads[2].bytes, Reads[3].bytes};
    QTest::newRow("at a read's start") << QByteArray("2") << QByteArrayList{Reads[2].bytes, Reads[3].bytes};
    QTest::newRow("after CRLF") << QByteArray("3") << QByteArrayList{"id: 4\ndata: four\n\n", Reads[3].bytes};
    QTest::newRow("last id") << QByteArray("4") << QByteArrayList{Reads[3].bytes};
}

void TestReplay::resumesAfterLastEventId()
{
    QFETCH(QByteArray, lastEventId);
    QFETCH(QByteArrayList, expected);
    RawHttpClient client(m_producer->port(),
                         RawHttpClient::get(m_path.toUtf8() + "?speed=0", "Last-Event-ID: " + lastEventId + "\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(client), 5000);
    QCOMPARE(client.status(), 200);
    QCOMPARE(client.header("X-Replay-Resumed-After"), lastEventId);
    QCOMPARE(client.header("X-Replay-Unknown-Last-Event-ID"), QByteArray());
    QCOMPARE(chunkBytes(client), expected);
}

void TestReplay::unknownLastEventIdStartsAtTheBeginning()
{
    RawHttpClient client(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=0", "Last-Event-ID: 99\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(client), 5000);
    QCOMPARE(client.header("X-Replay-Unknown-Last-Event-ID"), QByteArray("99"));
    QCOMPARE(client.header("X-Replay-Resumed-After"), QByteArray());
    QCOMPARE(chunkBytes(client), readBytes(Reads));
}

void TestReplay::badRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("allow");
    QTest::newRow("negative speed") << RawHttpClient::get("/replay/1?speed=-1") << 400
                                    << QByteArray("/replay/1: speed is a factor such as 0.5, 1 or 10 (0: as fast as "
                                                  "possible) or step (each read waits for a POST to /replay/1/step), "
                                                  "not '-1'")
                                    << QByteArray();
    QTest::newRow("speed not a number") << RawHttpClient::get("/replay/1?speed=fast") << 400 << QByteArray("not 'fast'")
                                        << QByteArray();
    QTest::newRow("speed almost step") << RawHttpClient::get("/replay/1?speed=steps") << 400
                                       << QByteArray("not 'steps'") << QByteArray();
    QTest::newRow("POST") << RawHttpClient::post("/replay/1", "{}") << 405 << QByteArray("/replay/1 answers GET only")
                          << QByteArray("GET");
    QTest::newRow("no such replay") << RawHttpClient::get("/replay/7") << 404 << QByteArray("no scenario at /replay/7")
                                    << QByteArray();
    QTest::newRow("GET step") << RawHttpClient::get("/replay/1/step") << 405
                              << QByteArray("/replay/1/step answers POST only: it releases the next recorded reads "
                                            "of /replay/1's stepping streams")
                              << QByteArray("POST");
    QTest::newRow("step count 0") << RawHttpClient::post("/replay/1/step?count=0", "{}") << 400
                                  << QByteArray("/replay/1/step: parameter 'count' takes a whole number from 1 to "
                                                "2147483647, not '0'")
                                  << QByteArray();
    QTest::newRow("step count negative") << RawHttpClient::post("/replay/1/step?count=-3", "{}") << 400
                                         << QByteArray("not '-3'") << QByteArray();
    QTest::newRow("step count not a number")
        << RawHttpClient::post("/replay/1/step?count=two", "{}") << 400 << QByteArray("not 'two'") << QByteArray();
    QTest::newRow("step count in the body")
        << RawHttpClient::post("/replay/1/step", R"({"count":1.5})") << 400 << QByteArray("not '1.5'") << QByteArray();
    QTest::newRow("step unknown parameter") << RawHttpClient::post("/replay/1/step?cuont=2", "{}") << 400
                                            << QByteArray("unknown parameter 'cuont'") << QByteArray();
    QTest::newRow("step of no such replay") << RawHttpClient::post("/replay/7/step", "{}") << 404
                                            << QByteArray("no scenario at /replay/7/step") << QByteArray();
}

void TestReplay::badRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, allow);
    RawHttpClient client(m_producer->port(), request);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
    QCOMPARE(client.status(), status);
    QCOMPARE(client.header("Content-Type"), QByteArray("application/json"));
    QVERIFY2(client.body().contains(message), client.body().constData());
    QCOMPARE(client.header("Allow"), allow);
}

void TestReplay::answersTheRecordedMethod_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allow");
    // The app under test sends the recorded POST, with its body, and gets the recorded stream back.
    QTest::newRow("the recorded POST") << RawHttpClient::post("/replay/2?speed=0", R"({"model":"x","stream":true})")
                                       << 200 << QByteArray();
    QTest::newRow("GET") << RawHttpClient::get("/replay/2?speed=0") << 200 << QByteArray();
    QTest::newRow("PUT") << QByteArray("PUT /replay/2 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n") << 405
                         << QByteArray("GET, POST");
}

void TestReplay::answersTheRecordedMethod()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, allow);
    const QString file = m_dir.filePath(u"post.sserec"_s);
    QVERIFY(writeRecording(file, Reads, "POST"));
    QString error;
    QCOMPARE(m_producer->addRecording(file, &error), u"/replay/2"_s);
    QCOMPARE(m_producer->recording(u"/replay/2"_s)->method(), QByteArray("POST"));

    RawHttpClient client(m_producer->port(), request);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed() || isComplete(client), 5000);
    QCOMPARE(client.status(), status);
    QCOMPARE(client.header("Allow"), allow);
    if (status == 200) {
        QCOMPARE(chunkBytes(client), readBytes(Reads));
    } else {
        QVERIFY2(client.body().contains("/replay/2 answers GET and POST only"), client.body().constData());
    }
}

void TestReplay::stepHoldsEachReadUntilReleased()
{
    RawHttpClient client(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasHead(), 5000);
    QCOMPARE(client.status(), 200);
    QCOMPARE(client.header("Content-Type"), QByteArray("text/event-stream; charset=utf-8"));
    QVERIFY(client.isChunked());
    QCOMPARE(m_producer->steppingStreams(m_path), 1);
    const QString name = clientName(client);

    // A timed replay of the same recording runs to its end meanwhile: the held one still has its head only.
    RawHttpClient timed(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=1"));
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(timed), 5000);
    QCOMPARE(chunkBytes(timed), readBytes(Reads));
    QVERIFY2(onlyHead(client), client.raw().constData());

    for (qsizetype i = 0; i < Reads.size(); ++i) {
        const QJsonObject answer = postStep(m_producer->port(), m_path.toUtf8() + "/step");
        const bool last = i == Reads.size() - 1;
        const qsizetype left = Reads.size() - i - 1;
        const QJsonObject expected{
            {u"replay"_s, m_path},
            {u"streams"_s, 1},
            {u"released"_s, 1},
            {u"remaining"_s, left},
            {u"finished"_s, last ? 1 : 0},
            {u"clients"_s,
             QJsonArray{QJsonObject{{u"client"_s, name},
                                    {u"released"_s, 1},
                                    {u"bytes"_s, Reads.at(i).bytes.size()},
                                    {u"remaining"_s, left},
                                    {u"finished"_s, last}}}},
        };
        QCOMPARE(answer, expected);
        // One write per step: the recorded read's bytes as one chunk.
        QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(client), firstReads(Reads, i + 1), 5000);
        QCOMPARE(isComplete(client), last);
    }
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
    QCOMPARE(client.body(), bodyOf(Reads));
    QCOMPARE(m_producer->steppingStreams(m_path), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->openStreams(), 0, 5000);
}

void TestReplay::stepCounts_data()
{
    QTest::addColumn<QByteArrayList>("targets"); // after /replay/1/step
    QTest::addColumn<QByteArrayList>("bodies");
    QTest::addColumn<QList<int>>("released");
    QTest::newRow("3, then the rest") << QByteArrayList{"?count=3", "?count=5"} << QByteArrayList{"{}", "{}"}
                                      << QList<int>{3, 1};
    QTest::newRow("2 in a JSON body, then 2")
        << QByteArrayList{"", "?count=2"} << QByteArrayList{R"({"count":2})", "{}"} << QList<int>{2, 2};
    QTest::newRow("1, then all at once") << QByteArrayList{"", "?count=2147483647"} << QByteArrayList{"{}", "{}"}
                                         << QList<int>{1, 3};
}

void TestReplay::stepCounts()
{
    QFETCH(QByteArrayList, targets);
    QFETCH(QByteArrayList, bodies);
    QFETCH(QList<int>, released);
    RawHttpClient client(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(m_path), 1, 5000);
    qsizetype sent = 0;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const QJsonObject answer
            = postStep(m_producer->port(), m_path.toUtf8() + "/step" + targets.at(i), bodies.at(i));
        sent += released.at(i);
        const bool last = sent == Reads.size();
        QCOMPARE(answer.value(u"streams"_s).toInt(), 1);
        QCOMPARE(answer.value(u"released"_s).toInt(), released.at(i));
        QCOMPARE(answer.value(u"remaining"_s).toInt(), Reads.size() - sent);
        QCOMPARE(answer.value(u"finished"_s).toInt(), last ? 1 : 0);
        qint64 bytes = 0;
        for (qsizetype read = sent - released.at(i); read < sent; ++read)
            bytes += Reads.at(read).bytes.size();
        QCOMPARE(answer.value(u"clients"_s).toArray().at(0).toObject().value(u"bytes"_s).toInteger(), bytes);
        // Several reads in one step still go as one chunk each.
        QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(client), firstReads(Reads, sent), 5000);
    }
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(client), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
}

void TestReplay::oneStepAdvancesEveryStreamOfItsReplay()
{
    // A second replay that steps unless a request asks otherwise.
    QString error;
    auto loaded = ReplayRecording::load(m_file, &error);
    QVERIFY2(loaded, qPrintable(error));
    const QString stepped = m_producer->addRecording(std::make_shared<const ReplayRecording>(std::move(*loaded)),
                                                     ReplayRecording::Pace::step());
    QCOMPARE(stepped, u"/replay/2"_s);
    const quint16 port = m_producer->port();

    RawHttpClient first(port, RawHttpClient::get(stepped.toUtf8()));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(stepped), 1, 5000);
    RawHttpClient second(port, RawHttpClient::get(stepped.toUtf8()));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(stepped), 2, 5000);
    RawHttpClient other(port, RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(m_path), 1, 5000);
    // speed=X on a stepping replay is a timed replay, untouched by steps.
    RawHttpClient timed(port, RawHttpClient::get(stepped.toUtf8() + "?speed=0"));
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(timed), 5000);
    QCOMPARE(chunkBytes(timed), readBytes(Reads));
    QCOMPARE(m_producer->steppingStreams(stepped), 2);

    QJsonObject answer = postStep(port, stepped.toUtf8() + "/step");
    QCOMPARE(answer.value(u"replay"_s).toString(), stepped);
    QCOMPARE(answer.value(u"streams"_s).toInt(), 2);
    QCOMPARE(answer.value(u"released"_s).toInt(), 2);
    QCOMPARE(answer.value(u"remaining"_s).toInt(), Reads.size() - 1);
    const QJsonArray clients = answer.value(u"clients"_s).toArray();
    QCOMPARE(clients.size(), 2);
    QCOMPARE(clients.at(0).toObject().value(u"client"_s).toString(), clientName(first));
    QCOMPARE(clients.at(1).toObject().value(u"client"_s).toString(), clientName(second));
    QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(first), firstReads(Reads, 1), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(second), firstReads(Reads, 1), 5000);

    // The other replay's stepping stream moves with its own control only.
    answer = postStep(port, m_path.toUtf8() + "/step?count=2");
    QCOMPARE(answer.value(u"streams"_s).toInt(), 1);
    QCOMPARE(answer.value(u"released"_s).toInt(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(other), firstReads(Reads, 2), 5000);
    QCOMPARE(chunkBytes(first), firstReads(Reads, 1));
    QCOMPARE(chunkBytes(second), firstReads(Reads, 1));

    answer = postStep(port, stepped.toUtf8() + "/step?count=10");
    QCOMPARE(answer.value(u"streams"_s).toInt(), 2);
    QCOMPARE(answer.value(u"released"_s).toInt(), 2 * (Reads.size() - 1));
    QCOMPARE(answer.value(u"finished"_s).toInt(), 2);
    QCOMPARE(answer.value(u"remaining"_s).toInt(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(first) && isComplete(second), 5000);
    QCOMPARE(chunkBytes(first), readBytes(Reads));
    QCOMPARE(chunkBytes(second), readBytes(Reads));
    QCOMPARE(chunkBytes(other), firstReads(Reads, 2));
    QCOMPARE(m_producer->steppingStreams(stepped), 0);
    QCOMPARE(m_producer->steppingStreams(m_path), 1);
}

void TestReplay::stepResumesAfterLastEventId_data()
{
    resumesAfterLastEventId_data();
}

void TestReplay::stepResumesAfterLastEventId()
{
    QFETCH(QByteArray, lastEventId);
    QFETCH(QByteArrayList, expected);
    RawHttpClient client(m_producer->port(),
                         RawHttpClient::get(m_path.toUtf8() + "?speed=step", "Last-Event-ID: " + lastEventId + "\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasHead(), 5000);
    QCOMPARE(client.header("X-Replay-Resumed-After"), lastEventId);
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(m_path), 1, 5000);
    QVERIFY(onlyHead(client));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QJsonObject answer = postStep(m_producer->port(), m_path.toUtf8() + "/step");
        QCOMPARE(answer.value(u"released"_s).toInt(), 1);
        QCOMPARE(answer.value(u"remaining"_s).toInt(), expected.size() - i - 1);
        QCOMPARE(answer.value(u"clients"_s).toArray().at(0).toObject().value(u"bytes"_s).toInteger(),
                 expected.at(i).size());
        QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(client), expected.first(i + 1), 5000);
    }
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(client), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
}

void TestReplay::stepWithNoSteppingStream()
{
    // A timed stream of the same replay is not stepping.
    RawHttpClient timed(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=0.1"));
    QTRY_VERIFY_WITH_TIMEOUT(timed.hasHead(), 5000);
    RawHttpClient client(m_producer->port(), RawHttpClient::post(m_path.toUtf8() + "/step?count=2", "{}"));
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
    QCOMPARE(client.status(), 200);
    QCOMPARE(client.body(),
             QByteArray(R"({"clients":[],"finished":0,"released":0,"remaining":0,"replay":"/replay/1","streams":0})"
                        "\n"));
    QVERIFY(!isComplete(timed));
}

void TestReplay::badStepLeavesStreamsWhereTheyWere()
{
    RawHttpClient client(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(m_path), 1, 5000);
    RawHttpClient bad(m_producer->port(), RawHttpClient::post(m_path.toUtf8() + "/step?count=0", "{}"));
    QTRY_VERIFY_WITH_TIMEOUT(bad.closed(), 5000);
    QCOMPARE(bad.status(), 400);
    RawHttpClient wrong(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "/step"));
    QTRY_VERIFY_WITH_TIMEOUT(wrong.closed(), 5000);
    QCOMPARE(wrong.status(), 405);
    QVERIFY(onlyHead(client));
    const QJsonObject answer = postStep(m_producer->port(), m_path.toUtf8() + "/step");
    QCOMPARE(answer.value(u"remaining"_s).toInt(), Reads.size() - 1);
    QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(client), firstReads(Reads, 1), 5000);
}

void TestReplay::steppingClientLeaves()
{
    QSignalSpy ended(m_producer.get(), &MockProducer::streamEnded);
    auto leaving
        = std::make_unique<RawHttpClient>(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    RawHttpClient staying(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(m_path), 2, 5000);
    const QString stayingName = clientName(staying);
    QJsonObject answer = postStep(m_producer->port(), m_path.toUtf8() + "/step");
    QCOMPARE(answer.value(u"streams"_s).toInt(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(*leaving), firstReads(Reads, 1), 5000);
    ended.clear();

    leaving.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(m_path), 1, 5000);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(1).value<MockStream::Ending>(), MockStream::Ending::ClientLeft);

    answer = postStep(m_producer->port(), m_path.toUtf8() + "/step?count=10");
    QCOMPARE(answer.value(u"streams"_s).toInt(), 1);
    QCOMPARE(answer.value(u"clients"_s).toArray().at(0).toObject().value(u"client"_s).toString(), stayingName);
    QTRY_VERIFY_WITH_TIMEOUT(isComplete(staying), 5000);
    QCOMPARE(chunkBytes(staying), readBytes(Reads));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->openStreams(), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->openConnections(), 0, 5000);
}

void TestReplay::stopEndsSteppingStreams()
{
    QSignalSpy ended(m_producer.get(), &MockProducer::streamEnded);
    RawHttpClient first(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    RawHttpClient second(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(m_path), 2, 5000);
    const quint16 port = m_producer->port();
    QCOMPARE(postStep(port, m_path.toUtf8() + "/step").value(u"streams"_s).toInt(), 2);
    ended.clear();

    m_producer->stop();
    QCOMPARE(m_producer->steppingStreams(m_path), 0);
    QCOMPARE(m_producer->openStreams(), 0);
    QCOMPARE(ended.size(), 2);
    for (const QList<QVariant> &arguments : std::as_const(ended))
        QCOMPARE(arguments.at(1).value<MockStream::Ending>(), MockStream::Ending::ProducerStopped);
    QTRY_VERIFY_WITH_TIMEOUT(first.closed() && second.closed(), 5000);
    QCOMPARE(chunkBytes(first), firstReads(Reads, 1));
    QCOMPARE(chunkBytes(second), firstReads(Reads, 1));

    // Started again, the replay steps new streams from the start.
    QVERIFY2(m_producer->start(), qPrintable(m_producer->errorString()));
    RawHttpClient again(m_producer->port(), RawHttpClient::get(m_path.toUtf8() + "?speed=step"));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->steppingStreams(m_path), 1, 5000);
    const QJsonObject answer = postStep(m_producer->port(), m_path.toUtf8() + "/step");
    QCOMPARE(answer.value(u"streams"_s).toInt(), 1);
    QCOMPARE(answer.value(u"remaining"_s).toInt(), Reads.size() - 1);
    QTRY_COMPARE_WITH_TIMEOUT(chunkBytes(again), firstReads(Reads, 1), 5000);
}

void TestReplay::roundTripThroughTheProducer()
{
    // Record a scenario, replay the recording over HTTP, record the replay: the second recording holds the same
    // body bytes and the same events as the first.
    const QString first = m_dir.filePath(u"first.sserec"_s);
    const QString second = m_dir.filePath(u"second.sserec"_s);
    QVERIFY(recordFrom(m_producer->url(u"/ticker?count=25&interval=4&type=tick"_s), first));
    QString error;
    const QString path = m_producer->addRecording(first, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    QVERIFY(recordFrom(m_producer->url(path + u"?speed=4"_s), second));

    Recording a;
    Recording b;
    QVERIFY2(SessionExport::load(first, &a, &error), qPrintable(error));
    QVERIFY2(SessionExport::load(second, &b, &error), qPrintable(error));
    QCOMPARE(a.events.size(), 25);
    const QByteArray bodyA = SessionExport::toRaw(a);
    QCOMPARE(SessionExport::toRaw(b), bodyA);
    QVERIFY(bodyA.contains("data: tick 25"));
    QCOMPARE(SessionDiff::compare(a.events, b.events), QList<SessionDiff::Difference>{});
    // The replay went at four times the pace: its last event came about a quarter of the way in.
    const qint64 spanA = a.events.last().monotonicNs - a.events.first().monotonicNs;
    const qint64 spanB = b.events.last().monotonicNs - b.events.first().monotonicNs;
    QVERIFY2(spanB < spanA, qPrintable(u"recorded %1 ns, replayed %2 ns"_s.arg(spanA).arg(spanB)));
}

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
