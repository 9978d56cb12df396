// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockstream.h"
#include "scenarioargs.h"
#include "scenarios.h"
#include "streamoptions.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <memory>

#ifdef SSESCOPE_HAVE_ZLIB
#include <zlib.h>
#endif

using namespace Qt::Literals::StringLiterals;
using Kind = ParamSpec::Kind;

namespace {

QList<ParamSpec> withStreamOptions(QList<ParamSpec> params)
{
    return params + StreamOptions::params();
}

// Calls send(n) for n = 1, 2, ... at once and then every interval ms; once count calls are done (0: never),
// the stream finishes. send returns false when it ended the stream itself.
void tickEvery(MockStream &stream, qint64 intervalMs, qint64 count, std::function<bool(qint64)> send)
{
    auto sent = std::make_shared<qint64>(0);
    const auto tick = [&stream, sent, count, send = std::move(send)]() {
        if (count > 0 && *sent >= count) {
            stream.finish();
            return false;
        }
        return send(++*sent);
    };
    if (tick())
        stream.every(int(intervalMs), tick);
}

// A Django StreamingHttpResponse demo: an endless counter in Chinese, no ids.
void serveDjangoCounter(MockStream &stream, const ScenarioArgs &args)
{
    auto options = std::make_shared<StreamOptions>(args, stream);
    options->begin(stream);
    tickEvery(stream, args.integer(u"interval"_s), args.integer(u"count"_s),
              [&stream, options](qint64 n) { return options->sendEvent(stream, u"当前行号是%1"_s.arg(n).toUtf8()); });
}

// A FastAPI StreamingResponse demo: N messages, then `event: close` with `data: bye`.
void serveFastApiClose(MockStream &stream, const ScenarioArgs &args)
{
    auto options = std::make_shared<StreamOptions>(args, stream);
    const qint64 lines = args.integer(u"lines"_s);
    options->begin(stream);
    tickEvery(stream, args.integer(u"interval"_s), 0, [&stream, options, lines](qint64 n) {
        if (n <= lines)
            return options->sendEvent(stream, QByteArray("message " + QByteArray::number(n)));
        if (options->sendEvent(stream, "bye", "close"))
            stream.finish();
        return false;
    });
}

// Random JSON at random delays, as the usual "now time ... value ..." demos send.
void serveRandomJson(MockStream &stream, const ScenarioArgs &args)
{
    struct State
    {
        StreamOptions options;
        QRandomGenerator random;
        qint64 remaining;
        qint64 maxDelay;
    };
    const qint64 count = args.integer(u"count"_s);
    // Delays and values are drawn per connection like the faults, so a reconnect does not replay the same ones.
    auto state = std::make_shared<State>(State{StreamOptions(args, stream),
                                               StreamOptions::random(args, stream, StreamOptions::Draw::Content),
                                               count == 0 ? -1 : count, args.integer(u"max_delay"_s)});
    state->options.begin(stream);
    stream.repeat(int(state->random.bounded(state->maxDelay + 1)), [&stream, state]() {
        if (state->remaining == 0) {
            stream.finish();
            return -1;
        }
        if (state->remaining > 0)
            --state->remaining;
        const QString message
            = u"now time:%1 value:%2"_s.arg(QDateTime::currentDateTime().toString(u"yyyy-MM-dd hh:mm:ss"_s),
                                            QString::number(state->random.generateDouble(), 'f', 4));
        const QByteArray data = R"({"message": ")" + message.toUtf8() + "\"}";
        if (!state->options.sendEvent(stream, data))
            return -1;
        return int(state->random.bounded(state->maxDelay + 1));
    });
}

// Comments only: a stream that is alive but sends no events.
void serveHeartbeats(MockStream &stream, const ScenarioArgs &args)
{
    auto options = std::make_shared<StreamOptions>(args, stream);
    options->begin(stream);
    tickEvery(stream, args.integer(u"interval"_s), args.integer(u"count"_s), [&stream, options](qint64 n) {
        QByteArray comment;
        options->formatter().appendComment(comment, QByteArray("heartbeat " + QByteArray::number(n)));
        stream.write(comment);
        return true;
    });
}

// One event of `size` bytes of data, then a small one, then the end.
void serveHuge(MockStream &stream, const ScenarioArgs &args)
{
    StreamOptions options(args, stream);
    options.begin(stream);
    QByteArray data(args.integer(u"size"_s), 'x');
    for (qsizetype i = 0; i < data.size(); i += 1024)
        data[i] = char('a' + (i / 1024) % 26);
    if (options.sendEvent(stream, data, "huge", "1") && options.sendEvent(stream, "after the huge event", {}, "2"))
        stream.finish();
}

// A short ticker written one byte at a time.
void serveDrip(MockStream &stream, const ScenarioArgs &args)
{
    StreamOptions options(args, stream);
    options.begin(stream);
    auto bytes = std::make_shared<QByteArray>();
    for (qint64 n = 1; n <= args.integer(u"count"_s); ++n)
        options.formatter().appendEvent(*bytes, QByteArray("drop " + QByteArray::number(n)), {}, QByteArray::number(n));
    auto at = std::make_shared<qsizetype>(0);
    const qint64 count = args.integer(u"count"_s);
    stream.every(int(args.integer(u"interval"_s)), [&stream, bytes, at, count]() {
        if (*at >= bytes->size()) {
            stream.countEvents(count);
            stream.finish();
            return false;
        }
        stream.write(QByteArrayView(bytes->constData() + (*at)++, 1));
        return true;
    });
}

// Events with the chosen line ending; with split=1, every CR and the LF after it go in separate writes.
void serveLineEndings(MockStream &stream, const ScenarioArgs &args)
{
    StreamOptions options(args, stream);
    options.begin(stream);
    auto pieces = std::make_shared<QList<QByteArray>>();
    for (qint64 n = 1; n <= args.integer(u"count"_s); ++n) {
        QByteArray event;
        options.formatter().appendEvent(event, QByteArray("line one\nline two " + QByteArray::number(n)), {},
                                        QByteArray::number(n));
        if (!args.flag(u"split"_s)) {
            pieces->append(event);
            continue;
        }
        qsizetype from = 0;
        for (qsizetype i = 0; i < event.size(); ++i) {
            if (event[i] == '\r' && i + 1 < event.size() && event[i + 1] == '\n') {
                pieces->append(event.mid(from, i + 1 - from));
                from = i + 1;
            }
        }
        pieces->append(event.mid(from));
    }
    auto next = std::make_shared<qsizetype>(0);
    stream.every(int(args.integer(u"split_delay"_s)), [&stream, pieces, next]() {
        if (*next >= pieces->size()) {
            stream.finish();
            return false;
        }
        stream.write(pieces->at((*next)++));
        return true;
    });
}

// Complete events, then a last one whose blank line never comes, then the end of the stream.
void serveUnterminated(MockStream &stream, const ScenarioArgs &args)
{
    StreamOptions options(args, stream);
    options.begin(stream);
    for (qint64 n = 1; n <= args.integer(u"count"_s); ++n) {
        if (!options.sendEvent(stream, QByteArray("complete " + QByteArray::number(n)), {}, QByteArray::number(n)))
            return;
    }
    QByteArray last = "id: unfinished";
    last += options.formatter().lineEnd();
    last += "data: this event has no blank line";
    last += options.formatter().lineEnd();
    stream.write(last);
    stream.finish();
}

// The head, then nothing at all until the client or the producer gives up.
void serveHang(MockStream &stream, const ScenarioArgs &args)
{
    StreamOptions(args, stream).begin(stream);
}

#ifdef SSESCOPE_HAVE_ZLIB
// A ticker with Content-Encoding: gzip, flushed after every event so that it can be decoded as it comes.
void serveGzip(MockStream &stream, const ScenarioArgs &args)
{
    struct Deflater
    {
        z_stream z{};
        bool ok = false;
        Deflater() { ok = deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK; }
        ~Deflater() { deflateEnd(&z); }
        QByteArray compress(QByteArrayView input, int flush)
        {
            QByteArray out;
            z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
            z.avail_in = uInt(input.size());
            char buffer[16384];
            do {
                z.next_out = reinterpret_cast<Bytef *>(buffer);
                z.avail_out = sizeof buffer;
                deflate(&z, flush);
                out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
            } while (z.avail_out == 0);
            return out;
        }
    };
    auto deflater = std::make_shared<Deflater>();
    if (!deflater->ok) {
        stream.respond(500, "text/plain", "zlib could not be initialised");
        return;
    }
    auto options = std::make_shared<StreamOptions>(args, stream);
    stream.writeEventStreamHead(MockStream::Framing::Chunked, {{"Content-Encoding", "gzip"}});
    auto sent = std::make_shared<qint64>(0);
    const qint64 count = args.integer(u"count"_s);
    const auto tick = [&stream, options, deflater, sent, count]() {
        if (*sent >= count) {
            stream.write(deflater->compress({}, Z_FINISH));
            stream.finish();
            return false;
        }
        ++*sent;
        QByteArray event;
        options->formatter().appendEvent(event, QByteArray("compressed " + QByteArray::number(*sent)), {},
                                         QByteArray::number(*sent));
        return options->send(stream, deflater->compress(event, Z_SYNC_FLUSH));
    };
    if (tick())
        stream.every(int(args.integer(u"interval"_s)), tick);
}
#endif

} // namespace

QList<ScenarioSpec> streamScenarios()
{
    QList<ScenarioSpec> list{
        {u"django-counter"_s, u"/django-counter"_s, "GET",
         u"Django StreamingHttpResponse demo: data: 当前行号是N every few seconds, endless."_s,
         withStreamOptions({{u"interval"_s, Kind::Integer, u"3000"_s, u"ms between events"_s, 1, 3600000},
                            {u"count"_s, Kind::Integer, u"0"_s, u"events to send (0: endless)"_s}}),
         serveDjangoCounter, ScenarioEnding{ScenarioEnding::Kind::Endless, {}}},
        {u"fastapi-close"_s, u"/fastapi-close"_s, "GET",
         u"FastAPI StreamingResponse demo: N messages, then event: close with data: bye."_s,
         withStreamOptions({{u"lines"_s, Kind::Integer, u"5"_s, u"messages before the close event"_s},
                            {u"interval"_s, Kind::Integer, u"1000"_s, u"ms between events"_s, 1, 3600000}}),
         serveFastApiClose, ScenarioEnding{ScenarioEnding::Kind::Event, "close"}},
        {u"random-json"_s, u"/random-json"_s, "GET", u"{\"message\": \"now time:... value:...\"} at random delays."_s,
         withStreamOptions({{u"count"_s, Kind::Integer, u"0"_s, u"events to send (0: endless)"_s},
                            {u"max_delay"_s, Kind::Integer, u"5000"_s, u"longest delay in ms"_s, 0, 3600000}}),
         serveRandomJson, ScenarioEnding{ScenarioEnding::Kind::Endless, {}}},
        {u"heartbeats"_s, u"/heartbeats"_s, "GET", u"Comment lines only (: heartbeat N), no events."_s,
         withStreamOptions({{u"interval"_s, Kind::Integer, u"1000"_s, u"ms between comments"_s, 1, 3600000},
                            {u"count"_s, Kind::Integer, u"0"_s, u"comments to send (0: endless)"_s}}),
         serveHeartbeats, ScenarioEnding{ScenarioEnding::Kind::Endless, {}}},
        {u"huge"_s, u"/huge"_s, "GET", u"One event with a very large data field, then a small one."_s,
         withStreamOptions({{u"size"_s, Kind::Integer, u"1048576"_s, u"bytes of data"_s, 1, 256 << 20}}), serveHuge,
         ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}},
        {u"drip"_s, u"/drip"_s, "GET", u"A few events written one byte at a time."_s,
         withStreamOptions({{u"interval"_s, Kind::Integer, u"50"_s, u"ms between bytes"_s, 1, 60000},
                            {u"count"_s, Kind::Integer, u"3"_s, u"events"_s, 1, 1000}}),
         serveDrip, ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}},
        {u"line-endings"_s, u"/line-endings"_s, "GET",
         u"Multi-line events with the chosen line ending; split=1 sends each CR and its LF in separate writes."_s,
         withStreamOptions({{u"count"_s, Kind::Integer, u"3"_s, u"events"_s, 1, 100000},
                            {u"split"_s, Kind::Flag, u"0"_s, u"write CR and LF separately"_s},
                            {u"split_delay"_s, Kind::Integer, u"50"_s, u"ms between writes"_s, 1, 60000}}),
         serveLineEndings, ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}},
        {u"unterminated"_s, u"/unterminated"_s, "GET",
         u"Complete events, then a final event without its blank line, then the end of the stream."_s,
         withStreamOptions({{u"count"_s, Kind::Integer, u"2"_s, u"complete events first"_s, 0, 100000}}),
         serveUnterminated, ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}},
        {u"hang"_s, u"/hang"_s, "GET", u"Response headers, then silence."_s, withStreamOptions({}), serveHang,
         ScenarioEnding{ScenarioEnding::Kind::Endless, {}}},
    };
#ifdef SSESCOPE_HAVE_ZLIB
    list.append({u"gzip"_s, u"/gzip"_s, "GET", u"A ticker with Content-Encoding: gzip, flushed per event."_s,
                 withStreamOptions({{u"count"_s, Kind::Integer, u"5"_s, u"events"_s, 1, 1000000},
                                    {u"interval"_s, Kind::Integer, u"200"_s, u"ms between events"_s, 1, 3600000}}),
                 serveGzip, ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}});
#endif
    return list;
}
