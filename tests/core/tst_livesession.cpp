// SPDX-License-Identifier: GPL-3.0-or-later
// A live session and a recording started in the middle of it: the client streams from the embedded producer,
// which replays a known body one read per step, so the recording starts at an exact point of the stream; the
// client's clock is a manual one, so the recorded times are exact. The recording must read back, replay, export
// and measure like one made from the start.
#include "export/sessionexport.h"
#include "log/streamstats.h"
#include "mockproducer.h"
#include "net/sseclient.h"
#include "recording/eventderiver.h"
#include "recording/livesession.h"
#include "recording/replayplayer.h"
#include "recording/sessionreader.h"
#include "recording/sessionrecorder.h"
#include "recording/sessionwriter.h"
#include "util/manualclock.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 NsPerMs = 1'000'000;
constexpr qint64 TenMinutesMs = 10 * 60 * 1000;
constexpr qint64 AfterRecordMs = 1500;

// The body the producer serves, one read per step; event 3 is split over three reads.
const QByteArrayList Reads = {"id: 1\ndata: one\n\n", "id: 2\ndata: two\n\nid: 3\nda", "ta: th",
                              "ree\n\nid: 4\ndata: four\n\n", "id: 5\ndata: five\n\n"};

QByteArray bodyOf(qsizetype reads)
{
    return Reads.mid(0, reads).join();
}

// Everything a recording holds, in file order.
struct Collector final : SessionSink
{
    void requestRead(const RecordedRequest &request) override { requests << request; }
    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        Q_UNUSED(wallMs)
        responses << response;
    }
    void chunkRead(const StreamChunk &chunk) override { chunks << chunk; }
    void stateRead(const StreamStateChange &change) override { states << change; }

    QByteArray body() const
    {
        QByteArray bytes;
        for (const StreamChunk &chunk : chunks)
            bytes += chunk.bytes;
        return bytes;
    }

    QList<RecordedRequest> requests;
    QList<StreamResponse> responses;
    QList<StreamChunk> chunks;
    QList<StreamStateChange> states;
};

QByteArrayList eventData(const QString &path)
{
    QByteArrayList data;
    EventDeriver deriver([&data](const RecordedEvent &recorded) { data << recorded.event.data; });
    SessionReader().readFile(path, deriver);
    return data;
}

QByteArray headerValue(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

class TestLiveSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void holdsTheSession();
    void recordingJoinsMidStream_data();
    void recordingJoinsMidStream();
    void recordingFromTheStartWhenNothingWasMissed();
    void recordingJoinsBetweenAttempts();

private:
    // A client on the stepped replay of Reads, on the manual clock, its LiveSession made with it.
    struct Stream
    {
        explicit Stream(const StreamRequest &request)
            : client(request, &clock)
            , session(&client, &clock)
        {
            QObject::connect(&client, &SseClient::chunkReceived, &client,
                             [this](const StreamChunk &chunk) { received += chunk.bytes; });
        }
        ManualClock clock;
        SseClient client;
        LiveSession session;
        QByteArray received;
    };

    StreamRequest request(bool reconnect = false) const;
    bool step(int count);
    QString path(const QString &name) const { return m_directory.filePath(name); }

    QTemporaryDir m_directory;
    MockProducer m_producer;
    QNetworkAccessManager m_network;
    QString m_replay;
};

void TestLiveSession::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QVERIFY2(m_producer.start(), qPrintable(m_producer.errorString()));
    const QString source = path(u"source.sserec"_s);
    SessionWriter writer;
    QVERIFY(writer.open(source, 0));
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.reasonPhrase = "OK";
    response.headers = {{"Content-Type", "text/event-stream"}};
    QVERIFY(writer.writeResponse(response));
    qint64 offset = 0;
    for (const QByteArray &bytes : Reads) {
        StreamChunk chunk;
        chunk.attempt = 1;
        chunk.offset = offset;
        chunk.bytes = bytes;
        chunk.monotonicNs = (offset + 1) * NsPerMs;
        QVERIFY(writer.writeChunk(chunk));
        offset += bytes.size();
    }
    writer.close();
    QString error;
    std::optional<ReplayRecording> loaded = ReplayRecording::load(source, &error);
    QVERIFY2(loaded, qPrintable(error));
    m_replay = m_producer.addRecording(std::make_shared<const ReplayRecording>(std::move(*loaded)),
                                       ReplayRecording::Pace::step());
}

StreamRequest TestLiveSession::request(bool reconnect) const
{
    StreamRequest request;
    request.url = m_producer.url(m_replay);
    request.proxyMode = StreamRequest::ProxyMode::None;
    request.headers = {{"Authorization", "Bearer sk-live"}};
    request.reconnect.enabled = reconnect;
    request.reconnect.idleTimeoutMs = 0;
    return request;
}

bool TestLiveSession::step(int count)
{
    QNetworkRequest post(m_producer.url(m_replay + u"/step?count=%1"_s.arg(count)));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_network.post(post, QByteArray("{}"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    const bool ok = finished.wait(10000) && reply->error() == QNetworkReply::NoError;
    reply->deleteLater();
    return ok;
}

void TestLiveSession::holdsTheSession()
{
    Stream s(request());
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::Open, 10000);
    s.clock.advance(250);
    QVERIFY(step(int(Reads.size())));
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::Finished, 10000);

    const LiveSession &session = s.session;
    QCOMPARE(session.request().url, request().url);
    QCOMPARE(session.bodyBytes(), bodyOf(Reads.size()).size());
    QCOMPARE(session.responses().size(), 1);
    QCOMPARE(session.responses()[0].status, 200);
    QCOMPARE(headerValue(session.responses()[0].headers, "Content-Type"), QByteArray("text/event-stream"));
    QCOMPARE(session.responseWallMs(), QList<qint64>{s.clock.wallMs() - 250});
    QList<StreamState> states;
    for (const StreamStateChange &change : session.states())
        states << change.state;
    QCOMPARE(states, (QList<StreamState>{StreamState::Connecting, StreamState::Open, StreamState::Finished}));
    QVERIFY(!session.isAttemptRunning());
    QVERIFY(session.pendingChunks().isEmpty());

    // As an export holds it: secrets redacted, times since the session started.
    const Recording recording = session.toRecording();
    QCOMPARE(recording.request->request.headers.value(0).second, QByteArray("<redacted>"));
    QCOMPARE(recording.request->redacted, QByteArrayList{"authorization"});
    QCOMPARE(recording.request->wallMs, s.clock.wallMs() - 250);
    QCOMPARE(recording.states.last().monotonicNs, 250 * NsPerMs);
}

void TestLiveSession::recordingJoinsMidStream_data()
{
    QTest::addColumn<int>("released"); // reads the client had when recording started
    QTest::addColumn<QByteArray>("pending"); // the bytes of the event then being received
    QTest::addColumn<QByteArrayList>("events");

    QTest::newRow("after an event") << 1 << QByteArray() << QByteArrayList{"two", "three", "four", "five"};
    QTest::newRow("in an event's first read")
        << 2 << QByteArray("id: 3\nda") << QByteArrayList{"three", "four", "five"};
    QTest::newRow("in an event's second read")
        << 3 << QByteArray("id: 3\ndata: th") << QByteArrayList{"three", "four", "five"};
}

void TestLiveSession::recordingJoinsMidStream()
{
    QFETCH(int, released);
    QFETCH(QByteArray, pending);
    QFETCH(QByteArrayList, events);

    Stream s(request());
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::Open, 10000);
    for (int read = 1; read <= released; ++read) {
        QVERIFY(step(1));
        QTRY_COMPARE_WITH_TIMEOUT(s.received, bodyOf(read), 10000);
    }
    s.clock.advance(TenMinutesMs); // the stream has run for ten minutes when Record is pressed
    const QString file = path(u"joined-%1.sserec"_s.arg(released));
    auto writer = std::make_unique<SessionWriter>();
    QVERIFY(writer->open(file));
    SessionRecorder recorder(&s.session, std::move(writer));
    QVERIFY(recorder.isRecording());
    s.clock.advance(AfterRecordMs);
    QVERIFY(step(int(Reads.size()) - released));
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::Finished, 10000);
    recorder.stop();

    Collector sink;
    const SessionReader::Result result = SessionReader().readFile(file, sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    // The request, marked as joining the session ten minutes in, at the start of the event being received.
    const qint64 joinedAt = bodyOf(released).size() - pending.size();
    QCOMPARE(sink.requests.size(), 1);
    QCOMPARE(sink.requests[0].request.url, request().url);
    QCOMPARE(sink.requests[0].redacted, QByteArrayList{"authorization"});
    QCOMPARE(sink.requests[0].monotonicNs, 0);
    QVERIFY(sink.requests[0].joined.has_value());
    QCOMPARE(sink.requests[0].joined->attempt, 1);
    QCOMPARE(sink.requests[0].joined->afterNs, TenMinutesMs * NsPerMs);
    QCOMPARE(sink.requests[0].joined->bodyOffset, joinedAt);
    // The open attempt's head, at the recording's start.
    QCOMPARE(sink.responses.size(), 1);
    QCOMPARE(sink.responses[0].status, 200);
    QCOMPARE(sink.responses[0].monotonicNs, 0);
    QCOMPARE(headerValue(sink.responses[0].headers, "Content-Type"), QByteArray("text/event-stream"));
    QCOMPARE(sink.responses[0].url, request().url);
    QCOMPARE(sink.states.size(), 3);
    QCOMPARE(sink.states[0].state, StreamState::Connecting);
    QCOMPARE(sink.states[0].monotonicNs, 0);
    QCOMPARE(sink.states[1].state, StreamState::Open);
    QCOMPARE(sink.states[1].monotonicNs, 0);
    QCOMPARE(sink.states[2].state, StreamState::Finished);
    QCOMPARE(sink.states[2].monotonicNs, AfterRecordMs * NsPerMs);
    // The body from the event being received on, its offsets counted from there; what had arrived before the
    // recording started is at time 0, the rest at its time.
    QCOMPARE(sink.body(), bodyOf(Reads.size()).mid(joinedAt));
    qint64 offset = 0;
    QByteArray atStart;
    for (const StreamChunk &chunk : std::as_const(sink.chunks)) {
        QCOMPARE(chunk.offset, offset);
        offset += chunk.bytes.size();
        if (chunk.monotonicNs == 0)
            atStart += chunk.bytes;
        else
            QCOMPARE(chunk.monotonicNs, AfterRecordMs * NsPerMs);
    }
    QCOMPARE(atStart, pending);
    QCOMPARE(eventData(file), events);

    // Statistics measure from the recording's start.
    StreamStats stats;
    for (const StreamStateChange &change : std::as_const(sink.states))
        stats.addState(change);
    for (const StreamChunk &chunk : std::as_const(sink.chunks))
        stats.addChunk(chunk);
    QCOMPARE(stats.timeToFirstByteNs(), pending.isEmpty() ? AfterRecordMs * NsPerMs : 0);

    // It replays: over HTTP as `ssescope replay` serves it, and into a sink as a tab plays it.
    QString error;
    const std::optional<ReplayRecording> replay = ReplayRecording::load(file, &error);
    QVERIFY2(replay, qPrintable(error));
    QCOMPARE(replay->events(), events.size());
    QCOMPARE(replay->durationNs(), AfterRecordMs * NsPerMs);
    QByteArrayList played;
    EventDeriver deriver([&played](const RecordedEvent &recorded) { played << recorded.event.data; });
    ReplayPlayer player(deriver);
    QVERIFY2(player.open(file, &error), qPrintable(error));
    player.setSpeed(0);
    player.play();
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), ReplayPlayer::State::Finished, 10000);
    QCOMPARE(played, events);

    // HAR carries the attempt's status and headers.
    QBuffer har;
    har.open(QIODevice::WriteOnly);
    const SessionExport::Result exported = SessionExport::exportFile(file, &har, SessionExport::Format::Har, {});
    QVERIFY2(exported.ok(), qPrintable(exported.error));
    const QJsonObject entry
        = QJsonDocument::fromJson(har.data()).object()[u"log"_s][u"entries"_s].toArray().at(0).toObject();
    QCOMPARE(entry[u"response"_s][u"status"_s].toInt(), 200);
    QVERIFY2(QJsonDocument(entry[u"response"_s][u"headers"_s].toArray()).toJson().contains("text/event-stream"),
             har.data().constData());

    // Saved again as a session file, it still says where it joined the session.
    QBuffer copy;
    copy.open(QIODevice::WriteOnly);
    QVERIFY(SessionExport::exportFile(file, &copy, SessionExport::Format::Sserec, {}).ok());
    copy.close();
    copy.open(QIODevice::ReadOnly);
    Collector again;
    QVERIFY(SessionReader().read(&copy, again).ok());
    QCOMPARE(again.requests.value(0).joined.value_or(SessionJoin()).bodyOffset, joinedAt);
    QCOMPARE(again.requests.value(0).joined.value_or(SessionJoin()).afterNs, TenMinutesMs * NsPerMs);
}

void TestLiveSession::recordingFromTheStartWhenNothingWasMissed()
{
    // Record pressed right after Connect: the session is recorded whole, with its own times.
    Stream s(request());
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::Open, 10000);
    s.clock.advance(300);
    const QString file = path(u"whole.sserec"_s);
    auto writer = std::make_unique<SessionWriter>();
    QVERIFY(writer->open(file));
    SessionRecorder recorder(&s.session, std::move(writer));
    s.clock.advance(200);
    QVERIFY(step(int(Reads.size())));
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::Finished, 10000);
    recorder.stop();

    Collector sink;
    QVERIFY(SessionReader().readFile(file, sink).ok());
    QCOMPARE(sink.requests.size(), 1);
    QVERIFY(!sink.requests[0].joined.has_value());
    QCOMPARE(sink.states.size(), 3);
    QCOMPARE(sink.states[0].monotonicNs, 0);
    QCOMPARE(sink.responses.size(), 1);
    QCOMPARE(sink.body(), bodyOf(Reads.size()));
    QCOMPARE(sink.chunks.first().offset, 0);
    QCOMPARE(sink.chunks.first().monotonicNs, 500 * NsPerMs);
    QCOMPARE(eventData(file), (QByteArrayList{"one", "two", "three", "four", "five"}));
}

void TestLiveSession::recordingJoinsBetweenAttempts()
{
    // Between attempts the recording starts with the wait, and the next attempt is recorded whole.
    Stream s(request(true));
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::Open, 10000);
    QVERIFY(step(int(Reads.size())));
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::WaitingToReconnect, 10000);
    const qint64 delayMs = s.session.states().constLast().delayMs;
    QVERIFY(delayMs > 0);
    s.clock.advance(delayMs / 2);
    const QString file = path(u"between.sserec"_s);
    auto writer = std::make_unique<SessionWriter>();
    QVERIFY(writer->open(file));
    SessionRecorder recorder(&s.session, std::move(writer));
    s.clock.advance(delayMs);
    QCOMPARE(s.client.attempt(), 2);
    // The replay resumes after the last event the client saw, which is its end: the attempt opens and ends.
    QTRY_COMPARE_WITH_TIMEOUT(s.client.state(), StreamState::WaitingToReconnect, 10000);
    s.client.close();
    recorder.stop();

    Collector sink;
    QVERIFY(SessionReader().readFile(file, sink).ok());
    QCOMPARE(sink.requests.size(), 1);
    QVERIFY(sink.requests[0].joined.has_value());
    QCOMPARE(sink.requests[0].joined->attempt, 1);
    QCOMPARE(sink.requests[0].joined->bodyOffset, 0);
    QList<StreamState> states;
    for (const StreamStateChange &change : std::as_const(sink.states))
        states << change.state;
    QCOMPARE(states,
             (QList<StreamState>{StreamState::WaitingToReconnect, StreamState::Connecting, StreamState::Open,
                                 StreamState::WaitingToReconnect, StreamState::ClosedByUser}));
    QCOMPARE(sink.states[0].attempt, 1);
    QCOMPARE(sink.states[0].monotonicNs, 0);
    QCOMPARE(sink.states[1].attempt, 2);
    QCOMPARE(sink.states[1].monotonicNs, (delayMs - delayMs / 2) * NsPerMs);
    QCOMPARE(sink.responses.size(), 1);
    QCOMPARE(sink.responses[0].attempt, 2);
    QCOMPARE(sink.responses[0].status, 200);
    QVERIFY(sink.chunks.isEmpty());
}

QTEST_GUILESS_MAIN(TestLiveSession)
#include "tst_livesession.moc"
