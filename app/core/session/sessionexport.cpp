// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionexport.h"

#include "sessionwriter.h"
#include "sse/sseformatter.h"
#include "sse/utf8.h"
#include "util/orderedjson.h"
#include "version.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype RawChunkSize = 64 * 1024;

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Collects every record; the events come from the EventDeriver in front of it.
class Collector final : public SessionSink
{
public:
    explicit Collector(Recording *recording)
        : m_recording(recording)
    {
    }

    void headerRead(const SessionHeader &header) override { m_recording->header = header; }
    void requestRead(const RecordedRequest &request) override { m_recording->request = request; }
    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        m_recording->responses << response;
        m_recording->responseWallMs << wallMs;
    }
    void chunkRead(const StreamChunk &chunk) override { m_recording->chunks << chunk; }
    void stateRead(const StreamStateChange &change) override { m_recording->states << change; }

private:
    Recording *m_recording;
};

qint64 milliseconds(qint64 ns)
{
    return ns / 1000000;
}

void appendCsvField(QByteArray &out, QByteArrayView field, bool alwaysQuote)
{
    const bool quote
        = alwaysQuote || field.contains(',') || field.contains('"') || field.contains('\r') || field.contains('\n');
    if (!quote) {
        out.append(field);
        return;
    }
    out.append('"');
    for (const char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

QString isoTime(qint64 wallMs)
{
    return QDateTime::fromMSecsSinceEpoch(wallMs).toUTC().toString(Qt::ISODateWithMs);
}

QJsonArray headersJson(const Headers &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonObject{{u"name"_s, Utf8::toString(name)}, {u"value"_s, Utf8::toString(value)}});
    return array;
}

QByteArray headerValue(const Headers &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// What one connection attempt of a recording holds, for its HAR entry.
struct Attempt
{
    int number = 0;
    const StreamResponse *response = nullptr;
    qint64 responseWallMs = 0;
    QByteArray body;
    qint64 startNs = -1;
    qint64 startWallMs = 0;
    qint64 endNs = 0;
    QJsonArray messages;
};

QList<Attempt> attemptsOf(const Recording &recording)
{
    QList<int> numbers;
    for (const StreamResponse &response : recording.responses)
        numbers << response.attempt;
    for (const StreamChunk &chunk : recording.chunks)
        numbers << chunk.attempt;
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());

    QList<Attempt> attempts;
    for (const int number : std::as_const(numbers)) {
        Attempt attempt;
        attempt.number = number;
        const auto setStart = [&attempt](qint64 ns, qint64 wallMs) {
            if (attempt.startNs < 0 || ns < attempt.startNs) {
                attempt.startNs = ns;
                attempt.startWallMs = wallMs;
            }
            attempt.endNs = qMax(attempt.endNs, ns);
        };
        for (const StreamStateChange &change : recording.states) {
            // The attempt starts when its request went out, which the connecting state marks.
            if (change.attempt == number && change.state == StreamState::Connecting)
                setStart(change.monotonicNs, change.wallMs);
        }
        for (qsizetype i = 0; i < recording.responses.size(); ++i) {
            if (recording.responses.at(i).attempt == number && !attempt.response) {
                attempt.response = &recording.responses.at(i);
                attempt.responseWallMs = recording.responseWallMs.value(i);
                setStart(attempt.response->monotonicNs, attempt.responseWallMs);
            }
        }
        for (const StreamChunk &chunk : recording.chunks) {
            if (chunk.attempt == number) {
                attempt.body += chunk.bytes;
                setStart(chunk.monotonicNs, chunk.wallMs);
            }
        }
        for (const RecordedEvent &recorded : recording.events) {
            if (recorded.attempt != number)
                continue;
            attempt.messages.append(QJsonObject{{u"type"_s, Utf8::toString(recorded.event.type)},
                                                {u"time"_s, double(recorded.wallMs) / 1000.0},
                                                {u"opcode"_s, 1},
                                                {u"data"_s, Utf8::toString(recorded.event.data)}});
        }
        attempts << attempt;
    }
    return attempts;
}

QJsonObject requestJson(const Recording &recording)
{
    StreamRequest request;
    if (recording.request)
        request = recording.request->request;
    QJsonArray query;
    for (const auto &[name, value] : QUrlQuery(request.url).queryItems(QUrl::FullyDecoded))
        query.append(QJsonObject{{u"name"_s, name}, {u"value"_s, value}});
    QJsonObject json{{u"method"_s, Utf8::toString(request.method)},
                     {u"url"_s, request.url.toString(QUrl::FullyEncoded)},
                     {u"httpVersion"_s, u"HTTP/1.1"_s},
                     {u"cookies"_s, QJsonArray()},
                     {u"headers"_s, headersJson(request.headers)},
                     {u"queryString"_s, query},
                     {u"headersSize"_s, -1},
                     {u"bodySize"_s, qint64(request.body.size())}};
    if (!request.body.isEmpty()) {
        json.insert(u"postData"_s,
                    QJsonObject{{u"mimeType"_s, Utf8::toString(headerValue(request.headers, "content-type"))},
                                {u"text"_s, Utf8::toString(request.body)}});
    }
    return json;
}

QJsonObject responseJson(const Attempt &attempt)
{
    QJsonObject content{{u"size"_s, qint64(attempt.body.size())}, {u"mimeType"_s, u"text/event-stream"_s}};
    // HAR keeps bytes that are not text in base64, as browsers do for binary bodies.
    if (Utf8::isValid(attempt.body)) {
        content.insert(u"text"_s, QString::fromUtf8(attempt.body));
    } else {
        content.insert(u"text"_s, QString::fromLatin1(attempt.body.toBase64()));
        content.insert(u"encoding"_s, u"base64"_s);
    }
    const StreamResponse *response = attempt.response;
    return QJsonObject{{u"status"_s, response ? response->status : 0},
                       {u"statusText"_s, response ? Utf8::toString(response->reasonPhrase) : QString()},
                       {u"httpVersion"_s, u"HTTP/1.1"_s},
                       {u"cookies"_s, QJsonArray()},
                       {u"headers"_s, headersJson(response ? response->headers : Headers())},
                       {u"content"_s, content},
                       {u"redirectURL"_s, QString()},
                       {u"headersSize"_s, -1},
                       {u"bodySize"_s, qint64(attempt.body.size())}};
}

} // namespace

std::optional<SessionExport::Format> SessionExport::formatFromName(QStringView name)
{
    if (name == u"ndjson")
        return Format::Ndjson;
    if (name == u"csv")
        return Format::Csv;
    if (name == u"sse")
        return Format::Sse;
    if (name == u"raw")
        return Format::Raw;
    if (name == u"har")
        return Format::Har;
    return std::nullopt;
}

bool SessionExport::load(const QString &path, Recording *recording, QString *error, QStringList *warnings)
{
    *recording = {};
    Collector collector(recording);
    EventDeriver deriver([recording](const RecordedEvent &event) { recording->events << event; }, {}, &collector);
    const SessionReader::Result result = SessionReader().readFile(path, deriver);
    if (warnings)
        *warnings = result.warnings;
    if (!result.ok()) {
        if (error)
            *error = result.error;
        *recording = {};
        return false;
    }
    return true;
}

Recording SessionExport::fromRaw(const QByteArray &body, const QUrl &url)
{
    Recording recording;
    recording.header.version = SessionFormat::Version;
    recording.header.app = u"SSE Scope "_s + QString::fromLatin1(SseScope::Version);
    if (url.isValid()) {
        RecordedRequest request;
        request.request.url = url;
        recording.request = request;
    }
    // A capture holds only the body: it came from a stream that opened, so it gets the head of one.
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.reasonPhrase = "OK";
    response.url = url;
    response.headers = {{"Content-Type", "text/event-stream"}};
    recording.responses << response;
    recording.responseWallMs << 0;

    Collector collector(&recording);
    EventDeriver deriver([&recording](const RecordedEvent &event) { recording.events << event; }, {}, &collector);
    for (qsizetype offset = 0; offset < body.size(); offset += RawChunkSize) {
        StreamChunk chunk;
        chunk.bytes = body.mid(offset, RawChunkSize);
        chunk.offset = offset;
        chunk.attempt = 1;
        deriver.chunkRead(chunk);
    }
    return recording;
}

QByteArray SessionExport::write(const Recording &recording, Format format)
{
    switch (format) {
    case Format::Ndjson:
        return toNdjson(recording);
    case Format::Csv:
        return toCsv(recording);
    case Format::Sse:
        return toSse(recording);
    case Format::Raw:
        return toRaw(recording);
    case Format::Har:
        break;
    }
    return toHar(recording);
}

QByteArray SessionExport::toNdjson(const Recording &recording)
{
    QByteArray out;
    for (const RecordedEvent &recorded : recording.events) {
        out += OrderedJson()
                   .add("type", Utf8::toString(recorded.event.type))
                   .add("data", Utf8::toString(recorded.event.data))
                   .add("id", Utf8::toString(recorded.event.lastEventId))
                   .add("attempt", recorded.attempt)
                   .add("t_ms", milliseconds(recorded.monotonicNs))
                   .add("wall_ms", recorded.wallMs)
                   .toJson();
        out += '\n';
    }
    return out;
}

QByteArray SessionExport::toCsv(const Recording &recording)
{
    QByteArray out = "seq,attempt,t_ms,wall_ms,type,id,data\r\n";
    qint64 seq = 0;
    for (const RecordedEvent &recorded : recording.events) {
        out += QByteArray::number(++seq) + ',' + QByteArray::number(recorded.attempt) + ','
            + QByteArray::number(milliseconds(recorded.monotonicNs)) + ',' + QByteArray::number(recorded.wallMs) + ',';
        appendCsvField(out, recorded.event.type, false);
        out += ',';
        appendCsvField(out, recorded.event.lastEventId, false);
        out += ',';
        appendCsvField(out, recorded.event.data, true);
        out += "\r\n";
    }
    return out;
}

QByteArray SessionExport::toSse(const Recording &recording)
{
    const SseFormatter formatter;
    QByteArray out;
    QByteArray lastId;
    for (const RecordedEvent &recorded : recording.events) {
        const SseEvent &event = recorded.event;
        // The id carries over from event to event in a stream: an event without one must clear it.
        if (event.lastEventId.isEmpty() && !lastId.isEmpty())
            out += "id\n";
        lastId = event.lastEventId;
        formatter.appendEvent(out, event.data, event.type == "message" ? QByteArrayView() : QByteArrayView(event.type),
                              event.lastEventId);
    }
    return out;
}

QByteArray SessionExport::toRaw(const Recording &recording)
{
    QByteArray out;
    for (const StreamChunk &chunk : recording.chunks)
        out += chunk.bytes;
    return out;
}

QByteArray SessionExport::toHar(const Recording &recording)
{
    QJsonArray entries;
    for (const Attempt &attempt : attemptsOf(recording)) {
        const qint64 responseNs = attempt.response ? attempt.response->monotonicNs : attempt.startNs;
        const double wait = double(qMax<qint64>(0, responseNs - attempt.startNs)) / 1e6;
        const double receive = double(qMax<qint64>(0, attempt.endNs - responseNs)) / 1e6;
        entries.append(QJsonObject{
            {u"startedDateTime"_s, isoTime(attempt.startWallMs)},
            {u"time"_s, wait + receive},
            {u"request"_s, requestJson(recording)},
            {u"response"_s, responseJson(attempt)},
            {u"cache"_s, QJsonObject()},
            {u"timings"_s, QJsonObject{{u"send"_s, 0}, {u"wait"_s, wait}, {u"receive"_s, receive}}},
            {u"_eventSourceMessages"_s, attempt.messages},
        });
    }
    const QJsonObject creator{{u"name"_s, u"SSE Scope"_s}, {u"version"_s, QString::fromLatin1(SseScope::Version)}};
    const QJsonObject log{{u"version"_s, u"1.2"_s}, {u"creator"_s, creator}, {u"entries"_s, entries}};
    return QJsonDocument(QJsonObject{{u"log"_s, log}}).toJson(QJsonDocument::Indented);
}

bool SessionExport::writeRecording(const Recording &recording, const QString &path, QString *error)
{
    SessionWriter writer;
    // The times are already relative to the recording's start.
    bool ok = writer.open(path, 0);
    if (ok && recording.request) {
        ok = writer.writeRequest(recording.request->request, recording.request->monotonicNs, recording.request->wallMs);
    }
    // Records go out in time order, responses before chunks before states at the same time.
    struct Item
    {
        qint64 ns;
        int kind;
        qsizetype index;
    };
    QList<Item> items;
    for (qsizetype i = 0; i < recording.responses.size(); ++i)
        items << Item{recording.responses.at(i).monotonicNs, 0, i};
    for (qsizetype i = 0; i < recording.chunks.size(); ++i)
        items << Item{recording.chunks.at(i).monotonicNs, 1, i};
    for (qsizetype i = 0; i < recording.states.size(); ++i)
        items << Item{recording.states.at(i).monotonicNs, 2, i};
    std::stable_sort(items.begin(), items.end(),
                     [](const Item &a, const Item &b) { return a.ns != b.ns ? a.ns < b.ns : a.kind < b.kind; });
    for (const Item &item : std::as_const(items)) {
        if (!ok)
            break;
        if (item.kind == 0)
            ok = writer.writeResponse(recording.responses.at(item.index));
        else if (item.kind == 1)
            ok = writer.writeChunk(recording.chunks.at(item.index));
        else
            ok = writer.writeState(recording.states.at(item.index));
    }
    if (!ok && error)
        *error = writer.errorString();
    writer.close();
    return ok;
}
