// SPDX-License-Identifier: GPL-3.0-or-later
// TLS options against a local HTTPS server with a self-signed certificate made for the test: untrusted by
// default, trusted with a CA file, or accepted when told to ignore errors (and then said so).
#include "net/sseclient.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestSseClientTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void untrustedCertificateFails();
    void trustedWithCaFile();
    void ignoredWhenAskedAndSaidLoudly();

private:
    StreamState run(StreamRequest request, QList<SseEvent> *events, QList<StreamStateChange> *states);

    QTemporaryDir m_dir;
    QSslServer m_server;
    QString m_certificate;
};

void TestSseClientTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QVERIFY(m_dir.isValid());
    m_certificate = m_dir.filePath(u"cert.pem"_s);
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                   m_dir.filePath(u"key.pem"_s), u"-out"_s, m_certificate, u"-days"_s, u"2"_s, u"-subj"_s,
                   u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
        QSKIP("needs the openssl command to make a certificate");

    QFile keyFile(m_dir.filePath(u"key.pem"_s));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate::fromPath(m_certificate).value(0));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server.setSslConfiguration(tls);
    connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this]() {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket]() {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                              "id: 1\ndata: secure\n\n");
                socket->disconnectFromHost();
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    QVERIFY(m_server.listen(QHostAddress::LocalHost));
}

StreamState TestSseClientTls::run(StreamRequest request, QList<SseEvent> *events, QList<StreamStateChange> *states)
{
    request.url = QUrl(u"https://127.0.0.1:%1/events"_s.arg(m_server.serverPort()));
    request.proxyMode = StreamRequest::ProxyMode::None;
    request.reconnect.enabled = false;
    SseClient client(request);
    connect(&client, &SseClient::eventReceived, this, [events](const SseEvent &event) { *events << event; });
    connect(&client, &SseClient::stateChanged, this, [states](const StreamStateChange &change) { *states << change; });
    client.start();
    QElapsedTimer timer;
    timer.start();
    while (!isFinalState(client.state()) && timer.elapsed() < 20000)
        QTest::qWait(10);
    return client.state();
}

void TestSseClientTls::untrustedCertificateFails()
{
    QList<SseEvent> events;
    QList<StreamStateChange> states;
    QCOMPARE(run(StreamRequest(), &events, &states), StreamState::Failed);
    QVERIFY2(states.last().reason.startsWith(u"TLS handshake failed: "_s), qPrintable(states.last().reason));
    QCOMPARE(states.size(), 2); // connecting, failed: no reconnect into the same certificate
    QVERIFY(events.isEmpty());
}

void TestSseClientTls::trustedWithCaFile()
{
    StreamRequest request;
    request.caFile = m_certificate;
    QList<SseEvent> events;
    QList<StreamStateChange> states;
    QCOMPARE(run(request, &events, &states), StreamState::Finished);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].data, QByteArray("secure"));
}

void TestSseClientTls::ignoredWhenAskedAndSaidLoudly()
{
    StreamRequest request;
    request.ignoreTlsErrors = true;
    QList<SseEvent> events;
    QList<StreamStateChange> states;
    QCOMPARE(run(request, &events, &states), StreamState::Finished);
    QCOMPARE(events.size(), 1);
    const auto warned = std::find_if(states.begin(), states.end(), [](const StreamStateChange &change) {
        return change.reason.startsWith(u"TLS ERRORS IGNORED as asked: "_s);
    });
    QVERIFY(warned != states.end());
}

QTEST_GUILESS_MAIN(TestSseClientTls)
#include "tst_sseclienttls.moc"
