// SPDX-License-Identifier: GPL-3.0-or-later
// The window under a flood: a stream tab, shown, ingests a ticker from the embedded producer running on a
// second thread, at a sustained rate and then as fast as the producer sends. It reports the events/s the tab
// took in and how long the GUI thread's event loop stalled (a 1 ms timer's lateness, p50/p99/max). Then one
// million small events retained in a tab's model with their raw chunks: memory per event against twice its
// data plus 64 bytes.
#include "eventspage.h"
#include "models/eventlistmodel.h"
#include "producerthread.h"
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"
#include "streamtab.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * 4096 : -1;
}

constexpr qsizetype ReadBytes = 32 * 1024; // what one network read brings in a flood

double percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return double(values[qMin(values.size() - 1, qsizetype(p * double(values.size())))]);
}

// Runs one stream into a shown tab and measures the loop's stalls while it lasts.
bool run(const char *title, const QUrl &url, qint64 events, int timeoutMs)
{
    StreamTab tab;
    tab.resize(1200, 800);
    tab.show();
    QList<qint64> gapsNs;
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    qint64 last = 0;
    qint64 longestAtNs = 0;
    qint64 rowsAtLongest = 0;
    QObject::connect(&probe, &QTimer::timeout, &tab, [&]() {
        const qint64 now = clock.nsecsElapsed();
        if (gapsNs.isEmpty() || now - last > *std::max_element(gapsNs.begin(), gapsNs.end())) {
            longestAtNs = now;
            rowsAtLongest = tab.model()->log().size() + tab.model()->evicted();
        }
        gapsNs << now - last;
        last = now;
    });
    qint64 firstNs = -1;
    qint64 lastNs = -1;
    auto received = [&tab]() {
        return tab.model()->log().size() + tab.model()->evicted();
    };
    StreamRequest request;
    request.url = url;
    request.reconnect.enabled = false; // the ticker's end ends the run
    tab.open(request);
    clock.start();
    probe.start();
    QEventLoop loop;
    QTimer watch;
    watch.setInterval(5);
    QObject::connect(&watch, &QTimer::timeout, &loop, [&]() {
        if (firstNs < 0 && received() > 4)
            firstNs = clock.nsecsElapsed();
        if (tab.state() != StreamState::Open && tab.state() != StreamState::Connecting) {
            lastNs = clock.nsecsElapsed();
            loop.quit();
        }
        if (clock.elapsed() > timeoutMs)
            loop.quit();
    });
    watch.start();
    loop.exec();
    probe.stop();
    tab.model()->flush();
    // Rows: the states, the events and the chunks they came in.
    const qint64 got = tab.model()->log().size() + tab.model()->evicted();
    const bool complete = lastNs > 0 && tab.state() == StreamState::Finished;
    const double seconds = double(lastNs - firstNs) / 1e9;
    std::printf("%s: %lld events (%lld rows) in %.2f s: %.0f events/s into the tab; loop stall p50 %.2f ms, "
                "p99 %.2f ms, max %.2f ms (ending at %.2f s, %lld rows in) over %lld probes%s\n",
                title, qlonglong(events), qlonglong(got), seconds, double(events) / seconds,
                percentile(gapsNs, 0.5) / 1e6, percentile(gapsNs, 0.99) / 1e6,
                gapsNs.isEmpty() ? 0.0 : double(*std::max_element(gapsNs.begin(), gapsNs.end())) / 1e6,
                double(longestAtNs) / 1e9, qlonglong(rowsAtLongest), qlonglong(gapsNs.size()),
                complete ? "" : " (INCOMPLETE)");
    return complete;
}

// Feeds a model as a tab does: each network read is kept as a chunk row, then the events parsed from it.
class ModelSink final : public SseParserSink
{
public:
    explicit ModelSink(EventListModel *model)
        : m_model(model)
    {
    }
    void eventDispatched(const SseEventView &view) override
    {
        m_event.type = view.type.toByteArray();
        m_event.data = view.data.toByteArray();
        m_event.lastEventId = view.lastEventId.toByteArray();
        m_event.offset = view.offset;
        m_event.endOffset = view.endOffset;
        ++m_clock;
        m_model->appendEvent(m_event, 1, m_clock, m_clock);
    }

private:
    EventListModel *m_model;
    SseEvent m_event;
    qint64 m_clock = 0;
};

// One million small events retained in a tab's model, with the raw chunks they arrived in.
bool measureMemory(qint64 events)
{
    const QByteArray data = R"({"choices":[{"index":0,"delta":{"content":" token"},"finish_reason":null}],"n":12345})";
    const qint64 before = residentBytes();
    EventListModel model;
    model.setCapacity(0);
    ModelSink sink(&model);
    SseParser parser(&sink);
    qint64 offset = 0;
    QByteArray read;
    for (qint64 i = 1; i <= events; ++i) {
        read += "id: " + QByteArray::number(i) + "\ndata: " + data + "\n\n";
        if (read.size() >= ReadBytes || i == events) {
            StreamChunk chunk;
            chunk.bytes = read;
            chunk.offset = offset;
            chunk.attempt = 1;
            offset += read.size();
            model.appendChunk(chunk);
            parser.feed(read);
            read.clear();
        }
    }
    model.flush();
    const qint64 after = residentBytes();
    const qint64 chunks = model.rowCount() - events;
    std::printf("%lld events of %lld data bytes retained with their %lld raw chunks: %.1f bytes per event held by "
                "the model, %.1f by the process (resident growth); aim %.0f\n",
                qlonglong(events), qlonglong(data.size()), qlonglong(chunks),
                double(model.log().memoryBytes()) / double(events),
                before < 0 ? -1.0 : double(after - before) / double(events), 2.0 * double(data.size()) + 64.0);
    return model.rowCount() > events && model.log().at(model.rowCount() - 1).data == QByteArrayView(data);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    const qint64 rate = 100000;
    const qint64 sustained = quick ? 20000 : rate * 10;
    const qint64 flood = quick ? 20000 : 1000000;

    // Memory first, while the heap is fresh, so that the resident growth is the model's own.
    // The producer has its own thread, as a real server would be another process.
    const ProducerThread producer;
    if (!producer.isStarted()) {
        std::fprintf(stderr, "bench_window: the producer did not start\n");
        return 1;
    }
    const QUrl steady = producer.url(u"/ticker?type=tick&count=%1&rate=%2"_s.arg(sustained).arg(rate));
    const QUrl fast = producer.url(u"/ticker?type=tick&count=%1&interval=0"_s.arg(flood));
    bool ok = measureMemory(quick ? 20000 : 1000000);
    ok = run("sustained 100,000 events/s", steady, sustained, 120000) && ok;
    ok = run("flood", fast, flood, 120000) && ok;
    return ok ? 0 : 1;
}
