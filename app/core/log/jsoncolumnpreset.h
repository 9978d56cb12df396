// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsoncolumn.h"
#include "llm/llmassembler.h"

#include <QByteArrayView>

/**
 * Decides once, from the first events of a stream, which JSON columns suit it: the delta text and finish
 * reason of an OpenAI chat completion, the event type and text of an Anthropic messages stream. Events after
 * the decision are not looked at, so a long stream costs nothing.
 */
class JsonColumnPreset final
{
public:
    /** Events looked at before deciding that the stream has no known format. */
    static constexpr int MaxEvents = 32;

    /** Looks at one more event's data, unless decided; true when this event decided. */
    bool addEvent(QByteArrayView data);
    bool isDecided() const { return m_decided; }
    /** The format found (Auto when none was, or not yet). */
    LlmFormat format() const { return m_format; }
    /** The columns for the format found; none for Auto. */
    JsonColumns columns() const { return columnsFor(m_format); }
    /** Looks again from the next event on. */
    void reset();

    /** The columns that show a format's deltas best. */
    static JsonColumns columnsFor(LlmFormat format);

private:
    LlmFormat m_format = LlmFormat::Auto;
    int m_events = 0;
    bool m_decided = false;
};
