// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamoptions.h"

#include "scenarioargs.h"

#include <iterator>

using namespace Qt::Literals::StringLiterals;

namespace {

SseFormatter::LineEnding lineEnding(const QString &name)
{
    if (name == u"crlf")
        return SseFormatter::LineEnding::CrLf;
    if (name == u"cr")
        return SseFormatter::LineEnding::Cr;
    return SseFormatter::LineEnding::Lf;
}

// FNV-1a: the same on every platform and Qt version, unlike qHash, so a seed gives the same run everywhere.
quint64 fnv1a(QByteArrayView bytes)
{
    quint64 hash = 14695981039346656037ull;
    for (const char c : bytes) {
        hash ^= quint8(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

} // namespace

QList<ParamSpec> StreamOptions::params()
{
    using Kind = ParamSpec::Kind;
    return {
        {u"eol"_s, Kind::Choice, u"lf"_s, u"line ending: lf, crlf or cr"_s, 0, 0, {u"lf"_s, u"crlf"_s, u"cr"_s}},
        {u"bom"_s, Kind::Flag, u"0"_s, u"start the stream with a UTF-8 byte order mark"_s},
        {u"retry"_s, Kind::Integer, u"0"_s, u"send retry: with this many ms first (0: none)"_s},
        {u"framing"_s,
         Kind::Choice,
         u"chunked"_s,
         u"chunked, or close (the body ends when the connection closes)"_s,
         0,
         0,
         {u"chunked"_s, u"close"_s}},
        {u"drop_after"_s, Kind::Integer, u"0"_s, u"reset the connection after this many events (0: never)"_s},
        {u"drop_chance"_s, Kind::Integer, u"0"_s,
         u"percent chance, per event, to reset the connection in the middle of that event (a reconnect at the "
         u"same Last-Event-ID draws anew)"_s,
         0, 100},
        {u"seed"_s, Kind::Integer, u"1"_s,
         u"seed for random faults and delays, drawn per connection from it, the Last-Event-ID and the count of "
         u"connections in a row at that id: the same seed and client give the same run"_s,
         0, 4294967295},
    };
}

QRandomGenerator StreamOptions::random(const ScenarioArgs &args, const MockStream &stream, Draw draw)
{
    const quint64 position = fnv1a(stream.request().header("Last-Event-ID"));
    // std::seed_seq (behind this constructor) mixes every word, so neighbouring positions draw unrelated fates.
    const quint32 words[]{quint32(args.integer(u"seed"_s)), quint32(draw), stream.attemptAtPosition(),
                          quint32(position), quint32(position >> 32)};
    return QRandomGenerator(words, std::size(words));
}

StreamOptions::StreamOptions(const ScenarioArgs &args, const MockStream &stream)
    : m_formatter(lineEnding(args.text(u"eol"_s)))
    , m_framing(args.text(u"framing"_s) == u"close" ? MockStream::Framing::CloseDelimited
                                                    : MockStream::Framing::Chunked)
    , m_random(random(args, stream, Draw::Faults))
    , m_retry(args.integer(u"retry"_s))
    , m_dropAfter(args.integer(u"drop_after"_s))
    , m_dropChance(int(args.integer(u"drop_chance"_s)))
    , m_bom(args.flag(u"bom"_s))
{
}

void StreamOptions::begin(MockStream &stream, const MockStream::Headers &extra) const
{
    stream.writeEventStreamHead(m_framing, extra);
    QByteArray first;
    if (m_bom)
        first += "\xEF\xBB\xBF";
    if (m_retry > 0)
        m_formatter.appendRetry(first, m_retry);
    stream.write(first);
}

bool StreamOptions::send(MockStream &stream, QByteArrayView bytes, qint64 events)
{
    if (!stream.isOpen())
        return false;
    if (m_dropChance > 0 && m_random.bounded(100) < m_dropChance) {
        // Cut inside the event: the client holds a partial event it must discard.
        stream.write(bytes.first(m_random.bounded(qMax(qsizetype(1), bytes.size()))));
        stream.drop();
        return false;
    }
    stream.write(bytes);
    stream.countEvents(events);
    if (m_dropAfter > 0 && stream.eventsSent() >= m_dropAfter) {
        stream.drop();
        return false;
    }
    return true;
}

bool StreamOptions::sendEvent(MockStream &stream, QByteArrayView data, QByteArrayView type, QByteArrayView id)
{
    QByteArray bytes;
    m_formatter.appendEvent(bytes, data, type, id);
    return send(stream, bytes);
}
