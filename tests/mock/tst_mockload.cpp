// SPDX-License-Identifier: GPL-3.0-or-later
// A bounded load test: 1,000 streams held open and served at once, then closed from both ends, with
// nothing left behind.
#include "mockproducer.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

namespace {

constexpr int Clients = 1000;

struct Client
{
    std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
    QByteArray received;
};

} // namespace

class TestMockLoad final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thousandStreamsClosedByClients();
    void thousandStreamsClosedByProducer();

private:
    std::vector<Client> openClients(MockProducer &producer, const QByteArray &target);
};

std::vector<Client> TestMockLoad::openClients(MockProducer &producer, const QByteArray &target)
{
    std::vector<Client> clients(Clients);
    for (Client &client : clients) {
        QTcpSocket *socket = client.socket.get();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, &client]() { client.received += socket->readAll(); });
        socket->connectToHost(QStringLiteral("127.0.0.1"), producer.port());
        socket->write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }
    return clients;
}

void TestMockLoad::thousandStreamsClosedByClients()
{
    MockProducer producer;
    QVERIFY(producer.start());
    QSignalSpy ended(&producer, &MockProducer::streamEnded);
    std::vector<Client> clients = openClients(producer, "/ticker?count=0&interval=200");
    const auto everyoneServed = [&clients]() {
        return std::all_of(clients.begin(), clients.end(),
                           [](const Client &c) { return c.received.count("data: ") >= 2; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(everyoneServed(), 60000);
    QCOMPARE(producer.openStreams(), Clients);
    QCOMPARE(producer.openConnections(), Clients);
    for (Client &client : clients)
        client.socket->abort();
    QTRY_COMPARE_WITH_TIMEOUT(producer.openStreams(), 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(producer.openConnections(), 0, 30000);
    QCOMPARE(ended.size(), Clients);
    for (const QList<QVariant> &signal : std::as_const(ended))
        QCOMPARE(signal.at(1).value<MockStream::Ending>(), MockStream::Ending::ClientLeft);
}

void TestMockLoad::thousandStreamsClosedByProducer()
{
    MockProducer producer;
    QVERIFY(producer.start());
    std::vector<Client> clients = openClients(producer, "/heartbeats?interval=200");
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(),
                                         [](const Client &c) { return c.received.contains(": heartbeat 1\n"); }),
                             60000);
    QCOMPARE(producer.openStreams(), Clients);
    producer.stop();
    QCOMPARE(producer.openStreams(), 0);
    QCOMPARE(producer.openConnections(), 0);
    // Every client gets the last chunk of its body, then the end of the connection.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(),
                                         [](const Client &c) {
                                             return c.socket->state() == QAbstractSocket::UnconnectedState
                                                 && c.received.endsWith("\r\n0\r\n\r\n");
                                         }),
                             30000);
}

QTEST_GUILESS_MAIN(TestMockLoad)
#include "tst_mockload.moc"
