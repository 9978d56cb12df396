// SPDX-License-Identifier: GPL-3.0-or-later
// The client against the servers developers actually run: a Django StreamingHttpResponse view under
// runserver, a FastAPI StreamingResponse under uvicorn, and both behind nginx as a reverse proxy, once with
// proxy_buffering off and once with it on, where the chunk timeline must show the buffering.
#include "net/sseclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

const QString Python = u"/usr/bin/python3"_s;
const QString Nginx = u"/usr/sbin/nginx"_s;
constexpr int IntervalMs = 100;
constexpr int Events = 8;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

bool waitForPort(quint16 port, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, port);
        if (socket.waitForConnected(200))
            return true;
        QTest::qWait(100);
    }
    return false;
}

} // namespace

class TestInterop final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void streams_data();
    void streams();
    void throughAForwardProxy();

private:
    bool startProcess(QProcess &process, const QString &program, const QStringList &arguments, quint16 port);

    QTemporaryDir m_dir;
    QProcess m_django;
    QProcess m_uvicorn;
    QProcess m_nginx;
    quint16 m_djangoPort = 0;
    quint16 m_uvicornPort = 0;
    quint16 m_unbufferedPort = 0;
    quint16 m_bufferedPort = 0;
    quint16 m_forwardPort = 0;
};

bool TestInterop::startProcess(QProcess &process, const QString &program, const QStringList &arguments, quint16 port)
{
    process.setWorkingDirectory(QStringLiteral(SSESCOPE_INTEROP_DIR));
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(10000) || !waitForPort(port, 20000)) {
        qWarning().noquote() << program << "did not start:" << process.readAll();
        return false;
    }
    return true;
}

void TestInterop::initTestCase()
{
    QProcess check;
    check.start(Python, {u"-c"_s, u"import django, fastapi, uvicorn"_s});
    if (!QFile::exists(Nginx) || !check.waitForFinished(30000) || check.exitCode() != 0)
        QSKIP("needs Debian's python3-django, python3-fastapi, python3-uvicorn and nginx "
              "(scripts/install-deps.sh --interop)");
    QVERIFY(m_dir.isValid());
    m_djangoPort = freePort();
    m_uvicornPort = freePort();
    m_unbufferedPort = freePort();
    m_bufferedPort = freePort();
    m_forwardPort = freePort();
    QVERIFY(startProcess(m_django, Python,
                         {u"django_sse.py"_s, u"runserver"_s, u"127.0.0.1:%1"_s.arg(m_djangoPort), u"--noreload"_s},
                         m_djangoPort));
    QVERIFY(startProcess(m_uvicorn, Python,
                         {u"-m"_s, u"uvicorn"_s, u"fastapi_sse:app"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s,
                          QString::number(m_uvicornPort)},
                         m_uvicornPort));

    const QString prefix = m_dir.path();
    const QString locations = uR"(
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        location /django/ { proxy_pass http://127.0.0.1:%1/; }
        location /fastapi/ { proxy_pass http://127.0.0.1:%2/; })"_s.arg(m_djangoPort)
                                  .arg(m_uvicornPort);
    const QString config = uR"(daemon off;
master_process off;
worker_processes 1;
pid %1/nginx.pid;
error_log %1/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path %1/body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    server { listen 127.0.0.1:%2; proxy_buffering off; %4 }
    server { listen 127.0.0.1:%3; proxy_buffering on; proxy_buffer_size 64k; proxy_buffers 8 64k; %4 }
    server {
        listen 127.0.0.1:%5;
        proxy_buffering off;
        location / { proxy_pass http://$http_host$request_uri; }
    }
}
)"_s.arg(prefix)
                               .arg(m_unbufferedPort)
                               .arg(m_bufferedPort)
                               .arg(locations)
                               .arg(m_forwardPort);
    QFile file(prefix + u"/nginx.conf"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config.toUtf8());
    file.close();
    QVERIFY(startProcess(m_nginx, Nginx, {u"-p"_s, prefix, u"-c"_s, file.fileName()}, m_bufferedPort));
}

void TestInterop::cleanupTestCase()
{
    for (QProcess *process : {&m_nginx, &m_uvicorn, &m_django}) {
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate();
        if (!process->waitForFinished(5000))
            process->kill();
        process->waitForFinished(5000);
    }
}

void TestInterop::streams_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<bool>("heldBack");
    QTest::newRow("django runserver") << u"django"_s << u"none"_s << false;
    QTest::newRow("fastapi uvicorn") << u"fastapi"_s << u"none"_s << false;
    QTest::newRow("django behind nginx, buffering off") << u"django"_s << u"unbuffered"_s << false;
    QTest::newRow("fastapi behind nginx, buffering off") << u"fastapi"_s << u"unbuffered"_s << false;
    // runserver's close-delimited body sits in nginx's buffers until it ends: the classic "SSE hangs behind
    // nginx" report. uvicorn's chunked body is passed on as each chunk comes, even with buffering on (nginx
    // 1.22), which the timeline shows just as plainly.
    QTest::newRow("django behind nginx, buffering on") << u"django"_s << u"buffered"_s << true;
    QTest::newRow("fastapi behind nginx, buffering on") << u"fastapi"_s << u"buffered"_s << false;
}

void TestInterop::streams()
{
    QFETCH(QString, server);
    QFETCH(QString, proxy);
    QFETCH(bool, heldBack);
    const bool django = server == u"django";
    const QString query = django ? u"events?count=%1&interval_ms=%2"_s.arg(Events).arg(IntervalMs)
                                 : u"events?lines=%1&interval_ms=%2"_s.arg(Events - 1).arg(IntervalMs);
    StreamRequest request;
    request.proxyMode = StreamRequest::ProxyMode::None;
    if (proxy == u"none")
        request.url = QUrl(u"http://127.0.0.1:%1/%2"_s.arg(django ? m_djangoPort : m_uvicornPort).arg(query));
    else
        request.url = QUrl(u"http://127.0.0.1:%1/%2/%3"_s.arg(proxy == u"buffered" ? m_bufferedPort : m_unbufferedPort)
                               .arg(server, query));
    if (django)
        request.stop.maxEvents = Events;
    else
        request.stop.eventTypes = {"close"};

    SseClient client(request);
    QList<SseEvent> events;
    QList<StreamChunk> chunks;
    qint64 openNs = 0;
    connect(&client, &SseClient::eventReceived, this, [&](const SseEvent &event) { events << event; });
    connect(&client, &SseClient::chunkReceived, this, [&](const StreamChunk &chunk) { chunks << chunk; });
    connect(&client, &SseClient::stateChanged, this, [&](const StreamStateChange &change) {
        if (change.state == StreamState::Open)
            openNs = change.monotonicNs;
    });
    client.start();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(client.state()), 30000);
    QCOMPARE(client.state(), StreamState::Finished);

    QCOMPARE(events.size(), Events);
    for (int i = 0; i < Events - (django ? 0 : 1); ++i) {
        QCOMPARE(events[i].lastEventId, QByteArray::number(i + 1));
        QCOMPARE(events[i].data,
                 django ? u"当前行号是%1"_s.arg(i + 1).toUtf8() : "message " + QByteArray::number(i + 1));
    }
    if (!django) {
        QCOMPARE(events.last().type, QByteArray("close"));
        QCOMPARE(events.last().data, QByteArray("bye"));
    }

    // Passed through, the events arrive as they are written, one interval apart; held back, they come in one
    // burst at the end.
    QVERIFY(!chunks.isEmpty());
    const qint64 streamMs = qint64(Events - 1) * IntervalMs;
    const qint64 firstMs = (chunks.first().monotonicNs - openNs) / 1'000'000;
    const qint64 spreadMs = (chunks.last().monotonicNs - chunks.first().monotonicNs) / 1'000'000;
    qInfo("%lld chunks; first at +%lld ms after the head, spread over %lld ms (the server writes for %lld ms)",
          qlonglong(chunks.size()), qlonglong(firstMs), qlonglong(spreadMs), qlonglong(streamMs));
    if (heldBack) {
        QVERIFY2(spreadMs < streamMs / 3, "nginx with proxy_buffering on holds the stream back");
        QVERIFY2(chunks.size() <= 2, "and hands it over in one go");
    } else {
        QVERIFY2(chunks.size() >= Events / 2, "one read per event or so");
        QVERIFY2(spreadMs > streamMs * 2 / 3, "events arrive as they are written");
    }
}

void TestInterop::throughAForwardProxy()
{
    // nginx as a plain forward proxy (absolute request URIs), in front of runserver.
    StreamRequest request;
    request.url = QUrl(u"http://127.0.0.1:%1/events?count=3&interval_ms=10"_s.arg(m_djangoPort));
    request.proxyMode = StreamRequest::ProxyMode::Given;
    request.proxyUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(m_forwardPort));
    request.stop.maxEvents = 3;
    SseClient client(request);
    QList<SseEvent> events;
    QList<StreamResponse> responses;
    connect(&client, &SseClient::eventReceived, this, [&](const SseEvent &event) { events << event; });
    connect(&client, &SseClient::responseReceived, this,
            [&](const StreamResponse &response) { responses << response; });
    client.start();
    QTRY_VERIFY_WITH_TIMEOUT(isFinalState(client.state()), 30000);
    QCOMPARE(client.state(), StreamState::Finished);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events[2].data, u"当前行号是3"_s.toUtf8());
    QCOMPARE(responses.size(), 1);
    bool viaNginx = false;
    for (const auto &[name, value] : responses[0].headers)
        viaNginx |= name.compare("Server", Qt::CaseInsensitive) == 0 && value.startsWith("nginx");
    QVERIFY2(viaNginx, "the response came through the proxy");
}

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
