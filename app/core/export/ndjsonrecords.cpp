// SPDX-License-Identifier: GPL-3.0-or-later
#include "ndjsonrecords.h"

#include "sse/utf8.h"
#include "util/jsontext.h"

void NdjsonRecords::appendText(QByteArray &out, QByteArrayView bytes)
{
    if (Utf8::isValid(bytes)) {
        JsonText::appendString(out, bytes);
        return;
    }
    QByteArray valid;
    Utf8::appendSanitized(valid, bytes);
    JsonText::appendString(out, valid);
}

void NdjsonRecords::appendTimes(QByteArray &out, qint64 monotonicNs, qint64 wallMs) const
{
    out += ",\"t_ms\":" + QByteArray::number((monotonicNs - m_originNs) / 1000000)
        + ",\"wall_ms\":" + QByteArray::number(wallMs);
}

void NdjsonRecords::appendEvent(QByteArray &out, const SseEvent &event, int attempt, qint64 monotonicNs,
                                qint64 wallMs) const
{
    out += "{\"kind\":\"event\",\"type\":";
    appendText(out, event.type);
    out += ",\"data\":";
    appendText(out, event.data);
    out += ",\"id\":";
    appendText(out, event.lastEventId);
    out += ",\"attempt\":" + QByteArray::number(attempt);
    appendTimes(out, monotonicNs, wallMs);
    out += "}\n";
}

void NdjsonRecords::appendComment(QByteArray &out, QByteArrayView text, int attempt, qint64 monotonicNs,
                                  qint64 wallMs) const
{
    out += "{\"kind\":\"comment\",\"text\":";
    appendText(out, text);
    out += ",\"attempt\":" + QByteArray::number(attempt);
    appendTimes(out, monotonicNs, wallMs);
    out += "}\n";
}

void NdjsonRecords::appendDiagnostic(QByteArray &out, const SseDiagnostic &diagnostic, int attempt, qint64 monotonicNs,
                                     qint64 wallMs) const
{
    out += "{\"kind\":\"diagnostic\",\"code\":";
    JsonText::appendString(out, SseDiagnostic::kindName(diagnostic.kind).toUtf8());
    out += ",\"message\":";
    JsonText::appendString(out, diagnostic.message().toUtf8());
    out += ",\"offset\":" + QByteArray::number(diagnostic.offset) + ",\"attempt\":" + QByteArray::number(attempt);
    appendTimes(out, monotonicNs, wallMs);
    out += "}\n";
}

void NdjsonRecords::appendState(QByteArray &out, const StreamStateChange &change) const
{
    out += "{\"kind\":\"state\",\"state\":";
    JsonText::appendString(out, streamStateName(change.state).toUtf8());
    out += ",\"cause\":";
    JsonText::appendString(out, streamCauseName(change.cause).toUtf8());
    out += ",\"reason\":";
    JsonText::appendString(out, change.reason.toUtf8());
    if (change.followUp != StreamFollowUp::None) {
        out += ",\"follow_up\":";
        JsonText::appendString(out, streamFollowUpName(change.followUp).toUtf8());
    }
    out += ",\"attempt\":" + QByteArray::number(change.attempt);
    if (change.httpStatus > 0)
        out += ",\"status\":" + QByteArray::number(change.httpStatus);
    if (change.delayMs >= 0)
        out += ",\"delay_ms\":" + QByteArray::number(change.delayMs);
    appendTimes(out, change.monotonicNs, change.wallMs);
    out += "}\n";
}

void NdjsonRecords::appendChunk(QByteArray &out, const StreamChunk &chunk) const
{
    out += "{\"kind\":\"chunk\",\"attempt\":" + QByteArray::number(chunk.attempt)
        + ",\"offset\":" + QByteArray::number(chunk.offset) + ",\"size\":" + QByteArray::number(chunk.bytes.size());
    appendTimes(out, chunk.monotonicNs, chunk.wallMs);
    out += ",\"text\":";
    appendText(out, chunk.bytes);
    out += "}\n";
}

void NdjsonRecords::appendError(QByteArray &out, const QString &message, int attempt)
{
    out += "{\"kind\":\"error\",\"message\":";
    JsonText::appendString(out, message.toUtf8());
    out += ",\"attempt\":" + QByteArray::number(attempt) + "}\n";
}
