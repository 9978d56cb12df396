// SPDX-License-Identifier: GPL-3.0-or-later
#include "harwriter.h"

#include "ndjsonrecords.h"
#include "util/jsontext.h"
#include "version.h"

#include <QDateTime>
#include <QLocale>
#include <QUrlQuery>

namespace {

// A multiple of 3, so that blocks encoded to base64 one by one join into one valid encoding.
constexpr qint64 SpoolBlockSize = 48 * 1024;

using Headers = QList<QPair<QByteArray, QByteArray>>;

void appendText(QByteArray &out, QByteArrayView bytes)
{
    NdjsonRecords::appendText(out, bytes);
}

void appendNumber(QByteArray &out, double value)
{
    out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
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

// The request as this attempt sent it: the client's own headers included, with the attempt's Last-Event-ID.
QByteArray requestJson(const StreamRequest &request, const QByteArray &lastEventId)
{
    const Headers sent = request.headersToSend(lastEventId);
    QByteArray out = "{\"method\":";
    appendText(out, request.method);
    out += ",\"url\":";
    JsonText::appendString(out, request.url.toString(QUrl::FullyEncoded).toUtf8());
    out += ",\"httpVersion\":\"HTTP/1.1\",\"cookies\":[],\"headers\":" + headersJson(sent) + ",\"queryString\":[";
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

} // namespace

void HarWriter::Attempt::touch(qint64 ns, qint64 wallMs)
{
    if (startNs < 0 || ns < startNs) {
        startNs = ns;
        startWallMs = wallMs;
    }
    endNs = qMax(endNs, ns);
}

HarWriter::HarWriter(QIODevice *output, std::unique_ptr<QIODevice> spool)
    : ExportWriter(output)
    , m_spool(std::move(spool))
{
    m_out.append(QByteArray(R"({"log":{"version":"1.2","creator":{"name":"SSE Scope","version":")"
                            + QByteArray(SseScope::Version) + R"("},"entries":[)"));
}

HarWriter::~HarWriter() = default;

void HarWriter::requestRead(const RecordedRequest &request)
{
    m_request = request.request;
}

void HarWriter::responseRead(const StreamResponse &response, qint64 wallMs)
{
    Attempt &attempt = enter(response.attempt);
    if (!attempt.response) {
        attempt.response = response;
        attempt.touch(response.monotonicNs, wallMs);
    }
}

void HarWriter::chunkRead(const StreamChunk &chunk)
{
    Attempt &attempt = enter(chunk.attempt);
    attempt.touch(chunk.monotonicNs, chunk.wallMs);
    if (m_spool->write(chunk.bytes) != chunk.bytes.size())
        fail(SessionExport::tr("cannot write a temporary file: %1").arg(m_spool->errorString()));
    attempt.bodySize += chunk.bytes.size();
    m_text.feed(chunk.bytes);
}

void HarWriter::stateRead(const StreamStateChange &change)
{
    // An attempt starts when its request went out, which the connecting state marks.
    if (change.state != StreamState::Connecting)
        return;
    Attempt *attempt = nullptr;
    if (m_attempt && m_attempt->number == change.attempt)
        attempt = &*m_attempt;
    else if (m_connecting && m_connecting->number == change.attempt)
        attempt = &*m_connecting;
    else
        attempt = &m_connecting.emplace(change.attempt);
    attempt->touch(change.monotonicNs, change.wallMs);
    if (!change.lastEventId.isEmpty())
        attempt->lastEventId = change.lastEventId;
}

void HarWriter::eventDerived(const RecordedEvent &recorded)
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

void HarWriter::diagnosticDerived(const RecordedDiagnostic &recorded)
{
    // The messages array is being written: diagnostics wait for the end of the entry.
    if (!m_attempt || m_attempt->number != recorded.attempt)
        return;
    Attempt &attempt = *m_attempt;
    if (attempt.diagnosticCount++ >= MaxDiagnostics)
        return;
    QByteArray &out = attempt.diagnostics;
    out += out.isEmpty() ? "\n{\"code\":" : ",\n{\"code\":";
    JsonText::appendString(out, SseDiagnostic::kindName(recorded.diagnostic.kind).toUtf8());
    out += ",\"message\":";
    JsonText::appendString(out, recorded.diagnostic.message().toUtf8());
    out += ",\"offset\":" + QByteArray::number(recorded.diagnostic.offset) + ",\"time\":";
    appendNumber(out, double(recorded.wallMs) / 1000.0);
    out += '}';
}

bool HarWriter::finish()
{
    if (m_attempt)
        leave();
    m_out.append(m_entries > 0 ? "\n]}}\n" : "]}}\n");
    return ExportWriter::finish();
}

HarWriter::Attempt &HarWriter::enter(int number)
{
    if (m_attempt && m_attempt->number == number)
        return *m_attempt;
    if (m_attempt)
        leave();
    m_attempt.emplace(number);
    if (m_connecting && m_connecting->number == number) {
        m_attempt->touch(m_connecting->startNs, m_connecting->startWallMs);
        m_attempt->lastEventId = m_connecting->lastEventId;
    }
    m_connecting.reset();
    const StreamRequest request = m_request.value_or(StreamRequest());
    // A recording without connecting states still knows the Last-Event-ID its first request was sent with.
    if (m_attempt->lastEventId.isEmpty() && number == 1)
        m_attempt->lastEventId = request.lastEventId;
    m_out.append(m_entries++ > 0 ? ",\n{\"request\":" : "\n{\"request\":");
    m_out.append(requestJson(request, m_attempt->lastEventId));
    m_out.append(",\"_eventSourceMessages\":[");
    m_text.reset();
    if (!m_spool->seek(0))
        fail(SessionExport::tr("cannot write a temporary file: %1").arg(m_spool->errorString()));
    return *m_attempt;
}

void HarWriter::writeDiagnostics(const Attempt &attempt)
{
    if (attempt.diagnosticCount == 0)
        return;
    m_out.append(",\"_diagnostics\":[");
    m_out.append(attempt.diagnostics);
    m_out.append("\n]");
    if (attempt.diagnosticCount > MaxDiagnostics)
        m_out.append(
            QByteArray(",\"_diagnosticsOmitted\":" + QByteArray::number(attempt.diagnosticCount - MaxDiagnostics)));
}

void HarWriter::leave()
{
    const Attempt &attempt = *m_attempt;
    const StreamResponse response = attempt.response.value_or(StreamResponse());
    m_out.append(attempt.messages > 0 ? "\n]" : "]");
    writeDiagnostics(attempt);
    QByteArray &out = m_out.buffer();
    out += ",\"response\":{\"status\":";
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
void HarWriter::writeBody(qint64 size, bool text)
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
