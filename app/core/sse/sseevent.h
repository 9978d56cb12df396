// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/** A dispatched event as the parser hands it out; the views are valid only during the callback. */
struct SseEventView
{
    QByteArrayView type; // UTF-8; "message" when the stream named none
    QByteArrayView data; // UTF-8, without the final LF
    QByteArrayView lastEventId; // UTF-8; empty when no id was set
    qint64 offset = 0; // stream offset of the event's first field line
    qint64 endOffset = 0; // stream offset of the blank line that dispatched it
};

/** An event that owns its bytes (all fields are valid UTF-8). */
struct SseEvent
{
    QByteArray type;
    QByteArray data;
    QByteArray lastEventId;
    qint64 offset = 0;
    qint64 endOffset = 0;

    /** Copies a parser view into an owning event. */
    static SseEvent fromView(const SseEventView &view);
    /** The data decoded to a QString. */
    QString dataText() const;

    friend bool operator==(const SseEvent &, const SseEvent &) = default;
};

struct SseParseError;

/** Something the parser saw and handled by the rules, reported so that a user can see why; or, made from an
 *  SseParseError by fromParseError(), a limit the stream went over. */
struct SseDiagnostic
{
    enum class Kind : quint8 {
        BomRemoved, // the one byte order mark at the start of the stream was dropped
        UnknownField, // a field name the standard does not define (it is ignored)
        InvalidRetry, // a retry value that is not all ASCII digits (it is ignored)
        RetryClamped, // a retry value too large to hold, clamped
        IdContainsNull, // an id value with U+0000 (it is ignored)
        InvalidUtf8, // bytes that are not UTF-8, decoded to U+FFFD
        UnterminatedEventDiscarded, // the stream ended before the blank line of an event
        // Never reported by the parser as diagnostics: its limit errors (SseParseError), logged with the rest.
        LineTooLong, // a line longer than the line limit (the detail holds the limit in bytes)
        EventTooLarge, // the data of one event larger than the event limit (the detail holds the limit in bytes)
    };
    static constexpr int KindCount = int(Kind::EventTooLarge) + 1;

    Kind kind = Kind::UnknownField;
    qint64 offset = 0; // stream offset of the line concerned
    QByteArray detail; // field name or value (UTF-8, shortened), when it helps

    /** A short stable name such as "unknown-field" (a limit error has the name SseParseError gives it). */
    static QString kindName(Kind kind);
    /** The limit error as a diagnostic of kind LineTooLong or EventTooLarge. */
    static SseDiagnostic fromParseError(const SseParseError &error);
    /** One sentence for a person. */
    QString message() const;

    friend bool operator==(const SseDiagnostic &, const SseDiagnostic &) = default;
};

/** A limit the stream went over; what happens next is the parser's overflow policy. */
struct SseParseError
{
    enum class Kind {
        LineTooLong, // a line (without its terminator) longer than the line limit
        EventTooLarge, // the data of one event larger than the event limit
    };

    Kind kind = Kind::LineTooLong;
    qint64 offset = 0; // stream offset of the line that went over the limit
    qint64 limit = 0; // the limit in bytes

    /** A short stable name such as "line-too-long". */
    static QString kindName(Kind kind);
    /** One sentence for a person, naming the limit and the offset. */
    QString message() const;

    friend bool operator==(const SseParseError &, const SseParseError &) = default;
};
