// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sseevent.h"

/** Receives what SseParser finds; views passed in are valid only during the call, which must not call back
 *  into the parser (feed, finish or reset). */
class SseParserSink
{
public:
    virtual ~SseParserSink() = default;

    /** An event was dispatched by a blank line. */
    virtual void eventDispatched(const SseEventView &event) = 0;
    /** A comment line; text is everything after the colon. */
    virtual void commentReceived(QByteArrayView text, qint64 offset)
    {
        Q_UNUSED(text);
        Q_UNUSED(offset);
    }
    /** A valid retry field set the reconnection time. */
    virtual void retryChanged(qint64 milliseconds, qint64 offset)
    {
        Q_UNUSED(milliseconds);
        Q_UNUSED(offset);
    }
    /** Something seen and handled by the rules (ignored field, replaced bytes, dropped BOM ...). */
    virtual void diagnosticReported(const SseDiagnostic &diagnostic) { Q_UNUSED(diagnostic); }
    /** A limit was exceeded; the parser has failed or is skipping the event, as its policy says. */
    virtual void errorOccurred(const SseParseError &error) { Q_UNUSED(error); }
};
