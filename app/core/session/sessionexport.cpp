// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionexport.h"

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

constexpr qint64 RawChunkSize = 64 * 1024;
constexpr qsizetype OutputBlockSize = 64 * 1024;
// A multiple of 3, so that blocks encoded to base64 one by one join into one valid encoding.
constexpr qint64 SpoolBlockSize = 48 * 1024;
constexpr qint64 ProgressInterval = 4 << 20;

using Headers = QList<QPair<QByteArray, QByteArray>>;
using ShouldContinue = std::function<bool()>;
// Hands records to a sink, asking shouldContinue before each one.
using Source = std::function<SessionReader::Result(SessionSink &sink, const ShouldContinue &shouldContinue)>;

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

// Output in blocks: few, large writes. After the first failed write nothing more is written. A writer that
// writes nothing may have no device.
class BlockOutput final
{
public:
    explicit BlockOutput(QIODevice *device)
        : m_device(device)
    {
    }

    QByteArray &buffer() { return m_buffer; }
    void append(QByteArrayView bytes)
    {
        m_buffer.append(bytes);
        flushIfFull();
    }
    void flushIfFull()
    {
        if (m_buffer.size() >= OutputBlockSize)
            flush();
    }
    bool flush()
    {
        if (!m_failed && !m_buffer.isEmpty() && m_device->write(m_buffer) != m_buffer.size())
            m_failed = true;
        m_buffer.resize(0);
        return !m_failed;
    }
    bool failed() const { return m_failed; }
    QString errorString() const { return m_device ? m_device->errorString() : QString(); }

private:
    QIODevice *m_device;
    QByteArray m_buffer;
    bool m_failed = false;
};

// Turns records and the events derived from them into one format, writing as they come.
class FormatWriter : public SessionSink
{
public:
    explicit FormatWriter(QIODevice *output)
        : m_out(output)
    {
    }

    virtual void eventDerived(const RecordedEvent &recorded) { Q_UNUSED(recorded) }
    /** Writes what is left once every record is in; false when it cannot (see error()). */
    virtual bool finish() { return m_out.flush() && m_error.isEmpty(); }

    bool failed() const { return m_out.failed() || !m_error.isEmpty(); }
    QString error() const { return m_error.isEmpty() ? m_out.errorString() : m_error; }

protected:
    void fail(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

    BlockOutput m_out;

private:
    QString m_error;
};

// NDJSON, CSV and SSE: a few lines per event.
class EventListWriter final : public FormatWriter
{
public:
    EventListWriter(QIODevice *output, SessionExport::Format format)
        : FormatWriter(output)
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

class RawWriter final : public FormatWriter
{
public:
    using FormatWriter::FormatWriter;
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
class HarWriter final : public FormatWriter
{
public:
    HarWriter(QIODevice *output, std::unique_ptr<QIODevice> spool)
        : FormatWriter(output)
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
        return FormatWriter::finish();
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
class RecordingWriter final : public FormatWriter
{
public:
    explicit RecordingWriter(const QString &path)
        : FormatWriter(nullptr)
    {
        open(path);
    }
    RecordingWriter(std::unique_ptr<QTemporaryFile> temporary, QIODevice *output)
        : FormatWriter(output)
        , m_temporary(std::move(temporary))
    {
        m_temporary->close();
        open(m_temporary->fileName());
    }

    void requestRead(const RecordedRequest &request) override
    {
        check(m_writer.writeRequest(request.request, request.monotonicNs, request.wallMs));
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
        return FormatWriter::finish();
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
        QByteArray block(OutputBlockSize, Qt::Uninitialized);
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

namespace {

// A raw capture as a recording's records: a header, the request when the URL is known, a 200 response and the
// bytes in chunks of 64 KiB, all at time 0.
SessionReader::Result readRaw(QIODevice *device, const QUrl &url, SessionSink &sink,
                              const std::function<void(qint64, qint64)> &progress, const ShouldContinue &shouldContinue)
{
    SessionReader::Result result;
    const qint64 total = device->isSequential() ? -1 : device->size();
    result.header.version = SessionFormat::Version;
    result.header.app = u"SSE Scope "_s + QLatin1StringView(SseScope::Version);
    sink.headerRead(result.header);
    if (url.isValid()) {
        RecordedRequest request;
        request.request.url = url;
        sink.requestRead(request);
        ++result.records;
    }
    // A capture holds only the body: it came from a stream that opened, so it gets the head of one.
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.reasonPhrase = "OK";
    response.url = url;
    response.headers = {{"Content-Type", "text/event-stream"}};
    sink.responseRead(response, 0);
    ++result.records;

    qint64 nextProgress = ProgressInterval;
    for (;;) {
        if (shouldContinue && !shouldContinue()) {
            result.status = SessionReader::Status::Cancelled;
            return result;
        }
        StreamChunk chunk;
        chunk.bytes.resize(RawChunkSize);
        const qint64 read = device->read(chunk.bytes.data(), RawChunkSize);
        if (read < 0) {
            result.status = SessionReader::Status::Error;
            result.error = SessionExport::tr("cannot read the capture: %1").arg(device->errorString());
            return result;
        }
        if (read == 0)
            break;
        chunk.bytes.resize(read);
        chunk.offset = result.bytesRead;
        chunk.attempt = 1;
        sink.chunkRead(chunk);
        ++result.records;
        result.bytesRead += read;
        if (progress && result.bytesRead >= nextProgress) {
            progress(result.bytesRead, total);
            nextProgress = result.bytesRead + ProgressInterval;
        }
    }
    if (progress)
        progress(result.bytesRead, total);
    return result;
}

// The writer of a format. HAR and sserec spool to a temporary file in spoolDirectory, or for HAR in memory
// when spoolDirectory is empty.
std::unique_ptr<FormatWriter> makeWriter(SessionExport::Format format, QIODevice *output, const QString &spoolDirectory,
                                         QString *error)
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

// Runs a source's records through an EventDeriver into the format's writer.
SessionExport::Result exportRecords(const Source &source, FormatWriter *writer, const ShouldContinue &shouldContinue)
{
    using Status = SessionExport::Result::Status;
    SessionExport::Result result;
    if (writer->failed()) {
        result.status = Status::OutputError;
        result.error = writer->error();
        return result;
    }
    EventDeriver deriver([writer](const RecordedEvent &event) { writer->eventDerived(event); }, {}, writer);
    // A failed write stops the reading: the rest of the input would go nowhere.
    const SessionReader::Result read
        = source(deriver, [&] { return !writer->failed() && (!shouldContinue || shouldContinue()); });
    result.warnings = read.warnings;
    result.events = deriver.events();
    if (writer->failed()) {
        result.status = Status::OutputError;
        result.error = writer->error();
    } else if (read.status == SessionReader::Status::Cancelled) {
        result.status = Status::Cancelled;
        result.error = SessionExport::tr("the export was cancelled");
    } else if (read.status == SessionReader::Status::Error) {
        result.status = Status::InputError;
        result.error = read.error;
    } else if (!writer->finish()) {
        result.status = Status::OutputError;
        result.error = writer->error();
    }
    return result;
}

QString spoolDirectoryFor(const QIODevice *output)
{
    // Beside the output file, which has room for the export; standard output spools in the temporary directory.
    if (const auto *file = qobject_cast<const QFileDevice *>(output); file && !file->fileName().isEmpty())
        return QFileInfo(file->fileName()).absolutePath();
    return QDir::tempPath();
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
    if (name == u"sserec")
        return Format::Sserec;
    return std::nullopt;
}

SessionExport::Result SessionExport::exportFile(const QString &input, QIODevice *output, Format format,
                                                const Options &options)
{
    QString error;
    const auto writer = makeWriter(format, output, spoolDirectoryFor(output), &error);
    if (!writer) {
        Result result;
        result.status = Result::Status::OutputError;
        result.error = error;
        return result;
    }
    const auto source = [&](SessionSink &sink, const ShouldContinue &shouldContinue) {
        if (options.fromRaw) {
            QFile file(input);
            if (!file.open(QIODevice::ReadOnly)) {
                SessionReader::Result result;
                result.status = SessionReader::Status::Error;
                result.error = tr("cannot open %1: %2").arg(input, file.errorString());
                return result;
            }
            return readRaw(&file, options.url, sink, options.progress, shouldContinue);
        }
        SessionReader reader;
        reader.setProgressCallback(options.progress, ProgressInterval);
        reader.setContinueCallback(shouldContinue);
        return reader.readFile(input, sink);
    };
    return exportRecords(source, writer.get(), options.shouldContinue);
}

void SessionExport::visit(const Recording &recording, SessionSink &sink)
{
    sink.headerRead(recording.header);
    if (recording.request)
        sink.requestRead(*recording.request);
    // Records go out in time order, responses before chunks before states at the same time.
    struct Item
    {
        qint64 ns;
        int kind;
        qsizetype index;
    };
    QList<Item> items;
    items.reserve(recording.responses.size() + recording.chunks.size() + recording.states.size());
    for (qsizetype i = 0; i < recording.responses.size(); ++i)
        items << Item{recording.responses.at(i).monotonicNs, 0, i};
    for (qsizetype i = 0; i < recording.chunks.size(); ++i)
        items << Item{recording.chunks.at(i).monotonicNs, 1, i};
    for (qsizetype i = 0; i < recording.states.size(); ++i)
        items << Item{recording.states.at(i).monotonicNs, 2, i};
    std::stable_sort(items.begin(), items.end(),
                     [](const Item &a, const Item &b) { return a.ns != b.ns ? a.ns < b.ns : a.kind < b.kind; });
    for (const Item &item : std::as_const(items)) {
        if (item.kind == 0)
            sink.responseRead(recording.responses.at(item.index), recording.responseWallMs.value(item.index));
        else if (item.kind == 1)
            sink.chunkRead(recording.chunks.at(item.index));
        else
            sink.stateRead(recording.states.at(item.index));
    }
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
    Collector collector(&recording);
    EventDeriver deriver([&recording](const RecordedEvent &event) { recording.events << event; }, {}, &collector);
    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    readRaw(&buffer, url, deriver, {}, {});
    return recording;
}

QByteArray SessionExport::write(const Recording &recording, Format format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    // HAR spools in memory here: the recording is in memory already.
    const auto writer = makeWriter(format, &buffer, QString(), &error);
    if (!writer)
        return {};
    const auto source = [&recording](SessionSink &sink, const ShouldContinue &) {
        visit(recording, sink);
        return SessionReader::Result();
    };
    const Result result = exportRecords(source, writer.get(), {});
    buffer.close();
    return result.ok() ? bytes : QByteArray();
}

bool SessionExport::writeRecording(const Recording &recording, const QString &path, QString *error)
{
    RecordingWriter writer(path);
    if (!writer.failed())
        visit(recording, writer);
    const bool ok = writer.finish();
    if (!ok && error)
        *error = writer.error();
    return ok;
}
