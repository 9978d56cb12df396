// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"
#include "sse/sseevent.h"

#include <QByteArray>
#include <QByteArrayView>

/**
 * The NDJSON records of a stream, one JSON object and line each, with its "kind" first: what
 * `ssescope watch --format ndjson` prints and what an NDJSON export holds, written here for both.
 *
 *   {"kind":"event","type":"...","data":"...","id":"...","attempt":N,"t_ms":N,"wall_ms":N}
 *   {"kind":"comment","text":"...","attempt":N,"t_ms":N,"wall_ms":N}
 *   {"kind":"diagnostic","code":"...","message":"...","offset":N,"attempt":N,"t_ms":N,"wall_ms":N}
 *   {"kind":"state","state":"...","cause":"...","reason":"...","follow_up":"...","attempt":N,"status":N,
 *    "delay_ms":N,"t_ms":N,"wall_ms":N}
 *   {"kind":"chunk","attempt":N,"offset":N,"size":N,"t_ms":N,"wall_ms":N,"text":"..."}
 *   {"kind":"error","message":"...","attempt":N}
 *
 * A state has a follow-up only when a connection ended, a status only when a response was involved and a delay
 * only when a reconnect was scheduled.
 */
class NdjsonRecords final
{
public:
    /** t_ms counts from originNs, a monotonic time in ns. */
    explicit NdjsonRecords(qint64 originNs = 0)
        : m_originNs(originNs)
    {
    }

    void appendEvent(QByteArray &out, const SseEvent &event, int attempt, qint64 monotonicNs, qint64 wallMs) const;
    void appendComment(QByteArray &out, QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs) const;
    void appendDiagnostic(QByteArray &out, const SseDiagnostic &diagnostic, int attempt, qint64 monotonicNs,
                          qint64 wallMs) const;
    void appendState(QByteArray &out, const StreamStateChange &change) const;
    void appendChunk(QByteArray &out, const StreamChunk &chunk) const;
    static void appendError(QByteArray &out, const QString &message, int attempt);

    /** A JSON string of bytes meant as UTF-8 text: valid UTF-8 as it is, anything else decoded with U+FFFD. */
    static void appendText(QByteArray &out, QByteArrayView bytes);

private:
    void appendTimes(QByteArray &out, qint64 monotonicNs, qint64 wallMs) const;

    qint64 m_originNs;
};
