// SPDX-License-Identifier: GPL-3.0-or-later
#include "ndjsonwriter.h"

void NdjsonWriter::stateRead(const StreamStateChange &change)
{
    m_records.appendState(m_out.buffer(), change);
    m_out.flushIfFull();
}

void NdjsonWriter::eventDerived(const RecordedEvent &recorded)
{
    m_records.appendEvent(m_out.buffer(), recorded.event, recorded.attempt, recorded.monotonicNs, recorded.wallMs);
    m_out.flushIfFull();
}

void NdjsonWriter::commentDerived(QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs)
{
    m_records.appendComment(m_out.buffer(), text, attempt, monotonicNs, wallMs);
    m_out.flushIfFull();
}

void NdjsonWriter::diagnosticDerived(const RecordedDiagnostic &recorded)
{
    m_records.appendDiagnostic(m_out.buffer(), recorded.diagnostic, recorded.attempt, recorded.monotonicNs,
                               recorded.wallMs);
    m_out.flushIfFull();
}
