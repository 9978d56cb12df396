// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportwriter.h"

/**
 * The CSV export (RFC 4180, CRLF between records): a header row seq,attempt,t_ms,wall_ms,kind,type,id,data, then
 * a row per event (kind "event") and per diagnostic (kind "diagnostic", its code as the type, its message as the
 * data), in stream order. t_ms counts from the recording's start.
 */
class CsvWriter final : public ExportWriter
{
public:
    explicit CsvWriter(QIODevice *output);

    void eventDerived(const RecordedEvent &recorded) override;
    void diagnosticDerived(const RecordedDiagnostic &recorded) override;

private:
    void appendRow(int attempt, qint64 monotonicNs, qint64 wallMs, QByteArrayView kind, QByteArrayView type,
                   QByteArrayView id, QByteArrayView data);

    qint64 m_seq = 0;
};
