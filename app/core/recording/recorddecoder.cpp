// SPDX-License-Identifier: GPL-3.0-or-later
#include "recorddecoder.h"

#include "util/flatjson.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace {

std::optional<StreamState> stateFromName(const QString &name)
{
    for (int i = int(StreamState::Idle); i <= int(StreamState::Failed); ++i) {
        if (streamStateName(StreamState(i)) == name)
            return StreamState(i);
    }
    return std::nullopt;
}

// The fields of one record's JSON object; the first problem found is kept.
class Fields
{
    Q_DECLARE_TR_FUNCTIONS(SessionReader)

public:
    Fields(const QJsonObject &object, qint64 line)
        : m_object(object)
        , m_line(line)
    {
    }

    qint64 integer(const QString &key, qint64 fallback = 0) const { return m_object.value(key).toInteger(fallback); }

    // key as text, or key_b64 as base64; nullopt when neither is there
    std::optional<QByteArray> bytes(const QString &key)
    {
        const QJsonValue text = m_object.value(key);
        if (text.isString())
            return text.toString().toUtf8();
        const QJsonValue encoded = m_object.value(key + u"_b64"_s);
        if (!encoded.isString())
            return std::nullopt;
        auto decoded
            = QByteArray::fromBase64Encoding(encoded.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            fail(tr("line %1: %2_b64 is not valid base64").arg(m_line).arg(key));
            return std::nullopt;
        }
        return *decoded;
    }

    QList<QPair<QByteArray, QByteArray>> headers()
    {
        QList<QPair<QByteArray, QByteArray>> list;
        for (const QJsonValue &value : m_object.value(u"headers"_s).toArray()) {
            const QJsonArray pair = value.toArray();
            if (pair.size() < 2 || !pair.at(0).isString() || !pair.at(1).isString()) {
                fail(tr("line %1: a header that is not a [name, value] pair").arg(m_line));
                return list;
            }
            QByteArray name = pair.at(0).toString().toUtf8();
            QByteArray headerValue = pair.at(1).toString().toUtf8();
            if (pair.size() > 2 && pair.at(2).toString() == u"b64"_s) {
                name = QByteArray::fromBase64(name);
                headerValue = QByteArray::fromBase64(headerValue);
            }
            list.append({name, headerValue});
        }
        return list;
    }

    void fail(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }
    const QString &error() const { return m_error; }

private:
    const QJsonObject &m_object;
    qint64 m_line;
    QString m_error;
};

// An integer member as QJsonValue::toInteger(0) reads it: 0 when missing; nothing when it is another kind.
std::optional<qint64> flatInteger(const FlatJson &object, QByteArrayView key)
{
    const FlatJson::Member *member = object.find(key);
    if (!member)
        return 0;
    if (member->kind != FlatJson::Kind::Integer)
        return std::nullopt;
    return member->integer;
}

} // namespace

bool RecordDecoder::decodeChunkText(QByteArrayView text, SessionSink &sink)
{
    const std::optional<FlatJson> object = FlatJson::parse(text);
    if (!object)
        return false;
    const FlatJson::Member *type = object->find("t");
    if (!type || type->kind != FlatJson::Kind::String || type->escaped || type->text != "chunk")
        return false;
    const auto offset = flatInteger(*object, "offset");
    const auto attempt = flatInteger(*object, "attempt");
    const auto ns = flatInteger(*object, "ns");
    const auto wall = flatInteger(*object, "wall");
    if (!offset || !attempt || !ns || !wall)
        return false;
    StreamChunk chunk;
    if (const FlatJson::Member *data = object->find("data"); data && data->kind == FlatJson::Kind::String) {
        auto bytes = FlatJson::string(*data);
        if (!bytes)
            return false;
        chunk.bytes = std::move(*bytes);
    } else if (const FlatJson::Member *encoded = object->find("data_b64");
               encoded && encoded->kind == FlatJson::Kind::String && !encoded->escaped) {
        auto decoded
            = QByteArray::fromBase64Encoding(encoded->text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return false;
        chunk.bytes = std::move(*decoded);
    } else {
        return false;
    }
    chunk.offset = *offset;
    chunk.attempt = int(*attempt);
    chunk.monotonicNs = *ns;
    chunk.wallMs = *wall;
    sink.chunkRead(chunk);
    return true;
}

RecordDecoder::Outcome RecordDecoder::decode(const QJsonObject &object, qint64 line, qint64 lineOffset,
                                             SessionSink &sink, QString *error)
{
    Fields record(object, line);
    const QString type = object.value(u"t"_s).toString();
    const qint64 ns = record.integer(u"ns"_s);
    const qint64 wall = record.integer(u"wall"_s);
    if (type == u"chunk"_s) {
        StreamChunk chunk;
        const auto data = record.bytes(u"data"_s);
        if (!data)
            record.fail(tr("line %1: a chunk record without data").arg(line));
        else
            chunk.bytes = *data;
        chunk.offset = record.integer(u"offset"_s);
        chunk.attempt = int(record.integer(u"attempt"_s));
        chunk.monotonicNs = ns;
        chunk.wallMs = wall;
        if (record.error().isEmpty())
            sink.chunkRead(chunk);
    } else if (type == u"state"_s) {
        StreamStateChange change;
        const auto state = stateFromName(object.value(u"state"_s).toString());
        if (!state)
            record.fail(tr("line %1: a state record with an unknown state").arg(line));
        else
            change.state = *state;
        change.reason = object.value(u"reason"_s).toString();
        change.cause = streamCauseFromName(object.value(u"cause"_s).toString());
        change.followUp = streamFollowUpFromName(object.value(u"follow_up"_s).toString());
        change.detail = object.value(u"detail"_s).toString();
        change.method = record.bytes(u"method"_s).value_or(QByteArray());
        change.lastEventId = record.bytes(u"last_event_id"_s).value_or(QByteArray());
        change.body = record.bytes(u"body"_s).value_or(QByteArray());
        change.retryAfter = object.value(u"retry_after"_s).toBool();
        change.timeoutMs = record.integer(u"timeout_ms"_s, -1);
        change.attempt = int(record.integer(u"attempt"_s));
        change.delayMs = record.integer(u"delay_ms"_s, -1);
        change.httpStatus = int(record.integer(u"status"_s));
        change.monotonicNs = ns;
        change.wallMs = wall;
        if (record.error().isEmpty())
            sink.stateRead(change);
    } else if (type == u"response"_s) {
        StreamResponse response;
        response.attempt = int(record.integer(u"attempt"_s));
        response.status = int(record.integer(u"status"_s));
        response.reasonPhrase = record.bytes(u"reason"_s).value_or(QByteArray());
        response.url = QUrl(object.value(u"url"_s).toString(), QUrl::StrictMode);
        response.headers = record.headers();
        response.monotonicNs = ns;
        if (record.error().isEmpty())
            sink.responseRead(response, wall);
    } else if (type == u"request"_s) {
        RecordedRequest request;
        request.request.method = record.bytes(u"method"_s).value_or(QByteArray("GET"));
        request.request.url = QUrl(object.value(u"url"_s).toString(), QUrl::StrictMode);
        request.request.headers = record.headers();
        request.request.body = record.bytes(u"body"_s).value_or(QByteArray());
        request.request.lastEventId = record.bytes(u"last_event_id"_s).value_or(QByteArray());
        for (const QJsonValue &name : object.value(u"redacted"_s).toArray())
            request.redacted << name.toString().toUtf8();
        if (const QJsonValue joined = object.value(u"joined"_s); joined.isObject()) {
            const QJsonObject join = joined.toObject();
            request.joined
                = SessionJoin{int(join.value(u"attempt"_s).toInteger()), join.value(u"after_ns"_s).toInteger(),
                              join.value(u"body_offset"_s).toInteger()};
        }
        request.monotonicNs = ns;
        request.wallMs = wall;
        if (record.error().isEmpty())
            sink.requestRead(request);
    } else if (type.isEmpty()) {
        record.fail(tr("line %1 (byte %2): a record without a type").arg(line).arg(lineOffset));
    } else {
        // A newer writer of this version may add record types; readers pass over them.
        return Outcome::Skipped;
    }
    if (!record.error().isEmpty()) {
        if (error)
            *error = record.error();
        return Outcome::Invalid;
    }
    return Outcome::Handed;
}
