// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssewriter.h"

void SseWriter::eventDerived(const RecordedEvent &recorded)
{
    const SseEvent &event = recorded.event;
    QByteArray &out = m_out.buffer();
    // The id carries over from event to event in a stream: an event without one must clear it.
    if (event.lastEventId.isEmpty() && !m_lastId.isEmpty())
        out += "id\n";
    m_lastId = event.lastEventId;
    m_formatter.appendEvent(out, event.data, event.type == "message" ? QByteArrayView() : QByteArrayView(event.type),
                            event.lastEventId);
    m_out.flushIfFull();
}
