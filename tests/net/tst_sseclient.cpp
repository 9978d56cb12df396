// SPDX-License-Identifier: GPL-3.0-or-later
// The client against the embedded producer: every rule and policy, with exact states, reasons, headers sent
// and events received. Reconnect delays and idle timeouts run on a manual clock, so nothing sleeps.
#include "mockproducer.h"
#include "net/sseclient.h"
#include "producerthread.h"
#include "util/manualclock.h"

#include "version.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Session
{
    Session(const StreamRequest &request)
        : client(request, &clock)
    {
        QObject::connect(&client, &SseClient::stateChanged, &client,
                         [this](const StreamStateChange &change) { states << change; });
        QObject::connect(&client, &SseClient::eventReceived, &client,
                         [this](const SseEvent &event) { events << event; });
        QObject::connect(&client, &SseClient::chunkReceived, &client,
                         [this](const StreamChunk &chunk) { chunks << chunk; });
        QObject::connect(&client, &SseClient::responseReceived, &client,
                         [this](const StreamResponse &response) { responses << response; });
    }

    QStringList stateNames() const
    {
        QStringList names;
        for (const StreamStateChange &change : states)
            names << streamStateName(change.state);
        return names;
    }
    QByteArrayList ids() const
    {
        QByteArrayList list;
        for (const SseEvent &event : events)
            list << event.lastEventId;
        return list;
    }
    StreamState state() const { return client.state(); }
    const StreamStateChange &last() const { return states.last(); }

    ManualClock clock;
    SseClient client;
    QList<StreamStateChange> states;
    QList<SseEvent> events;
    QList<StreamChunk> chunks;
    QList<StreamResponse> responses;
};

QJsonObject echoed(const SseEvent &event)
{
    return QJsonDocument::fromJson(event.data).object();
}

QByteArray headerOf(const QJsonObject &echo, const QString &name)
{
    for (const QJsonValue &pair : echo.value(u"headers"_s).toArray()) {
        if (pair.toArray().at(0).toString().compare(name, Qt::CaseInsensitive) == 0)
            return pair.toArray().at(1).toString().toUtf8();
    }
    return "(absent)";
}

} // namespace

class TestSseClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensAndReceives();
    void headersSent();
    void reconnectsWithLastEventIdAfterServerRetry();
    void backoffGrowsThenResetsAfterAHealthyStream();
    void status204Stops();
    void serverErrorFails();
    void serverErrorRetriedWithRetryAfter();
    void wrongContentTypeFails();
    void redirectIsFollowed();
    void redirectWithoutLocationFails();
    void postIsNotReconnectedByDefault();
    void postBodyIsSentAgainOnReconnect();
    void idleTimeoutCountsBytes();
    void idleTimeoutEndsASilentStream();
    void stopRules();
    void maxAttemptsGivesUp();
    void limitErrorFails();
    void chunksAreObservable();
    void closeByUser();
    void manyStreamsToOneHost();
    void invalidUrlFails();
    void causesOfEndings_data();
    void causesOfEndings();
    void rejectedBodyIsKept();
    void noNextAttemptBeforeAStreamFails_data();
    void noNextAttemptBeforeAStreamFails();
    void aFloodIsReadATurnAtATime();

private:
    StreamRequest request(const QString &pathAndQuery) const
    {
        StreamRequest request;
        request.url = m_producer.url(pathAndQuery);
        request.proxyMode = StreamRequest::ProxyMode::None;
        return request;
    }

    MockProducer m_producer;
};

void TestSseClient::initTestCase()
{
    QVERIFY2(m_producer.start(), qPrintable(m_producer.errorString()));
}

void TestSseClient::opensAndReceives()
{
    StreamRequest r = request(u"/ticker?count=3&interval=5&type=tick"_s);
    r.reconnect.enabled = false;
    Session s(r);
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Finished, 10000);
    QCOMPARE(s.stateNames(), (QStringList{u"connecting"_s, u"open"_s, u"finished"_s}));
    QCOMPARE(s.states[1].reason, u"status 200, text/event-stream; charset=utf-8"_s);
    QCOMPARE(s.states[1].httpStatus, 200);
    QCOMPARE(s.last().reason, u"the server ended the stream; reconnecting is off"_s);
    QCOMPARE(s.ids(), (QByteArrayList{"1", "2", "3"}));
    QCOMPARE(s.events[2].type, QByteArray("tick"));
    QCOMPARE(s.events[2].data, QByteArray("tick 3"));
    QCOMPARE(s.client.lastEventId(), QByteArray("3"));
    QCOMPARE(s.responses.size(), 1);
    QCOMPARE(s.responses[0].status, 200);
}

void TestSseClient::headersSent()
{
    StreamRequest r = request(u"/echo"_s);
    r.reconnect.enabled = false;
    r.headers = {{"X-Trace", "abc"}};
    Session plain(r);
    plain.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(plain.events.size(), 1, 10000);
    const QJsonObject first = echoed(plain.events[0]);
    QCOMPARE(headerOf(first, u"Accept"_s), QByteArray("text/event-stream"));
    QCOMPARE(headerOf(first, u"Cache-Control"_s), QByteArray("no-cache"));
    QCOMPARE(headerOf(first, u"X-Trace"_s), QByteArray("abc"));
    QCOMPARE(headerOf(first, u"User-Agent"_s), QByteArray("SSE Scope/") + SseScope::Version);
    QCOMPARE(headerOf(first, u"Last-Event-ID"_s), QByteArray("(absent)")); // no id yet: no header at all

    r.lastEventId = "41";
    r.headers = {{"Accept", "text/event-stream, application/json"}};
    Session resumed(r);
    resumed.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(resumed.events.size(), 1, 10000);
    const QJsonObject second = echoed(resumed.events[0]);
    QCOMPARE(headerOf(second, u"Last-Event-ID"_s), QByteArray("41"));
    QCOMPARE(headerOf(second, u"Accept"_s), QByteArray("text/event-stream, application/json")); // user wins
    QCOMPARE(second.value(u"method"_s).toString(), u"GET"_s);
}

void TestSseClient::reconnectsWithLastEventIdAfterServerRetry()
{
    Session s(request(u"/ticker?count=4&interval=5&drop_after=2&retry=1500"_s));
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::WaitingToReconnect, 10000);
    QCOMPARE(s.ids(), (QByteArrayList{"1", "2"}));
    QCOMPARE(s.last().delayMs, 1500); // the server's retry: replaced the default 3000
    QVERIFY2(s.last().reason.startsWith(u"the connection broke: "_s), qPrintable(s.last().reason));
    QVERIFY(s.last().reason.endsWith(u"; attempt 2 in 1.5 s"_s));
    QCOMPARE(s.clock.pendingDelays(), QList<qint64>{1500});
    s.clock.advance(1499);
    QCOMPARE(s.state(), StreamState::WaitingToReconnect);
    s.clock.advance(1);
    QCOMPARE(s.state(), StreamState::Connecting);
    QCOMPARE(s.last().reason, u"attempt 2: GET %1 with Last-Event-ID 2"_s.arg(s.client.request().url.toString()));
    QTRY_COMPARE_WITH_TIMEOUT(s.ids().size(), 4, 10000);
    QCOMPARE(s.ids(), (QByteArrayList{"1", "2", "3", "4"}));
    // drop_after counts per connection: 3 and 4 come, then that connection is cut too, and the second
    // reconnect in a row draws from the jittered backoff, never below the server's retry: of 1.5 s.
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::WaitingToReconnect, 10000);
    QVERIFY(s.last().reason.startsWith(u"the connection broke: "_s));
    QVERIFY(s.last().delayMs >= 1500 && s.last().delayMs <= 3000);
    s.client.close();
    QCOMPARE(s.state(), StreamState::ClosedByUser);
    QVERIFY(s.clock.pendingDelays().isEmpty());
}

void TestSseClient::backoffGrowsThenResetsAfterAHealthyStream()
{
    StreamRequest r = request(u"/ticker?count=0&interval=5&drop_after=2"_s);
    r.reconnect.resetAfterMs = 60000;
    Session s(r);
    s.client.setRandomSeed(3);
    bool stayLong = false;
    QObject::connect(&s.client, &SseClient::stateChanged, &s.client, [&](const StreamStateChange &change) {
        if (change.state == StreamState::Open && stayLong)
            s.clock.advance(60000); // this connection stays open for a minute before it is cut
    });
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::WaitingToReconnect, 10000);
    QCOMPARE(s.last().delayMs, 3000); // first in a row: the reconnection time
    s.clock.advance(3000);
    QTRY_COMPARE_WITH_TIMEOUT(s.client.attempt(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::WaitingToReconnect, 10000);
    const qint64 second = s.last().delayMs; // second in a row: between the reconnection time and twice it
    QVERIFY2(second >= 3000 && second <= 6000 && second != 3000, qPrintable(QString::number(second)));
    stayLong = true;
    s.clock.advance(second);
    QTRY_COMPARE_WITH_TIMEOUT(s.client.attempt(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::WaitingToReconnect, 10000);
    QCOMPARE(s.last().delayMs, 3000); // healthy for a minute: the backoff starts again
    s.client.close();
}

void TestSseClient::status204Stops()
{
    Session s(request(u"/status?code=204"_s));
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::StoppedByServer, 10000);
    QCOMPARE(s.stateNames(), (QStringList{u"connecting"_s, u"stopped-by-server"_s}));
    QCOMPARE(s.last().reason, u"status 204 No Content: the server asks not to reconnect"_s);
    QCOMPARE(s.last().httpStatus, 204);
    QVERIFY(s.clock.pendingDelays().isEmpty());
}

void TestSseClient::serverErrorFails()
{
    Session s(request(u"/status?code=500&message=boom"_s));
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Failed, 10000);
    QCOMPARE(s.last().reason, u"status 500 Internal Server Error: {\"error\":\"boom\",\"status\":500}"_s);
    QCOMPARE(s.last().httpStatus, 500);
}

void TestSseClient::serverErrorRetriedWithRetryAfter()
{
    StreamRequest r = request(u"/status?code=503&retry_after=7"_s);
    r.reconnect.retryServerErrors = true;
    r.reconnect.maxAttempts = 2;
    Session s(r);
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::WaitingToReconnect, 10000);
    QCOMPARE(s.last().delayMs, 7000);
    QVERIFY2(s.last().reason.startsWith(u"status 503 Service Unavailable: "_s), qPrintable(s.last().reason));
    QVERIFY(s.last().reason.endsWith(u"; attempt 2 in 7.0 s (Retry-After)"_s));
    s.clock.advance(7000);
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Failed, 10000);
    QVERIFY(s.last().reason.endsWith(u"; gave up after 2 attempts"_s));
}

void TestSseClient::wrongContentTypeFails()
{
    Session s(request(u"/wrong-type"_s));
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Failed, 10000);
    QCOMPARE(s.last().reason, u"status 200 but Content-Type is text/plain; charset=utf-8, not text/event-stream"_s);
    QVERIFY(s.events.isEmpty());
}

void TestSseClient::redirectIsFollowed()
{
    StreamRequest r = request(u"/redirect?code=307&to=/ticker%3Fcount%3D2%26interval%3D1"_s);
    r.reconnect.enabled = false;
    Session s(r);
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Finished, 10000);
    QCOMPARE(s.ids(), (QByteArrayList{"1", "2"}));
    QCOMPARE(s.responses.size(), 1);
    QCOMPARE(s.responses[0].url.path(), u"/ticker"_s);
}

void TestSseClient::redirectWithoutLocationFails()
{
    Session s(request(u"/redirect?no_location=1"_s));
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Failed, 10000);
    QCOMPARE(s.last().reason, u"status 307 Temporary Redirect: a redirect without a usable Location header"_s);
}

void TestSseClient::postIsNotReconnectedByDefault()
{
    StreamRequest r = request(u"/echo"_s);
    r.method = "POST";
    r.body = "{\"prompt\":\"hi\"}";
    Session s(r);
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Finished, 10000);
    QCOMPARE(s.events.size(), 1);
    QCOMPARE(s.last().reason,
             u"the server ended the stream; not reconnecting: that would send the POST request again "
             u"(allow it with the reconnect-POST option)"_s);
}

void TestSseClient::postBodyIsSentAgainOnReconnect()
{
    StreamRequest r = request(u"/echo"_s);
    r.method = "POST";
    r.body = "{\"prompt\":\"hi\"}";
    r.headers = {{"Content-Type", "application/json"}};
    r.reconnect.reconnectPost = true;
    Session s(r);
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::WaitingToReconnect, 10000);
    QCOMPARE(s.last().delayMs, 3000);
    s.clock.advance(3000);
    QTRY_COMPARE_WITH_TIMEOUT(s.events.size(), 2, 10000);
    for (const SseEvent &event : std::as_const(s.events)) {
        QCOMPARE(echoed(event).value(u"method"_s).toString(), u"POST"_s);
        QCOMPARE(echoed(event).value(u"body"_s).toString(), u"{\"prompt\":\"hi\"}"_s);
    }
    s.client.close();
}

void TestSseClient::idleTimeoutCountsBytes()
{
    StreamRequest r = request(u"/heartbeats?interval=30"_s);
    r.reconnect.idleTimeoutMs = 1000;
    Session s(r);
    int comments = 0;
    QObject::connect(&s.client, &SseClient::commentReceived, &s.client, [&](const QByteArray &, qint64) {
        ++comments;
        s.clock.advance(900); // under the timeout since the last byte, well over it in total
    });
    s.client.start();
    QTRY_VERIFY_WITH_TIMEOUT(comments >= 5, 10000);
    QCOMPARE(s.state(), StreamState::Open);
    QVERIFY(s.events.isEmpty());
    s.client.close();
}

void TestSseClient::idleTimeoutEndsASilentStream()
{
    StreamRequest r = request(u"/hang"_s);
    r.reconnect.idleTimeoutMs = 1000;
    Session s(r);
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Open, 10000);
    s.clock.advance(999);
    QCOMPARE(s.state(), StreamState::Open);
    s.clock.advance(1);
    QCOMPARE(s.state(), StreamState::WaitingToReconnect);
    QCOMPARE(s.last().reason, u"no byte for 1.0 s (read timeout); attempt 2 in 3.0 s"_s);
    s.client.close();
}

void TestSseClient::stopRules()
{
    StreamRequest openAi = request(u"/v1/chat/completions"_s);
    openAi.method = "POST";
    openAi.headers = {{"Content-Type", "application/json"}};
    openAi.body = R"({"stream":true,"rate":0,"reply":"one two"})";
    openAi.stop.dataValues = {"[DONE]"};
    Session llm(openAi);
    llm.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(llm.state(), StreamState::Finished, 10000);
    QCOMPARE(llm.last().reason, u"stop rule: data [DONE]"_s);
    QCOMPARE(llm.events.last().data, QByteArray("[DONE]"));

    StreamRequest fastApi = request(u"/fastapi-close?lines=2&interval=1"_s);
    fastApi.stop.eventTypes = {"close"};
    Session close(fastApi);
    close.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(close.state(), StreamState::Finished, 10000);
    QCOMPARE(close.last().reason, u"stop rule: event type close"_s);
    QCOMPARE(close.events.size(), 3);

    StreamRequest endless = request(u"/ticker?count=0&interval=0"_s);
    endless.stop.maxEvents = 5;
    Session limited(endless);
    limited.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(limited.state(), StreamState::Finished, 10000);
    QCOMPARE(limited.last().reason, u"stop rule: 5 events received"_s);
    QCOMPARE(limited.events.size(), 5); // nothing after the matching event, even from the same read
}

void TestSseClient::maxAttemptsGivesUp()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    StreamRequest r;
    r.url = QUrl(u"http://127.0.0.1:%1/stream"_s.arg(closedPort));
    r.proxyMode = StreamRequest::ProxyMode::None;
    r.reconnect.maxAttempts = 2;
    Session s(r);
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::WaitingToReconnect, 10000);
    QCOMPARE(s.last().reason, u"cannot connect: Connection refused; attempt 2 in 3.0 s"_s);
    s.clock.advance(3000);
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Failed, 10000);
    QCOMPARE(s.last().reason, u"cannot connect: Connection refused; gave up after 2 attempts"_s);
}

void TestSseClient::limitErrorFails()
{
    StreamRequest r = request(u"/huge?size=5000"_s);
    r.limits.maxEventSize = 1000;
    Session s(r);
    QList<SseParseError> errors;
    QObject::connect(&s.client, &SseClient::parseErrorOccurred, &s.client,
                     [&](const SseParseError &error) { errors << error; });
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Failed, 10000);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].kind, SseParseError::Kind::EventTooLarge);
    QCOMPARE(s.last().reason,
             u"the stream went over a limit: event data at byte %1 is larger than the event limit of "
             u"1000 bytes"_s.arg(errors[0].offset));
}

void TestSseClient::chunksAreObservable()
{
    StreamRequest r = request(u"/drip?count=1&interval=5"_s);
    r.reconnect.enabled = false;
    Session s(r);
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Finished, 10000);
    QByteArray joined;
    qint64 offset = 0;
    for (const StreamChunk &chunk : std::as_const(s.chunks)) {
        QCOMPARE(chunk.offset, offset);
        QCOMPARE(chunk.attempt, 1);
        offset += chunk.bytes.size();
        joined += chunk.bytes;
    }
    QCOMPARE(joined, QByteArray("id: 1\ndata: drop 1\n\n"));
    QVERIFY2(s.chunks.size() >= 10, "one byte per write arrives in many reads");
    QCOMPARE(s.ids(), QByteArrayList{"1"});
}

void TestSseClient::closeByUser()
{
    Session s(request(u"/ticker?count=0&interval=10"_s));
    s.client.start();
    QTRY_VERIFY_WITH_TIMEOUT(s.events.size() >= 2, 10000);
    s.client.close();
    QCOMPARE(s.state(), StreamState::ClosedByUser);
    QCOMPARE(s.last().reason, u"closed by the user"_s);
    const qsizetype received = s.events.size();
    QTest::qWait(100);
    QCOMPARE(s.events.size(), received);
    QTRY_COMPARE_WITH_TIMEOUT(m_producer.openStreams(), 0, 10000);
}

void TestSseClient::manyStreamsToOneHost()
{
    // Qt allows 6 connections per host and manager: 20 endless streams to one host must all be open at once.
    std::vector<std::unique_ptr<Session>> sessions;
    for (int i = 0; i < 20; ++i) {
        sessions.push_back(std::make_unique<Session>(request(u"/ticker?count=0&interval=20"_s)));
        sessions.back()->client.start();
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(sessions.begin(), sessions.end(), [](const auto &s) { return s->events.size() >= 2; }), 10000);
    QCOMPARE(m_producer.openStreams(), 20);
    for (const auto &s : sessions)
        QCOMPARE(s->state(), StreamState::Open);
    sessions.clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_producer.openStreams(), 0, 10000);
}

void TestSseClient::invalidUrlFails()
{
    StreamRequest r;
    r.url = QUrl(u"ftp://example.org/stream"_s);
    Session s(r);
    s.client.start();
    QCOMPARE(s.state(), StreamState::Failed);
    QCOMPARE(s.last().reason, u"'ftp://example.org/stream' is not an http or https URL"_s);
}

QTEST_GUILESS_MAIN(TestSseClient)
#include "tst_sseclient.moc"

void TestSseClient::causesOfEndings_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("reconnect");
    QTest::addColumn<QByteArray>("stopType");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("followUp");
    QTest::addColumn<QString>("detail");

    const int finished = int(StreamState::Finished);
    const int failed = int(StreamState::Failed);
    QTest::newRow("server ended") << u"/ticker?count=2&interval=1"_s << false << QByteArray() << finished
                                  << u"server-ended"_s << u"reconnecting-off"_s << QString();
    QTest::newRow("204") << u"/status?code=204"_s << true << QByteArray() << int(StreamState::StoppedByServer)
                         << u"no-content"_s << u"none"_s << QString();
    QTest::newRow("404") << u"/status?code=404"_s << true << QByteArray() << failed << u"wrong-status"_s << u"none"_s
                         << u"Not Found"_s;
    QTest::newRow("500") << u"/status?code=500"_s << true << QByteArray() << failed << u"wrong-status"_s << u"none"_s
                         << u"Internal Server Error"_s;
    QTest::newRow("wrong type") << u"/wrong-type"_s << true << QByteArray() << failed << u"wrong-content-type"_s
                                << u"none"_s << u"text/plain; charset=utf-8"_s;
    QTest::newRow("stop rule") << u"/fastapi-close?lines=2&interval=1"_s << true << QByteArray("close") << finished
                               << u"stop-rule-type"_s << u"none"_s << u"close"_s;
}

// The cause is a value the window, the command line and recordings decide by, not a sentence to search.
void TestSseClient::causesOfEndings()
{
    QFETCH(QString, path);
    QFETCH(bool, reconnect);
    QFETCH(QByteArray, stopType);
    QFETCH(int, state);
    QFETCH(QString, cause);
    QFETCH(QString, followUp);
    QFETCH(QString, detail);

    StreamRequest r = request(path);
    r.reconnect.enabled = reconnect;
    if (!stopType.isEmpty())
        r.stop.eventTypes = {stopType};
    Session s(r);
    s.client.start();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(s.state()), 10000);
    QCOMPARE(int(s.state()), state);
    QCOMPARE(streamCauseName(s.states.first().cause), u"connecting"_s);
    QCOMPARE(s.states.first().method, QByteArray("GET"));
    QCOMPARE(streamCauseName(s.last().cause), cause);
    QCOMPARE(streamFollowUpName(s.last().followUp), followUp);
    QCOMPARE(s.last().detail, detail);
    // The English reason is made from the same fields.
    QCOMPARE(s.last().reason, streamStateReason(s.last()));
}

void TestSseClient::noNextAttemptBeforeAStreamFails_data()
{
    QTest::addColumn<bool>("unreachable");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("reconnect");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("followUp");
    QTest::newRow("refused, reconnecting off")
        << true << QByteArray("GET") << false << u"cannot-connect"_s << u"reconnecting-off"_s;
    QTest::newRow("refused POST, not repeated")
        << true << QByteArray("POST") << true << u"cannot-connect"_s << u"would-repeat-request"_s;
    QTest::newRow("503, reconnecting off")
        << false << QByteArray("GET") << false << u"wrong-status"_s << u"reconnecting-off"_s;
}

// A session that ends without ever opening a stream failed, whatever kept it from trying again: "finished"
// would tell a user (and a script reading the states) that it went well.
void TestSseClient::noNextAttemptBeforeAStreamFails()
{
    QFETCH(bool, unreachable);
    QFETCH(QByteArray, method);
    QFETCH(bool, reconnect);
    QFETCH(QString, cause);
    QFETCH(QString, followUp);

    StreamRequest r = request(u"/status?code=503"_s);
    if (unreachable) {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        r.url = QUrl(u"http://127.0.0.1:%1/events"_s.arg(closed.serverPort()));
    }
    r.method = method;
    r.reconnect.enabled = reconnect;
    r.reconnect.retryServerErrors = true;
    Session s(r);
    s.client.start();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(s.state()), 10000);
    QCOMPARE(s.state(), StreamState::Failed);
    QCOMPARE(streamCauseName(s.last().cause), cause);
    QCOMPARE(streamFollowUpName(s.last().followUp), followUp);
}

// A refused response's body says why; it is kept for the user to read, for a wrong content type too.
void TestSseClient::rejectedBodyIsKept()
{
    Session s(request(u"/wrong-type"_s));
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Failed, 10000);
    QVERIFY2(!s.last().body.isEmpty(), "the wrong-type body is kept");
    QCOMPARE(s.last().cause, StreamCause::WrongContentType);

    Session error(request(u"/status?code=500&message=boom"_s));
    error.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(error.state(), StreamState::Failed, 10000);
    QCOMPARE(error.last().body, QByteArray("{\"error\":\"boom\",\"status\":500}"));
}

// A window on the client's thread must keep drawing while a server floods it: however much the reply has
// buffered, one turn of the event loop reads a bounded share of it, and nothing is lost.
void TestSseClient::aFloodIsReadATurnAtATime()
{
    // On its own thread the producer goes on writing while this one is held up, as a server would.
    const ProducerThread producer;
    QVERIFY(producer.isStarted());

    const qint64 count = 6000; // of 1,000 bytes each: several times the reply's read buffer
    StreamRequest r;
    r.url = producer.url(u"/ticker?count=%1&interval=0&size=1000"_s.arg(count));
    r.proxyMode = StreamRequest::ProxyMode::None;
    r.reconnect.enabled = false;
    Session s(r);
    // Held up right after the head, the thread finds the reply's buffer full when it comes back.
    QObject::connect(&s.client, &SseClient::stateChanged, &s.client, [](const StreamStateChange &change) {
        if (change.state == StreamState::Open)
            QThread::msleep(300);
    });
    qint64 bytesThisTurn = 0;
    qint64 mostInATurn = 0;
    QObject::connect(&s.client, &SseClient::chunkReceived, &s.client,
                     [&](const StreamChunk &chunk) { bytesThisTurn += chunk.bytes.size(); });
    // A zero-time timer runs once per turn of the event loop: what was read between two of its runs was
    // read in one turn (or two, the turn's own read and a read-ahead asked for by the turn before).
    QTimer turns;
    turns.setInterval(0);
    QObject::connect(&turns, &QTimer::timeout, &turns,
                     [&]() { mostInATurn = qMax(mostInATurn, std::exchange(bytesThisTurn, 0)); });
    turns.start();
    s.client.start();
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), StreamState::Finished, 60000);
    mostInATurn = qMax(mostInATurn, bytesThisTurn);

    QCOMPARE(s.events.size(), count);
    QCOMPARE(s.events.last().lastEventId, QByteArray::number(count));
    // The hold-up left more waiting than one turn may take: the bound was reached, and kept.
    QVERIFY2(mostInATurn >= SseClient::ReadBytesPerTurn, qPrintable(QString::number(mostInATurn)));
    QVERIFY2(mostInATurn <= 2 * SseClient::ReadBytesPerTurn, qPrintable(QString::number(mostInATurn)));
}
