// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockproducer.h"
#include "rawhttpclient.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestMockProducer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listensOnLoopbackEphemeralPort();
    void portInUseIsAnError();
    void catalogueListsEveryScenario();
    void errors_data();
    void errors();
    void clientLeavingStopsTheStream();
    void stopClosesOpenStreamsCleanly();
    void restartAfterStop();

private:
    std::unique_ptr<MockProducer> m_producer;
};

void TestMockProducer::init()
{
    m_producer = std::make_unique<MockProducer>();
    QVERIFY2(m_producer->start(), qPrintable(m_producer->errorString()));
}

void TestMockProducer::cleanup()
{
    m_producer.reset();
}

void TestMockProducer::listensOnLoopbackEphemeralPort()
{
    QVERIFY(m_producer->isRunning());
    QVERIFY(m_producer->port() > 0);
    QCOMPARE(m_producer->url(u"/ticker?count=1"_s).toString(),
             u"http://127.0.0.1:%1/ticker?count=1"_s.arg(m_producer->port()));
}

void TestMockProducer::portInUseIsAnError()
{
    MockProducer second;
    QVERIFY(!second.start(QHostAddress::LocalHost, m_producer->port()));
    QVERIFY(!second.isRunning());
    QVERIFY2(second.errorString().startsWith(u"cannot listen on 127.0.0.1 port %1: "_s.arg(m_producer->port())),
             qPrintable(second.errorString()));
}

void TestMockProducer::catalogueListsEveryScenario()
{
    RawHttpClient client(m_producer->port(), RawHttpClient::get("/"));
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
    QCOMPARE(client.status(), 200);
    QCOMPARE(client.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(client.header("Content-Length").toLongLong(), client.body().size());
    const QJsonObject catalogue = QJsonDocument::fromJson(client.body()).object();
    QCOMPARE(catalogue.value(u"producer"_s).toString(), u"SSE Scope mock producer"_s);
    const QJsonArray scenarios = catalogue.value(u"scenarios"_s).toArray();
    QCOMPARE(scenarios.size(), m_producer->catalogue().scenarios().size());
    QStringList names;
    QHash<QString, QString> endings;
    for (const QJsonValue &value : scenarios) {
        const QJsonObject scenario = value.toObject();
        names << scenario.value(u"name"_s).toString();
        endings.insert(names.last(), scenario.value(u"ends"_s).toString());
        QVERIFY(scenario.value(u"path"_s).toString().startsWith(u'/'));
        QVERIFY(!scenario.value(u"description"_s).toString().isEmpty());
        for (const QJsonValue &param : scenario.value(u"parameters"_s).toArray()) {
            QVERIFY(!param.toObject().value(u"name"_s).toString().isEmpty());
            QVERIFY(param.toObject().contains(u"default"_s));
        }
    }
    for (const QString &expected :
         {u"ticker"_s, u"django-counter"_s, u"fastapi-close"_s, u"random-json"_s, u"stop-after"_s, u"openai-chat"_s,
          u"anthropic-messages"_s, u"status"_s, u"wrong-type"_s, u"redirect"_s, u"drip"_s, u"line-endings"_s,
          u"heartbeats"_s, u"huge"_s, u"unterminated"_s, u"gzip"_s, u"hang"_s, u"echo"_s})
        QVERIFY2(names.contains(expected), qPrintable(expected));
    // Each says how it ends, so that a client can stop there.
    QCOMPARE(endings.value(u"fastapi-close"_s), u"event:close"_s);
    QCOMPARE(endings.value(u"openai-chat"_s), u"data:[DONE]"_s);
    QCOMPARE(endings.value(u"anthropic-messages"_s), u"event:message_stop"_s);
    for (const QString &closes : {u"gzip"_s, u"huge"_s, u"line-endings"_s, u"stop-after"_s, u"echo"_s})
        QCOMPARE(endings.value(closes), u"server-closes"_s);
    for (const QString &endless : {u"django-counter"_s, u"heartbeats"_s, u"hang"_s})
        QCOMPARE(endings.value(endless), u"endless"_s);
    QCOMPARE(endings.value(u"status"_s), u"refused"_s);
}

void TestMockProducer::errors_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown path") << RawHttpClient::get("/nope") << 404 << u"no scenario at /nope; GET / lists them"_s;
    QTest::newRow("wrong method") << RawHttpClient::post("/ticker", "{}") << 405 << u"/ticker answers GET only"_s;
    QTest::newRow("get an llm route") << RawHttpClient::get("/v1/chat/completions") << 405
                                      << u"/v1/chat/completions answers POST only"_s;
    QTest::newRow("unknown parameter") << RawHttpClient::get("/ticker?cout=3") << 400
                                       << u"/ticker: unknown parameter 'cout'; this scenario takes: count, interval, "
                                          u"type, size, start, stamp, rate, eol, "
                                          u"bom, retry, framing, drop_after, drop_chance, seed"_s;
    QTest::newRow("not a number") << RawHttpClient::get("/ticker?count=ten") << 400
                                  << u"/ticker: parameter 'count' takes a whole number from 0 to "
                                     u"9223372036854775807, not 'ten'"_s;
    QTest::newRow("out of range") << RawHttpClient::get("/drip?count=0") << 400
                                  << u"/drip: parameter 'count' takes a whole number from 1 to 1000, not '0'"_s;
    QTest::newRow("bad choice") << RawHttpClient::get("/ticker?eol=lfcr") << 400
                                << u"/ticker: parameter 'eol' takes one of lf, crlf, cr, not 'lfcr'"_s;
    QTest::newRow("bad flag") << RawHttpClient::get("/ticker?bom=maybe") << 400
                              << u"/ticker: parameter 'bom' takes 1 or 0 (true or false), not 'maybe'"_s;
    QTest::newRow("bad json body") << RawHttpClient::post("/v1/chat/completions", "{\"stream\": tru") << 400
                                   << u"/v1/chat/completions: the JSON body does not parse at byte 12: illegal value"_s;
    QTest::newRow("json body of the wrong type")
        << RawHttpClient::post("/v1/chat/completions", "{\"rate\": \"fast\"}") << 400
        << u"/v1/chat/completions: parameter 'rate' takes a whole number from 0 to 1000000, not 'fast'"_s;
}

void TestMockProducer::errors()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, error);
    RawHttpClient client(m_producer->port(), request);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
    QCOMPARE(client.status(), status);
    QCOMPARE(client.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(client.body()).object();
    QCOMPARE(body.value(u"error"_s).toString(), error);
    if (status == 405)
        QVERIFY(!client.header("Allow").isEmpty());
}

void TestMockProducer::clientLeavingStopsTheStream()
{
    QSignalSpy ended(m_producer.get(), &MockProducer::streamEnded);
    RawHttpClient client(m_producer->port(), RawHttpClient::get("/ticker?count=0&interval=20"));
    QTRY_VERIFY_WITH_TIMEOUT(client.body().count("data: ") >= 3, 5000);
    QCOMPARE(m_producer->openStreams(), 1);
    client.close();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 5000);
    QCOMPARE(ended.first().at(1).value<MockStream::Ending>(), MockStream::Ending::ClientLeft);
    QCOMPARE(m_producer->openStreams(), 0);
}

void TestMockProducer::stopClosesOpenStreamsCleanly()
{
    QSignalSpy ended(m_producer.get(), &MockProducer::streamEnded);
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (const QByteArray target : {"/ticker?count=0&interval=20", "/hang", "/heartbeats?interval=20"})
        clients.push_back(std::make_unique<RawHttpClient>(m_producer->port(), RawHttpClient::get(target)));
    QTRY_COMPARE_WITH_TIMEOUT(m_producer->openStreams(), 3, 5000);
    for (const auto &client : clients)
        QTRY_VERIFY_WITH_TIMEOUT(client->hasHead(), 5000);
    m_producer->stop();
    QVERIFY(!m_producer->isRunning());
    QCOMPARE(m_producer->openStreams(), 0);
    QCOMPARE(ended.size(), 3);
    for (const QList<QVariant> &signal : std::as_const(ended))
        QCOMPARE(signal.at(1).value<MockStream::Ending>(), MockStream::Ending::ProducerStopped);
    for (const auto &client : clients) {
        QTRY_VERIFY_WITH_TIMEOUT(client->closed(), 5000);
        bool complete = false;
        client->body(&complete);
        QVERIFY2(complete, "a stopped producer ends each chunked body with its last chunk");
    }
}

void TestMockProducer::restartAfterStop()
{
    m_producer->stop();
    QVERIFY(m_producer->start());
    RawHttpClient client(m_producer->port(), RawHttpClient::get("/ticker?count=1&interval=1"));
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 5000);
    QCOMPARE(client.body(), QByteArray("id: 1\ndata: tick 1\n\n"));
}

QTEST_GUILESS_MAIN(TestMockProducer)
#include "tst_mockproducer.moc"
