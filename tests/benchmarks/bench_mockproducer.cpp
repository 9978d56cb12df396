// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded producer under load: events/s delivered to 1, 10 and 100 clients flooding at once, and the
// time 1,000 clients wait for their response head when they all connect together. The producer runs on the
// main thread, the clients on a second one, each parsing its stream with SseParser.
#include "mockproducer.h"
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

class CountingSink final : public SseParserSink
{
public:
    void eventDispatched(const SseEventView &) override { ++events; }
    qint64 events = 0;
};

struct Client
{
    std::unique_ptr<QTcpSocket> socket;
    CountingSink sink;
    std::unique_ptr<SseParser> parser;
    QByteArray head;
    qint64 startedNs = 0;
    qint64 headNs = -1;
    qint64 bodyBytes = 0;
    bool done = false;
};

// Lives on the client thread: opens the connections, reads and parses every byte.
class Fleet final : public QObject
{
    Q_OBJECT

public:
    QList<qint64> headLatenciesNs() const
    {
        QList<qint64> result;
        for (const auto &client : m_clients)
            result << client->headNs - client->startedNs;
        return result;
    }
    qint64 openingNs() const { return m_openingNs; }
    qint64 bodyBytes() const
    {
        qint64 total = 0;
        for (const auto &client : m_clients)
            total += client->bodyBytes;
        return total;
    }
    qint64 events() const
    {
        qint64 total = 0;
        for (const auto &client : m_clients)
            total += client->sink.events;
        return total;
    }

public Q_SLOTS:
    void open(quint16 port, const QByteArray &target, int count, bool untilHead)
    {
        m_clock.start();
        m_pending = count;
        m_untilHead = untilHead;
        openBatch(port, target, count);
    }
    void closeAll()
    {
        for (auto &client : m_clients)
            client->socket->abort();
        m_clients.clear();
        Q_EMIT closed();
    }

Q_SIGNALS:
    void finished();
    void closed();

private:
    // A batch per event-loop turn: the thread reads the first answers while it opens the rest, as separate
    // client processes would.
    void openBatch(quint16 port, const QByteArray &target, int remaining)
    {
        constexpr int Batch = 50;
        const int count = qMin(Batch, remaining);
        for (int i = 0; i < count; ++i) {
            auto client = std::make_unique<Client>();
            client->socket = std::make_unique<QTcpSocket>();
            client->parser = std::make_unique<SseParser>(&client->sink);
            client->socket->setReadBufferSize(1 << 20);
            Client *raw = client.get();
            connect(raw->socket.get(), &QTcpSocket::readyRead, this, [this, raw]() { read(raw); });
            connect(raw->socket.get(), &QTcpSocket::disconnected, this, [this, raw]() { complete(raw); });
            raw->startedNs = m_clock.nsecsElapsed();
            raw->socket->connectToHost(QStringLiteral("127.0.0.1"), port);
            raw->socket->write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
            m_clients.push_back(std::move(client));
        }
        m_openingNs = m_clock.nsecsElapsed();
        if (remaining > count) {
            QMetaObject::invokeMethod(
                this, [this, port, target, remaining, count]() { openBatch(port, target, remaining - count); },
                Qt::QueuedConnection);
        }
    }
    void read(Client *client)
    {
        const QByteArray bytes = client->socket->readAll();
        if (client->headNs < 0) {
            client->head += bytes;
            const qsizetype end = client->head.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            client->headNs = m_clock.nsecsElapsed();
            client->bodyBytes += client->head.size() - end - 4;
            client->parser->feed(QByteArrayView(client->head).sliced(end + 4));
            client->head.clear();
            if (m_untilHead)
                complete(client);
            return;
        }
        client->bodyBytes += bytes.size();
        client->parser->feed(bytes);
    }
    void complete(Client *client)
    {
        if (client->done)
            return;
        client->done = true;
        if (--m_pending == 0)
            Q_EMIT finished();
    }

    std::vector<std::unique_ptr<Client>> m_clients;
    QElapsedTimer m_clock;
    qint64 m_openingNs = 0;
    int m_pending = 0;
    bool m_untilHead = false;
};

// Connects to the fleet's signal first, then asks the fleet (on its thread) to act, then waits: the other
// way round, a quick fleet could signal before anyone listens.
template<typename Request> void requestAndWait(Fleet *fleet, void (Fleet::*signal)(), Request request)
{
    QEventLoop loop;
    QObject::connect(fleet, signal, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    request();
    loop.exec();
}

qint64 percentile(QList<qint64> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[qMin(values.size() - 1, qsizetype(p * double(values.size())))];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const bool connectOnly = app.arguments().contains(QStringLiteral("--connect-only"));
    MockProducer producer;
    if (!producer.start()) {
        std::fprintf(stderr, "bench_mockproducer: %s\n", qPrintable(producer.errorString()));
        return 1;
    }
    QThread thread;
    thread.start();
    const qint64 totalEvents = quick ? 20000 : 2000000;
    int failures = 0;

    std::printf("%-22s %12s %10s %14s %10s\n", "fan-out", "events", "seconds", "events/s", "MB/s");
    for (const int clients : connectOnly ? QList<int>() : QList<int>{1, 10, 100}) {
        auto fleet = new Fleet;
        fleet->moveToThread(&thread);
        const qint64 each = totalEvents / clients;
        const QByteArray target = "/ticker?interval=0&framing=close&count=" + QByteArray::number(each);
        QElapsedTimer timer;
        timer.start();
        requestAndWait(fleet, &Fleet::finished, [&]() {
            QMetaObject::invokeMethod(fleet, "open", Qt::QueuedConnection, Q_ARG(quint16, producer.port()),
                                      Q_ARG(QByteArray, target), Q_ARG(int, clients), Q_ARG(bool, false));
        });
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const qint64 events = fleet->events();
        if (events != each * clients) {
            std::fprintf(stderr, "bench_mockproducer: %d clients received %lld events, expected %lld\n", clients,
                         qlonglong(events), qlonglong(each * clients));
            ++failures;
        }
        const double bytes = double(fleet->bodyBytes());
        std::printf("%-22s %12lld %10.3f %14.0f %10.0f\n", qPrintable(QStringLiteral("%1 client(s)").arg(clients)),
                    qlonglong(events), seconds, double(events) / seconds, bytes / seconds / 1e6);
        QMetaObject::invokeMethod(fleet, "deleteLater", Qt::QueuedConnection);
    }

    const int connecting = quick ? 100 : 1000;
    auto fleet = new Fleet;
    fleet->moveToThread(&thread);
    requestAndWait(fleet, &Fleet::finished, [&]() {
        QMetaObject::invokeMethod(fleet, "open", Qt::QueuedConnection, Q_ARG(quint16, producer.port()),
                                  Q_ARG(QByteArray, QByteArray("/heartbeats?interval=60000")), Q_ARG(int, connecting),
                                  Q_ARG(bool, true));
    });
    const QList<qint64> latencies = fleet->headLatenciesNs();
    const int open = producer.openStreams();
    std::printf("\n%d clients connecting within %.1f ms:", connecting, double(fleet->openingNs()) / 1e6);
    std::printf(" time from connect to response head p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d streams open\n",
                double(percentile(latencies, 0.50)) / 1e6, double(percentile(latencies, 0.99)) / 1e6,
                double(percentile(latencies, 1.0)) / 1e6, open);
    if (open != connecting)
        ++failures;
    requestAndWait(fleet, &Fleet::closed,
                   [&]() { QMetaObject::invokeMethod(fleet, "closeAll", Qt::QueuedConnection); });
    QMetaObject::invokeMethod(fleet, "deleteLater", Qt::QueuedConnection);
    thread.quit();
    thread.wait();
    return failures == 0 ? 0 : 1;
}

#include "bench_mockproducer.moc"
