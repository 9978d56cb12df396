// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionwriter.h"

#include "sessionformat.h"
#include "sse/utf8.h"
#include "util/jsontext.h"
#include "util/orderedjson.h"
#include "version.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray quoted(QByteArrayView utf8)
{
    QByteArray out;
    JsonText::appendString(out, utf8);
    return out;
}

// Bytes that are valid UTF-8 are stored as text, so the file stays readable; others as key_b64, so the
// file stays byte-exact.
void addBytes(OrderedJson &json, QByteArrayView key, QByteArrayView bytes)
{
    if (Utf8::isValid(bytes))
        json.addRaw(key, quoted(bytes));
    else
        json.addRaw(QByteArray(key.toByteArray() + "_b64"), quoted(bytes.toByteArray().toBase64()));
}

// [["name","value"],...]; a name or value that is not UTF-8 makes the pair ["name","value","b64"] with both
// in base64.
QByteArray headersJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = "[";
    for (const auto &[name, value] : headers) {
        if (out.size() > 1)
            out.append(',');
        out.append('[');
        if (Utf8::isValid(name) && Utf8::isValid(value)) {
            JsonText::appendString(out, name);
            out.append(',');
            JsonText::appendString(out, value);
        } else {
            JsonText::appendString(out, name.toBase64());
            out.append(',');
            JsonText::appendString(out, value.toBase64());
            out.append(",\"b64\"");
        }
        out.append(']');
    }
    out.append(']');
    return out;
}

QByteArray namesJson(const QByteArrayList &names)
{
    QByteArray out = "[";
    for (const QByteArray &name : names) {
        if (out.size() > 1)
            out.append(',');
        JsonText::appendString(out, name);
    }
    out.append(']');
    return out;
}

} // namespace

SessionWriter::~SessionWriter()
{
    close();
}

bool SessionWriter::open(const QString &path, std::optional<qint64> startMonotonicNs, const QString &created)
{
    close();
    m_error.clear();
    m_bytesWritten = 0;
    m_startNs = startMonotonicNs;
    m_lastNs = 0;
    m_lastWallMs = -1;
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = tr("Cannot create %1: %2").arg(path, m_file.errorString());
        return false;
    }
    OrderedJson header;
    header.add("format", SessionFormat::FormatName)
        .add("version", SessionFormat::Version)
        .add("created", created.isEmpty() ? QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) : created)
        .add("app", u"SSE Scope "_s + QLatin1StringView(SseScope::Version));
    return writeLine(header.toJson());
}

void SessionWriter::close()
{
    if (m_file.isOpen()) {
        m_file.flush();
        m_file.close();
    }
}

qint64 SessionWriter::relativeNs(qint64 monotonicNs)
{
    if (!m_startNs)
        m_startNs = monotonicNs;
    return monotonicNs - *m_startNs;
}

qint64 SessionWriter::wallFor(qint64 relative) const
{
    // A response carries no wall time: it is derived from the last record that had one.
    if (m_lastWallMs < 0)
        return QDateTime::currentMSecsSinceEpoch();
    return m_lastWallMs + (relative - m_lastNs) / 1000000;
}

bool SessionWriter::writeRequest(const StreamRequest &request, std::optional<qint64> monotonicNs,
                                 std::optional<qint64> wallMs, const std::optional<SessionJoin> &joined)
{
    const qint64 ns = monotonicNs ? relativeNs(*monotonicNs) : 0;
    const qint64 wall = wallMs ? *wallMs : QDateTime::currentMSecsSinceEpoch();
    m_lastNs = ns;
    m_lastWallMs = wall;

    auto headers = request.headers;
    QUrl url = request.url;
    QByteArrayList redacted;
    if (!m_keepSecrets)
        redacted = SessionFormat::redactRequest(headers, url);
    OrderedJson json;
    json.add("t", "request").add("ns", ns).add("wall", wall);
    addBytes(json, "method", request.method);
    json.add("url", url.toString(QUrl::FullyEncoded));
    json.addRaw("headers", headersJson(headers));
    if (!request.body.isEmpty())
        addBytes(json, "body", request.body);
    addBytes(json, "last_event_id", request.lastEventId);
    json.addRaw("redacted", namesJson(redacted));
    if (joined) {
        OrderedJson join;
        join.add("attempt", joined->attempt).add("after_ns", joined->afterNs).add("body_offset", joined->bodyOffset);
        json.add("joined", join);
    }
    return writeLine(json.toJson());
}

bool SessionWriter::writeResponse(const StreamResponse &response)
{
    const qint64 ns = relativeNs(response.monotonicNs);
    auto headers = response.headers;
    QByteArrayList redacted;
    if (!m_keepSecrets)
        redacted = SessionFormat::redactHeaders(headers);
    OrderedJson json;
    json.add("t", "response").add("ns", ns).add("wall", wallFor(ns));
    json.add("attempt", response.attempt).add("status", response.status);
    addBytes(json, "reason", response.reasonPhrase);
    json.add("url", response.url.toString(QUrl::FullyEncoded));
    json.addRaw("headers", headersJson(headers));
    if (!redacted.isEmpty())
        json.addRaw("redacted", namesJson(redacted));
    return writeLine(json.toJson());
}

bool SessionWriter::writeChunk(const StreamChunk &chunk)
{
    const qint64 ns = relativeNs(chunk.monotonicNs);
    m_lastNs = ns;
    m_lastWallMs = chunk.wallMs;
    OrderedJson json;
    json.add("t", "chunk").add("ns", ns).add("wall", chunk.wallMs);
    json.add("attempt", chunk.attempt).add("offset", chunk.offset);
    addBytes(json, "data", chunk.bytes);
    return writeLine(json.toJson());
}

bool SessionWriter::writeState(const StreamStateChange &change)
{
    const qint64 ns = relativeNs(change.monotonicNs);
    m_lastNs = ns;
    m_lastWallMs = change.wallMs;
    OrderedJson json;
    json.add("t", "state").add("ns", ns).add("wall", change.wallMs).add("attempt", change.attempt);
    json.add("state", streamStateName(change.state)).add("reason", change.reason);
    json.add("status", change.httpStatus).add("delay_ms", change.delayMs);
    // The cause and its values, so that a reader can tell why in its own words; readers that do not know them
    // keep the reason.
    json.add("cause", streamCauseName(change.cause));
    if (change.followUp != StreamFollowUp::None)
        json.add("follow_up", streamFollowUpName(change.followUp));
    if (!change.detail.isEmpty())
        json.add("detail", change.detail);
    if (!change.method.isEmpty())
        addBytes(json, "method", change.method);
    if (!change.lastEventId.isEmpty())
        addBytes(json, "last_event_id", change.lastEventId);
    if (!change.body.isEmpty())
        addBytes(json, "body", change.body);
    if (change.retryAfter)
        json.addRaw("retry_after", "true");
    if (change.timeoutMs >= 0)
        json.add("timeout_ms", change.timeoutMs);
    return writeLine(json.toJson());
}

bool SessionWriter::writeLine(QByteArray line)
{
    if (!m_file.isOpen()) {
        if (m_error.isEmpty())
            m_error = tr("The recording is not open.");
        return false;
    }
    line.append('\n');
    const qint64 written = m_file.write(line);
    // Flushed per record: a crash then loses at most the line being written.
    if (written != line.size() || !m_file.flush()) {
        m_error = tr("Cannot write to %1: %2").arg(m_file.fileName(), m_file.errorString());
        m_file.close();
        return false;
    }
    m_bytesWritten += written;
    return true;
}
