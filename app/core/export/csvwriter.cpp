// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvwriter.h"

namespace {

void appendField(QByteArray &out, QByteArrayView field, bool alwaysQuote)
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

} // namespace

CsvWriter::CsvWriter(QIODevice *output)
    : ExportWriter(output)
{
    m_out.append("seq,attempt,t_ms,wall_ms,kind,type,id,data\r\n");
}

void CsvWriter::appendRow(int attempt, qint64 monotonicNs, qint64 wallMs, QByteArrayView kind, QByteArrayView type,
                          QByteArrayView id, QByteArrayView data)
{
    QByteArray &out = m_out.buffer();
    out += QByteArray::number(++m_seq) + ',' + QByteArray::number(attempt) + ','
        + QByteArray::number(monotonicNs / 1000000) + ',' + QByteArray::number(wallMs) + ',';
    out.append(kind);
    out += ',';
    appendField(out, type, false);
    out += ',';
    appendField(out, id, false);
    out += ',';
    appendField(out, data, true);
    out += "\r\n";
    m_out.flushIfFull();
}

void CsvWriter::eventDerived(const RecordedEvent &recorded)
{
    const SseEvent &event = recorded.event;
    appendRow(recorded.attempt, recorded.monotonicNs, recorded.wallMs, "event", event.type, event.lastEventId,
              event.data);
}

void CsvWriter::diagnosticDerived(const RecordedDiagnostic &recorded)
{
    const SseDiagnostic &diagnostic = recorded.diagnostic;
    appendRow(recorded.attempt, recorded.monotonicNs, recorded.wallMs, "diagnostic",
              SseDiagnostic::kindName(diagnostic.kind).toUtf8(), {}, diagnostic.message().toUtf8());
}
