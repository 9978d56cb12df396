// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockstream.h"
#include "scenarioargs.h"
#include "scenarios.h"
#include "streamoptions.h"

#include <QElapsedTimer>

#include <chrono>
#include <limits>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using Kind = ParamSpec::Kind;

namespace {

constexpr qsizetype FloodBatchBytes = 32 * 1024;
constexpr int RateTickMs = 10;

QByteArray tickPayload(qint64 n, qint64 size, bool stamp)
{
    QByteArray data = "tick " + QByteArray::number(n);
    if (stamp) {
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        data += " sent_us="
            + QByteArray::number(qint64(std::chrono::duration_cast<std::chrono::microseconds>(now).count()));
    }
    if (size > data.size())
        data += ' ' + QByteArray(size - data.size() - 1, 'x');
    return data;
}

// Ids run from `start` to `start + count - 1`; a client that sends Last-Event-ID resumes right after it.
void serveTicker(MockStream &stream, const ScenarioArgs &args)
{
    struct State
    {
        StreamOptions options;
        qint64 next;
        qint64 last;
        qint64 size;
        QByteArray type;
        bool stamp;
    };
    const qint64 start = args.integer(u"start"_s);
    const qint64 count = args.integer(u"count"_s);
    bool resumed = false;
    const qint64 lastSeen = stream.request().header("Last-Event-ID").trimmed().toLongLong(&resumed);
    auto state = std::make_shared<State>(
        State{StreamOptions(args, stream), start, count == 0 ? std::numeric_limits<qint64>::max() : start + count - 1,
              args.integer(u"size"_s), args.text(u"type"_s).toUtf8(), args.flag(u"stamp"_s)});
    MockStream::Headers extra;
    if (resumed && lastSeen >= start - 1) {
        state->next = lastSeen + 1;
        extra.append({"X-Resumed-After", QByteArray::number(lastSeen)});
    }
    state->options.begin(stream, extra);

    const auto sendOne = [&stream, state]() {
        if (state->next > state->last) {
            stream.finish();
            return false;
        }
        const qint64 n = state->next++;
        return state->options.sendEvent(stream, tickPayload(n, state->size, state->stamp), state->type,
                                        QByteArray::number(n));
    };
    const qint64 rate = args.integer(u"rate"_s);
    if (rate > 0) {
        // A steady rate: each tick sends what is due since the start, so timer jitter does not lower the rate.
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        auto sent = std::make_shared<qint64>(0);
        stream.every(RateTickMs, [&stream, state, clock, sent, rate]() {
            const qint64 due = rate * clock->nsecsElapsed() / 1'000'000'000 - *sent;
            QByteArray batch;
            qint64 events = 0;
            while (events < due && state->next <= state->last) {
                const qint64 n = state->next++;
                state->options.formatter().appendEvent(batch, tickPayload(n, state->size, state->stamp), state->type,
                                                       QByteArray::number(n));
                ++events;
            }
            *sent += events;
            if (events > 0 && !state->options.send(stream, batch, events))
                return false;
            if (state->next > state->last) {
                stream.finish();
                return false;
            }
            return true;
        });
        return;
    }
    const qint64 interval = args.integer(u"interval"_s);
    if (interval > 0) {
        if (sendOne())
            stream.every(int(interval), sendOne);
        return;
    }
    if (state->options.hasFaults()) {
        stream.pump(sendOne);
        return;
    }
    // As fast as possible: many events per write, so the socket and not the formatting is the limit.
    stream.pump([&stream, state]() {
        if (state->next > state->last) {
            stream.finish();
            return false;
        }
        QByteArray batch;
        batch.reserve(FloodBatchBytes + 256);
        qint64 events = 0;
        while (batch.size() < FloodBatchBytes && state->next <= state->last) {
            const qint64 n = state->next++;
            state->options.formatter().appendEvent(batch, tickPayload(n, state->size, state->stamp), state->type,
                                                   QByteArray::number(n));
            ++events;
        }
        return state->options.send(stream, batch, events);
    });
}

QList<ParamSpec> tickerParams(const QString &count, const QString &interval)
{
    const QList<ParamSpec> params{
        {u"count"_s, Kind::Integer, count, u"events to send (0: endless)"_s},
        {u"interval"_s, Kind::Integer, interval, u"ms between events (0: as fast as possible)"_s, 0, 3600000},
        {u"type"_s, Kind::Text, QString(), u"event type (empty: message)"_s},
        {u"size"_s, Kind::Integer, u"0"_s, u"pad each event's data to this many bytes"_s, 0, 16 << 20},
        {u"start"_s, Kind::Integer, u"1"_s, u"id of the first event"_s},
        {u"stamp"_s, Kind::Flag, u"0"_s, u"add sent_us=<wall-clock microseconds> to each event, to measure latency"_s},
        {u"rate"_s, Kind::Integer, u"0"_s,
         u"events per second, sent in a batch every 10 ms (0: use interval instead)"_s, 0, 100000000},
    };
    return params + StreamOptions::params();
}

} // namespace

QList<ScenarioSpec> tickerScenarios()
{
    return {
        {u"ticker"_s, u"/ticker"_s, "GET",
         u"N events every T ms with ids; resumes after Last-Event-ID. Fault and framing options apply."_s,
         tickerParams(u"10"_s, u"1000"_s), serveTicker, ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}},
        {u"stop-after"_s, u"/stop-after"_s, "GET", u"A server that sends 20 events and then ends the stream."_s,
         tickerParams(u"20"_s, u"200"_s), serveTicker, ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}},
    };
}
