// SPDX-License-Identifier: GPL-3.0-or-later
// SseClient end to end: events/s and MB/s from a flooding producer through the client to a counting sink,
// and dispatch latency (server write to client event) at about 1,000 events/s. With a base URL it measures
// against that producer (`ssescope serve`), as tests/benchmarks/run-client-bench.sh does; without one it
// starts the embedded producer on its own thread.
#include "mockproducer.h"
#include "net/sseclient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace {

qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Runs one session to its end and returns its final state.
StreamState runToEnd(SseClient &client)
{
    QEventLoop loop;
    QObject::connect(&client, &SseClient::stateChanged, &loop, [&loop](const StreamStateChange &change) {
        if (isFinalState(change.state))
            loop.quit();
    });
    client.start();
    if (!isFinalState(client.state()))
        loop.exec();
    return client.state();
}

StreamRequest requestFor(const QString &base, const QString &pathAndQuery, qint64 events)
{
    StreamRequest request;
    request.url = QUrl(base + pathAndQuery);
    request.proxyMode = StreamRequest::ProxyMode::None;
    request.stop.maxEvents = events;
    request.reconnect.enabled = false;
    return request;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    QString base;
    for (const QString &arg : args.mid(1)) {
        if (arg.startsWith(QStringLiteral("http")))
            base = arg.endsWith(u'/') ? arg.chopped(1) : arg;
    }

    QThread producerThread;
    MockProducer *producer = nullptr;
    if (base.isEmpty()) {
        producer = new MockProducer;
        producer->moveToThread(&producerThread);
        producerThread.start();
        bool started = false;
        QMetaObject::invokeMethod(
            producer, [&]() { started = producer->start(); }, Qt::BlockingQueuedConnection);
        if (!started) {
            std::fprintf(stderr, "bench_sseclient: the producer did not start\n");
            return 1;
        }
        base = producer->url(QStringLiteral("/")).toString().chopped(1);
    }

    int failures = 0;
    const qint64 floodEvents = quick ? 20000 : 2000000;
    SseClient flood(
        requestFor(base, QStringLiteral("/ticker?interval=0&framing=close&count=%1").arg(floodEvents), floodEvents));
    qint64 bytes = 0;
    qint64 openNs = 0;
    QObject::connect(&flood, &SseClient::chunkReceived, &flood,
                     [&](const StreamChunk &chunk) { bytes += chunk.bytes.size(); });
    QObject::connect(&flood, &SseClient::stateChanged, &flood, [&](const StreamStateChange &change) {
        if (change.state == StreamState::Open)
            openNs = change.monotonicNs;
    });
    qint64 counted = 0;
    QObject::connect(&flood, &SseClient::eventReceived, &flood, [&](const SseEvent &) { ++counted; });
    if (runToEnd(flood) != StreamState::Finished || counted != floodEvents) {
        std::fprintf(stderr, "bench_sseclient: flood ended %s after %lld events\n",
                     qPrintable(flood.timeline().last().reason), qlonglong(counted));
        ++failures;
    }
    const double seconds = double(flood.timeline().last().monotonicNs - openNs) / 1e9;
    std::printf("throughput events=%lld seconds=%.6f bytes=%lld events_per_s=%.0f mb_per_s=%.1f\n", qlonglong(counted),
                seconds, qlonglong(bytes), double(counted) / seconds, double(bytes) / seconds / 1e6);

    const qint64 paced = quick ? 200 : 3000;
    SseClient timed(requestFor(base, QStringLiteral("/ticker?interval=1&stamp=1&count=%1").arg(paced), paced));
    QList<qint64> latencies;
    QObject::connect(&timed, &SseClient::eventReceived, &timed, [&](const SseEvent &event) {
        const qint64 at = nowUs();
        const qsizetype mark = event.data.indexOf("sent_us=");
        if (mark >= 0)
            latencies << at - event.data.mid(mark + 8).toLongLong();
    });
    if (runToEnd(timed) != StreamState::Finished || latencies.size() != paced) {
        std::fprintf(stderr, "bench_sseclient: paced stream ended with %lld stamped events\n",
                     qlonglong(latencies.size()));
        ++failures;
    }
    std::sort(latencies.begin(), latencies.end());
    const auto at = [&](double p) {
        return latencies.isEmpty() ? 0 : latencies[qMin(latencies.size() - 1, qsizetype(p * double(latencies.size())))];
    };
    std::printf("latency events=%lld p50_us=%lld p99_us=%lld max_us=%lld\n", qlonglong(latencies.size()),
                qlonglong(at(0.50)), qlonglong(at(0.99)), qlonglong(at(1.0)));

    if (producer) {
        QMetaObject::invokeMethod(
            producer, [producer]() { delete producer; }, Qt::BlockingQueuedConnection);
        producerThread.quit();
        producerThread.wait();
    }
    return failures == 0 ? 0 : 1;
}
