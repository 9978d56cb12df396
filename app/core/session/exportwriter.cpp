// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportwriter.h"

#include "sessionwriter.h"
#include "sse/sseformatter.h"
#include "sse/utf8.h"
#include "util/jsontext.h"
#include "version.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

// A multiple of 3, so that blocks encoded to base64 one by one join into one valid encoding.
constexpr qint64 SpoolBlockSize = 48 * 1024;

using Headers = QList<QPair<QByteArray, QByteArray>>;

qint64 milliseconds(qint64 ns)
{
    return ns / 1000000;
}

// A JSON string for bytes that should be text: valid UTF-8 as it is, anything else decoded with U+FFFD.
void appendText(QByteArray &out, QByteArrayView bytes)
{
    if (Utf8::isValid(bytes))
        JsonText::appendString(out, bytes);
    else
        JsonText::appendString(out, Utf8::toString(bytes).toUtf8());
}

void appendNumber(QByteArray &out, double value)
{
    out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
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

QByteArray headersJson(const Headers &headers)
{
    QByteArray out = "[";
    for (const auto &[name, value] : headers) {
        if (out.size() > 1)
            out += ',';
        out += "{\"name\":";
        appendText(out, name);
        out += ",\"value\":";
        appendText(out, value);
        out += '}';
    }
    return out + ']';
}

QByteArray headerValue(const Headers &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// A temporary file in directory, or else in the system's temporary directory.
std::unique_ptr<QTemporaryFile> temporaryFile(const QString &directory, QString *error)
{
    for (const QString &candidate : {directory, QDir::tempPath()}) {
        auto file = std::make_unique<QTemporaryFile>(QDir(candidate).filePath(u"ssescope-export-XXXXXX.tmp"_s));
        if (file->open())
            return file;
        *error = SessionExport::tr("cannot create a temporary file in %1: %2").arg(candidate, file->errorString());
    }
    return nullptr;
}

// NDJSON, CSV and SSE: a few lines per event.
class EventListWriter final : public ExportWriter
{
public:
    EventListWriter(QIODevice *output, SessionExport::Format format)
        : ExportWriter(output)
        , m_format(format)
    {
        if (m_format == SessionExport::Format::Csv)
            m_out.append("seq,attempt,t_ms,wall_ms,type,id,data\r\n");
    }

    void eventDerived(const RecordedEvent &recorded) override
    {
        const SseEvent &event = recorded.event;
        QByteArray &out = m_out.buffer();
        switch (m_format) {
        case SessionExport::Format::Csv:
            out += QByteArray::number(++m_seq) + ',' + QByteArray::number(recorded.attempt) + ','
                + QByteArray::number(milliseconds(recorded.monotonicNs)) + ',' + QByteArray::number(recorded.wallMs)
                + ',';
            appendCsvField(out, event.type, false);
            out += ',';
            appendCsvField(out, event.lastEventId, false);
            out += ',';
            appendCsvField(out, event.data, true);
            out += "\r\n";
            break;
        case SessionExport::Format::Sse:
            // The id carries over from event to event in a stream: an event without one must clear it.
            if (event.lastEventId.isEmpty() && !m_lastId.isEmpty())
                out += "id\n";
            m_lastId = event.lastEventId;
            m_formatter.appendEvent(out, event.data,
                                    event.type == "message" ? QByteArrayView() : QByteArrayView(event.type),
                                    event.lastEventId);
            break;
        default:
            out += "{\"type\":";
            appendText(out, event.type);
            out += ",\"data\":";
            appendText(out, event.data);
            out += ",\"id\":";
            appendText(out, event.lastEventId);
            out += ",\"attempt\":" + QByteArray::number(recorded.attempt)
                + ",\"t_ms\":" + QByteArray::number(milliseconds(recorded.monotonicNs))
                + ",\"wall_ms\":" + QByteArray::number(recorded.wallMs) + "}\n";
            break;
        }
        m_out.flushIfFull();
    }

private:
    SessionExport::Format m_format;
    SseFormatter m_formatter;
    QByteArray m_lastId;
    qint64 m_seq = 0;
};

class RawWriter final : public ExportWriter
{
public:
    using ExportWriter::ExportWriter;
    void chunkRead(const StreamChunk &chunk) override { m_out.append(chunk.bytes); }
};

// Whether bytes fed in pieces are well-formed UTF-8, a sequence split between pieces included.
class Utf8Check final
{
public:
    void reset()
    {
        m_valid = true;
        m_tail.clear();
    }
    void feed(QByteArrayView bytes)
    {
        if (!m_valid || bytes.isEmpty())
            return;
        QByteArray joined;
        if (!m_tail.isEmpty()) {
            joined = m_tail + bytes;
            bytes = joined;
        }
        const qsizetype complete = completeLength(bytes);
        m_valid = Utf8::isValid(bytes.first(complete));
        m_tail = bytes.sliced(complete).toByteArray();
    }
    bool isValid() const { return m_valid && m_tail.isEmpty(); }

private:
    // The length without a multi-byte sequence that the bytes end in the middle of.
    static qsizetype completeLength(QByteArrayView bytes)
    {
        for (qsizetype back = 1; back <= qMin<qsizetype>(3, bytes.size()); ++back) {
            const auto c = uchar(bytes.at(bytes.size() - back));
            if ((c & 0xC0) == 0x80)
                continue;
            const qsizetype length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return length > back ? bytes.size() - back : bytes.size();
        }
        return bytes.size();
    }

    QByteArray m_tail;
    bool m_valid = true;
};

/*
 * HAR 1.2 with an entry per connection attempt, written while the records go by. An entry starts with the
 * request and the _eventSourceMessages array, which grows with the events; the attempt's body goes to a spool
 * meanwhile, because whether it is text or base64 is known only at its end. When the next attempt starts (or
 * the input ends) the response with that body, the start time and the timings close the entry.
 */
class HarWriter final : public ExportWriter
{
public:
    HarWriter(QIODevice *output, std::unique_ptr<QIODevice> spool)
        : ExportWriter(output)
        , m_spool(std::move(spool))
    {
        m_out.append(QByteArray(R"({"log":{"version":"1.2","creator":{"name":"SSE Scope","version":")"
                                + QByteArray(SseScope::Version) + R"("},"entries":[)"));
    }

    void requestRead(const RecordedRequest &request) override { m_request = requestJson(request.request); }

    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        Attempt &attempt = enter(response.attempt);
        if (!attempt.response) {
            attempt.response = response;
            attempt.touch(response.monotonicNs, wallMs);
        }
    }

    void chunkRead(const StreamChunk &chunk) override
    {
        Attempt &attempt = enter(chunk.attempt);
        attempt.touch(chunk.monotonicNs, chunk.wallMs);
        if (m_spool->write(chunk.bytes) != chunk.bytes.size())
            fail(SessionExport::tr("cannot write a temporary file: %1").arg(m_spool->errorString()));
        attempt.bodySize += chunk.bytes.size();
        m_text.feed(chunk.bytes);
    }

    void stateRead(const StreamStateChange &change) override
    {
        // An attempt starts when its request went out, which the connecting state marks.
        if (change.state != StreamState::Connecting)
            return;
        if (m_attempt && m_attempt->number == change.attempt)
            m_attempt->touch(change.monotonicNs, change.wallMs);
        else if (m_connecting && m_connecting->number == change.attempt)
            m_connecting->touch(change.monotonicNs, change.wallMs);
        else
            m_connecting.emplace(change.attempt).touch(change.monotonicNs, change.wallMs);
    }

    void eventDerived(const RecordedEvent &recorded) override
    {
        // An event follows the chunk that completed it, so its attempt's entry is open.
        QByteArray &out = m_out.buffer();
        out += m_attempt->messages++ == 0 ? "\n" : ",\n";
        out += "{\"type\":";
        appendText(out, recorded.event.type);
        out += ",\"time\":";
        appendNumber(out, double(recorded.wallMs) / 1000.0);
        out += ",\"opcode\":1,\"data\":";
        appendText(out, recorded.event.data);
        out += '}';
        m_out.flushIfFull();
    }

    bool finish() override
    {
        if (m_attempt)
            leave();
        m_out.append(m_entries > 0 ? "\n]}}\n" : "]}}\n");
        return ExportWriter::finish();
    }

private:
    struct Attempt
    {
        explicit Attempt(int attempt)
            : number(attempt)
        {
        }

        int number;
        qint64 startNs = -1;
        qint64 startWallMs = 0;
        qint64 endNs = 0;
        std::optional<StreamResponse> response;
        qint64 bodySize = 0;
        qint64 messages = 0;

        void touch(qint64 ns, qint64 wallMs)
        {
            if (startNs < 0 || ns < startNs) {
                startNs = ns;
                startWallMs = wallMs;
            }
            endNs = qMax(endNs, ns);
        }
    };

    static QByteArray requestJson(const StreamRequest &request)
    {
        QByteArray out = "{\"method\":";
        appendText(out, request.method);
        out += ",\"url\":";
        JsonText::appendString(out, request.url.toString(QUrl::FullyEncoded).toUtf8());
        out += ",\"httpVersion\":\"HTTP/1.1\",\"cookies\":[],\"headers\":" + headersJson(request.headers)
            + ",\"queryString\":[";
        const auto query = QUrlQuery(request.url).queryItems(QUrl::FullyDecoded);
        for (qsizetype i = 0; i < query.size(); ++i) {
            out += i == 0 ? "{\"name\":" : ",{\"name\":";
            JsonText::appendString(out, query.at(i).first.toUtf8());
            out += ",\"value\":";
            JsonText::appendString(out, query.at(i).second.toUtf8());
            out += '}';
        }
        out += "],\"headersSize\":-1,\"bodySize\":" + QByteArray::number(request.body.size());
        if (!request.body.isEmpty()) {
            out += ",\"postData\":{\"mimeType\":";
            appendText(out, headerValue(request.headers, "content-type"));
            out += ",\"text\":";
            appendText(out, request.body);
            out += '}';
        }
        return out + '}';
    }

    // The entry of the attempt numbered number, opened when the attempt is not the current one.
    Attempt &enter(int number)
    {
        if (m_attempt && m_attempt->number == number)
            return *m_attempt;
        if (m_attempt)
            leave();
        m_attempt.emplace(number);
        if (m_connecting && m_connecting->number == number)
            m_attempt->touch(m_connecting->startNs, m_connecting->startWallMs);
        m_connecting.reset();
        if (m_request.isEmpty())
            m_request = requestJson(StreamRequest());
        m_out.append(m_entries++ > 0 ? ",\n{\"request\":" : "\n{\"request\":");
        m_out.append(m_request);
        m_out.append(",\"_eventSourceMessages\":[");
        m_text.reset();
        if (!m_spool->seek(0))
            fail(SessionExport::tr("cannot write a temporary file: %1").arg(m_spool->errorString()));
        return *m_attempt;
    }

    void leave()
    {
        const Attempt &attempt = *m_attempt;
        const StreamResponse response = attempt.response.value_or(StreamResponse());
        QByteArray &out = m_out.buffer();
        out += attempt.messages > 0 ? "\n],\"response\":{\"status\":" : "],\"response\":{\"status\":";
        out += QByteArray::number(attempt.response ? response.status : 0) + ",\"statusText\":";
        appendText(out, response.reasonPhrase);
        out += ",\"httpVersion\":\"HTTP/1.1\",\"cookies\":[],\"headers\":" + headersJson(response.headers)
            + ",\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":" + QByteArray::number(attempt.bodySize)
            + ",\"content\":{\"size\":" + QByteArray::number(attempt.bodySize) + ",\"mimeType\":\"text/event-stream\",";
        // HAR keeps bytes that are not text in base64, as browsers do for binary bodies.
        const bool text = m_text.isValid();
        out += text ? "\"text\":\"" : "\"encoding\":\"base64\",\"text\":\"";
        writeBody(attempt.bodySize, text);
        const qint64 responseNs = attempt.response ? response.monotonicNs : attempt.startNs;
        const double wait = double(qMax<qint64>(0, responseNs - attempt.startNs)) / 1e6;
        const double receive = double(qMax<qint64>(0, attempt.endNs - responseNs)) / 1e6;
        out += "\"}},\"startedDateTime\":\""
            + QDateTime::fromMSecsSinceEpoch(attempt.startWallMs).toUTC().toString(Qt::ISODateWithMs).toLatin1()
            + "\",\"time\":";
        appendNumber(out, wait + receive);
        out += ",\"cache\":{},\"timings\":{\"send\":0,\"wait\":";
        appendNumber(out, wait);
        out += ",\"receive\":";
        appendNumber(out, receive);
        out += "}}";
        m_out.flushIfFull();
        m_attempt.reset();
    }

    // The spooled body, escaped for a JSON string or in base64.
    void writeBody(qint64 size, bool text)
    {
        if (!m_spool->seek(0)) {
            fail(SessionExport::tr("cannot read a temporary file: %1").arg(m_spool->errorString()));
            return;
        }
        QByteArray block;
        QByteArray escaped;
        for (qint64 left = size; left > 0 && !failed(); left -= block.size()) {
            block.resize(qMin(left, SpoolBlockSize));
            qint64 got = 0;
            while (got < block.size()) {
                const qint64 read = m_spool->read(block.data() + got, block.size() - got);
                if (read <= 0) {
                    fail(SessionExport::tr("cannot read a temporary file: %1").arg(m_spool->errorString()));
                    return;
                }
                got += read;
            }
            if (text) {
                // Escaping touches only ASCII, so a character split between blocks passes through whole.
                escaped.resize(0);
                JsonText::appendString(escaped, block);
                m_out.append(QByteArrayView(escaped).sliced(1, escaped.size() - 2));
            } else {
                m_out.append(block.toBase64());
            }
        }
    }

    std::unique_ptr<QIODevice> m_spool;
    QByteArray m_request;
    std::optional<Attempt> m_attempt; // whose entry is open
    std::optional<Attempt> m_connecting; // the connecting state of an attempt whose entry is not open yet
    Utf8Check m_text;
    qint64 m_entries = 0;
};

// A session file through SessionWriter, at a path or, for a device, in a temporary file copied to it at the end.
class RecordingWriter final : public ExportWriter
{
public:
    explicit RecordingWriter(const QString &path)
        : ExportWriter(nullptr)
    {
        open(path);
    }
    RecordingWriter(std::unique_ptr<QTemporaryFile> temporary, QIODevice *output)
        : ExportWriter(output)
        , m_temporary(std::move(temporary))
    {
        m_temporary->close();
        open(m_temporary->fileName());
    }

    void requestRead(const RecordedRequest &request) override
    {
        check(m_writer.writeRequest(request.request, request.monotonicNs, request.wallMs, request.joined));
    }
    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        Q_UNUSED(wallMs)
        check(m_writer.writeResponse(response));
    }
    void chunkRead(const StreamChunk &chunk) override { check(m_writer.writeChunk(chunk)); }
    void stateRead(const StreamStateChange &change) override { check(m_writer.writeState(change)); }

    bool finish() override
    {
        m_writer.close();
        if (m_temporary && !failed())
            copy();
        return ExportWriter::finish();
    }

private:
    void open(const QString &path)
    {
        // The times are already relative to the recording's start.
        check(m_writer.open(path, 0));
    }

    void check(bool written)
    {
        if (!written)
            fail(m_writer.errorString());
    }

    void copy()
    {
        if (!m_temporary->open()) {
            fail(SessionExport::tr("cannot read a temporary file: %1").arg(m_temporary->errorString()));
            return;
        }
        QByteArray block(BlockOutput::BlockSize, Qt::Uninitialized);
        while (!failed()) {
            const qint64 read = m_temporary->read(block.data(), block.size());
            if (read < 0)
                fail(SessionExport::tr("cannot read a temporary file: %1").arg(m_temporary->errorString()));
            if (read <= 0)
                break;
            m_out.append(QByteArrayView(block).first(read));
        }
    }

    std::unique_ptr<QTemporaryFile> m_temporary;
    SessionWriter m_writer;
};

} // namespace

std::unique_ptr<ExportWriter> ExportWriter::create(SessionExport::Format format, QIODevice *output,
                                                   const QString &spoolDirectory, QString *error)
{
    using Format = SessionExport::Format;
    switch (format) {
    case Format::Ndjson:
    case Format::Csv:
    case Format::Sse:
        return std::make_unique<EventListWriter>(output, format);
    case Format::Raw:
        return std::make_unique<RawWriter>(output);
    case Format::Har: {
        if (spoolDirectory.isEmpty()) {
            auto buffer = std::make_unique<QBuffer>();
            buffer->open(QIODevice::ReadWrite);
            return std::make_unique<HarWriter>(output, std::move(buffer));
        }
        auto spool = temporaryFile(spoolDirectory, error);
        return spool ? std::make_unique<HarWriter>(output, std::move(spool)) : nullptr;
    }
    case Format::Sserec:
        break;
    }
    auto temporary = temporaryFile(spoolDirectory.isEmpty() ? QDir::tempPath() : spoolDirectory, error);
    return temporary ? std::make_unique<RecordingWriter>(std::move(temporary), output) : nullptr;
}

std::unique_ptr<ExportWriter> ExportWriter::createRecording(const QString &path)
{
    return std::make_unique<RecordingWriter>(path);
}
