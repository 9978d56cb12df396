// SPDX-License-Identifier: GPL-3.0-or-later
// Applying a JSON-pointer filter to many rows: 300,000 OpenAI-style chunks (--rows N to change) in a stream
// tab's events page (its model, filter proxy, sorted table and filter bar), shown offscreen. The filter is set
// through the filter bar, "/choices/0/delta/content contains Hello", then changed to another value of the same
// pointer; a 1 ms timer probes the event loop meanwhile. Reports how long each took until the table held the
// filtered rows, the rows shown, and the longest stall of the event loop.
#include "eventspage.h"
#include "inspect/filterbar.h"
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace {

// The longest gap between the ticks of a 1 ms timer while it runs.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this]() {
            const qint64 now = m_clock.nsecsElapsed();
            m_longestNs = qMax(m_longestNs, now - m_lastNs);
            m_lastNs = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_lastNs = 0;
        m_longestNs = 0;
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        m_longestNs = qMax(m_longestNs, m_clock.nsecsElapsed() - m_lastNs);
    }
    double longestMs() const { return double(m_longestNs) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_longestNs = 0;
};

// Runs the event loop until done() holds (or a minute passed); the seconds it took, -1 on timeout.
double runUntil(const std::function<void()> &change, const std::function<bool()> &done)
{
    QElapsedTimer clock;
    clock.start();
    QTimer::singleShot(0, change);
    while (!done()) {
        if (clock.elapsed() > 60000)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return double(clock.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    qint64 rows = arguments.contains(u"--quick"_s) ? 20000 : 300000;
    if (const qsizetype at = arguments.indexOf(u"--rows"_s); at >= 0)
        rows = qMax<qint64>(1, arguments.value(at + 1).toLongLong());

    static const char *tokens[] = {"Hello", " world", ",", " this", " is", " a", " streamed", " reply", "."};
    EventsPage page;
    EventListModel &model = *page.model();
    model.setCapacity(rows);
    QRandomGenerator random(3);
    qint64 hellos = 0;
    qint64 worlds = 0;
    for (qint64 i = 0; i < rows; ++i) {
        const int token = random.bounded(int(std::size(tokens)));
        hellos += token == 0;
        worlds += token == 1;
        SseEvent event;
        event.type = "message";
        event.lastEventId = QByteArray::number(i + 1);
        event.data = R"({"id":"chatcmpl-42","object":"chat.completion.chunk","created":1764800000,"model":"gpt-4o",)"
                     R"("choices":[{"index":0,"delta":{"content":")"
            + QByteArray(tokens[token]) + R"("},"finish_reason":null}]})";
        model.appendEvent(event, 1, i * 1000, 1764800000000 + i);
    }
    model.flush();

    const EventFilterProxyModel &proxy = *page.proxy();
    page.resize(1200, 800);
    page.show();
    QCoreApplication::processEvents();

    StallProbe probe;
    bool ok = true;
    const auto measure = [&](const char *what, const QString &value, qint64 expected) {
        probe.start();
        const double seconds = runUntil(
            [&]() {
                page.filterBar()->setJsonFilter(u"/choices/0/delta/content"_s, value, JsonFieldMatcher::Mode::Contains);
            },
            [&]() { return proxy.jsonValue() == value && !proxy.isApplyingFilter() && proxy.rowCount() == expected; });
        probe.stop();
        std::printf("%-34s %8lld rows: %7.3f s until %lld rows shown; longest event-loop stall %.1f ms\n", what,
                    qlonglong(rows), seconds, qlonglong(proxy.rowCount()), probe.longestMs());
        ok = ok && seconds >= 0;
    };
    measure("JSON filter set (values parsed)", u"Hello"_s, hellos);
    measure("JSON filter changed (values kept)", u"world"_s, worlds);
    return ok ? 0 : 1;
}
