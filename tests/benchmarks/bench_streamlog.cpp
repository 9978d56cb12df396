// SPDX-License-Identifier: GPL-3.0-or-later
// StreamLog with one million small events retained: append rate, and memory per event against the aim of
// twice the event's data plus 64 bytes, counted by the log itself and by the process's resident size.
#include "log/streamlog.h"

#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

namespace {

// Resident memory in bytes, where the system tells (Linux); -1 elsewhere.
qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * 4096 : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    const bool quick = argc > 1 && QByteArray(argv[1]) == "--quick";
    const qint64 events = quick ? 20000 : 1000000;
    const QByteArray data = R"({"choices":[{"index":0,"delta":{"content":" token"},"finish_reason":null}],"n":12345})";
    const qint64 rssBefore = residentBytes();
    StreamLog log;
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 0; i < events; ++i) {
        SseEventView event;
        event.type = "message";
        const QByteArray id = QByteArray::number(i + 1);
        event.lastEventId = id;
        event.data = data;
        log.appendEvent(event, 1, i, i);
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 rssAfter = residentBytes();
    if (log.size() != events || log.at(events - 1).data != QByteArrayView(data)) {
        std::fprintf(stderr, "bench_streamlog: the log lost events\n");
        return 1;
    }
    const double perEvent = double(log.memoryBytes()) / double(events);
    const double aim = 2.0 * double(data.size()) + 64.0;
    std::printf("%lld events of %lld data bytes: %.0f appends/s, %.1f bytes per event held by the log, "
                "%.1f by the process (resident growth); aim %.0f\n",
                qlonglong(events), qlonglong(data.size()), double(events) / seconds, perEvent,
                rssBefore < 0 ? -1.0 : double(rssAfter - rssBefore) / double(events), aim);
    return 0;
}
