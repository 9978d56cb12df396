// SPDX-License-Identifier: GPL-3.0-or-later
#include "sseevent.h"

#include "utf8.h"

using namespace Qt::Literals::StringLiterals;

SseEvent SseEvent::fromView(const SseEventView &view)
{
    return SseEvent{view.type.toByteArray(), view.data.toByteArray(), view.lastEventId.toByteArray(), view.offset,
                    view.endOffset};
}

QString SseEvent::dataText() const
{
    return Utf8::toString(data);
}

QString SseDiagnostic::kindName(Kind kind)
{
    switch (kind) {
    case Kind::BomRemoved:
        return u"bom-removed"_s;
    case Kind::UnknownField:
        return u"unknown-field"_s;
    case Kind::InvalidRetry:
        return u"invalid-retry"_s;
    case Kind::RetryClamped:
        return u"retry-clamped"_s;
    case Kind::IdContainsNull:
        return u"id-contains-null"_s;
    case Kind::InvalidUtf8:
        return u"invalid-utf8"_s;
    case Kind::UnterminatedEventDiscarded:
        return u"unterminated-event"_s;
    case Kind::LineTooLong:
        return SseParseError::kindName(SseParseError::Kind::LineTooLong);
    case Kind::EventTooLarge:
        return SseParseError::kindName(SseParseError::Kind::EventTooLarge);
    }
    return u"unknown"_s;
}

SseDiagnostic SseDiagnostic::fromParseError(const SseParseError &error)
{
    return SseDiagnostic{error.kind == SseParseError::Kind::LineTooLong ? Kind::LineTooLong : Kind::EventTooLarge,
                         error.offset, QByteArray::number(error.limit)};
}

QString SseDiagnostic::message() const
{
    const QString what = Utf8::toString(detail);
    switch (kind) {
    case Kind::BomRemoved:
        return u"byte order mark at the start of the stream removed"_s;
    case Kind::UnknownField:
        if (detail.startsWith("\xEF\xBB\xBF"))
            return u"field \"%1\" ignored: it starts with a byte order mark that is not at the start of the stream"_s
                .arg(what);
        return u"unknown field \"%1\" ignored"_s.arg(what);
    case Kind::InvalidRetry:
        return u"retry value \"%1\" ignored: not ASCII digits only"_s.arg(what);
    case Kind::RetryClamped:
        return u"retry value \"%1\" too large, clamped"_s.arg(what);
    case Kind::IdContainsNull:
        return u"id ignored: it contains U+0000"_s;
    case Kind::InvalidUtf8:
        return u"invalid UTF-8 replaced by U+FFFD"_s;
    case Kind::UnterminatedEventDiscarded:
        return u"stream ended inside an event (no blank line): the event was discarded"_s;
    case Kind::LineTooLong:
        return u"line is longer than the line limit of %1 bytes"_s.arg(what);
    case Kind::EventTooLarge:
        return u"event data is larger than the event limit of %1 bytes"_s.arg(what);
    }
    return {};
}

QString SseParseError::kindName(Kind kind)
{
    return kind == Kind::LineTooLong ? u"line-too-long"_s : u"event-too-large"_s;
}

QString SseParseError::message() const
{
    if (kind == Kind::LineTooLong)
        return u"line at byte %1 is longer than the line limit of %2 bytes"_s.arg(offset).arg(limit);
    return u"event data at byte %1 is larger than the event limit of %2 bytes"_s.arg(offset).arg(limit);
}
