// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportwriter.h"
#include "ndjsonrecords.h"

/**
 * The NDJSON export: the records `ssescope watch --format ndjson --show comments,state,diagnostics` prints for
 * the stream, from the recording: events, comments, diagnostics and states. Raw reads are left to the raw, HAR
 * and session file formats, and errors, which say why watch exits as it does, to watch. t_ms counts from the
 * recording's start.
 */
class NdjsonWriter final : public ExportWriter
{
public:
    using ExportWriter::ExportWriter;

    void stateRead(const StreamStateChange &change) override;
    void eventDerived(const RecordedEvent &recorded) override;
    void commentDerived(QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs) override;
    void diagnosticDerived(const RecordedDiagnostic &recorded) override;

private:
    NdjsonRecords m_records;
};
