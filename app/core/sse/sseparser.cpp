// SPDX-License-Identifier: GPL-3.0-or-later
// Longer than most files on purpose: the parser is one incremental state machine whose line splitting, field
// dispatch and limits share a hot loop and its state; apart, every line would cross a call to reach its field
// (bench_sseparser measures it).
#include "sseparser.h"

#include "sseparsersink.h"
#include "utf8.h"

#include <cstring>
#include <limits>
#include <utility>

namespace {

constexpr char Bom[] = "\xEF\xBB\xBF";
constexpr qsizetype BomSize = 3;
constexpr QByteArrayView DataPrefix("data:");
constexpr QByteArrayView MessageType("message");
constexpr qsizetype DetailLimit = 64;
// Buffers that grew past this for one huge line or event are given back afterwards.
constexpr qsizetype KeepCapacity = qsizetype(4) << 20;

const char *findByte(const char *begin, const char *end, char byte) noexcept
{
    const void *hit = std::memchr(begin, byte, size_t(end - begin));
    return hit ? static_cast<const char *>(hit) : end;
}

void empty(QByteArray &buffer)
{
    if (buffer.capacity() > KeepCapacity)
        buffer = QByteArray();
    else
        buffer.truncate(0);
}

void empty(ByteBuffer &buffer)
{
    buffer.clear(KeepCapacity);
}

// The caller has checked the length; a fixed-size compare compiles to one or two loads.
template<size_t N> bool sameAs(QByteArrayView name, const char (&literal)[N]) noexcept
{
    return std::memcmp(name.data(), literal, N - 1) == 0;
}

const char *findColon(const char *begin, const char *end) noexcept
{
    while (begin < end && *begin != ':')
        ++begin;
    return begin;
}

bool isAsciiDigits(QByteArrayView value) noexcept
{
    for (const char c : value) {
        if (c < '0' || c > '9')
            return false;
    }
    return !value.isEmpty();
}

} // namespace

SseParser::SseParser(SseParserSink *sink, SseParserLimits limits)
    : m_sink(sink)
    , m_limits(limits)
{
}

bool SseParser::feed(QByteArrayView bytes)
{
    if (m_failed)
        return false;
    if (bytes.isEmpty())
        return true;
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    if (m_bomPending) {
        while (p < end && m_bomHeld.size() < BomSize && *p == Bom[m_bomHeld.size()])
            m_bomHeld.append(*p++);
        if (m_bomHeld.size() == BomSize) {
            m_bomPending = false;
            m_bomHeld.clear();
            m_offset = BomSize;
            report(SseDiagnostic::Kind::BomRemoved, 0);
        } else if (p == end) {
            return true; // everything so far may still be the start of a BOM
        } else {
            // Not a BOM after all: the held bytes are ordinary stream bytes.
            m_bomPending = false;
            const QByteArray held = std::exchange(m_bomHeld, QByteArray());
            consume(held.constData(), held.constData() + held.size());
        }
    }
    if (!m_failed && p < end)
        consume(p, end);
    return !m_failed;
}

void SseParser::consume(const char *begin, const char *end)
{
    const qint64 base = m_offset;
    m_offset += end - begin;
    const char *p = begin;
    // Most streams are all ASCII: one fast pass over the read spares validating every value.
    m_chunkAscii = Utf8::isAscii(QByteArrayView(begin, end - begin));
    if (m_skipLeadingLf && p < end) {
        m_skipLeadingLf = false;
        if (*p == '\n')
            ++p;
    }
    // The next LF and the next CR are each searched once and kept until passed, so a stream that uses
    // only one of them does not rescan the read for the other on every line.
    const char *lf = findByte(p, end, '\n');
    const char *cr = findByte(p, end, '\r');
    while (p < end && !m_failed) {
        // A blank line right after a line end is the most common line of all: no search for it.
        if ((*p == '\n' || *p == '\r') && m_partialMode == Partial::None) {
            processLine(p, 0, base + (p - begin), true);
            if (*p == '\r') {
                if (p + 1 == end)
                    m_skipLeadingLf = true;
                else if (p[1] == '\n')
                    ++p;
            }
            ++p;
            continue;
        }
        if (lf < p)
            lf = findByte(p, end, '\n');
        if (cr < p)
            cr = findByte(p, end, '\r');
        const char *eol = lf < cr ? lf : cr;
        if (eol == end) {
            copyReadData();
            extendPartial(p, end - p, base + (p - begin));
            return;
        }
        if (m_partialMode != Partial::None)
            completePartial(p, eol - p);
        else
            processLine(p, eol - p, base + (p - begin), m_chunkAscii);
        if (*eol == '\r') {
            if (eol + 1 == end)
                m_skipLeadingLf = true;
            else if (eol[1] == '\n')
                ++eol;
        }
        p = eol + 1;
    }
    copyReadData(); // the caller's bytes are gone after this call
}

void SseParser::copyReadData()
{
    if (!m_hasReadData)
        return;
    m_hasReadData = false;
    m_data.append(m_readData);
    m_data.append('\n');
}

void SseParser::extendPartial(const char *begin, qsizetype length, qint64 offset)
{
    if (m_partialMode == Partial::None) {
        // While an event is being dropped every non-blank line is ignored, and a partial line is not blank.
        m_partialMode = m_discarding ? Partial::Skip : Partial::Buffer;
        m_partialOffset = offset;
        m_partialLength = 0;
        m_partialAscii = true;
        m_partialComment = length > 0 && *begin == ':';
    }
    m_partialAscii = m_partialAscii && m_chunkAscii;
    m_partialLength += length;
    switch (m_partialMode) {
    case Partial::Buffer:
        m_partial.append(begin, length);
        promotePartialToData();
        break;
    case Partial::Data:
        appendDataBytes(begin, length);
        break;
    case Partial::None:
    case Partial::Skip:
        return;
    }
    if (checkPartialLimits(m_partialMode == Partial::Data))
        m_partialMode = Partial::Skip;
}

void SseParser::completePartial(const char *begin, qsizetype length)
{
    const Partial mode = std::exchange(m_partialMode, Partial::None);
    const bool ascii = m_partialAscii && m_chunkAscii;
    m_partialLength += length;
    switch (mode) {
    case Partial::Buffer:
        m_partial.append(begin, length);
        processLine(m_partial.data(), m_partial.size(), m_partialOffset, ascii);
        copyReadData(); // a lone data value taken from m_partial must not outlive it
        empty(m_partial);
        return;
    case Partial::Data:
        appendDataBytes(begin, length);
        if (!checkPartialLimits(true))
            finishDataLine(m_dataLineStart, m_partialOffset, ascii);
        return;
    case Partial::None:
    case Partial::Skip:
        return;
    }
}

bool SseParser::checkPartialLimits(bool dataLine)
{
    const qint64 valueBytes = dataLine ? m_data.size() - m_dataLineStart : 0;
    const auto kind = crossedLimit(m_partialLength, dataLine ? m_partialLength - valueBytes : -1, m_dataLineStart);
    if (!kind)
        return false;
    empty(m_partial);
    overLimit(*kind, m_partialOffset, !m_partialComment);
    return true;
}

// The limit a line goes over first, by byte position, so that the answer is the same however the line
// arrived: the line limit at its (maxLineLength + 1)th byte, the event limit at the value byte that makes
// the event's data (as it would be dispatched) one byte too large. valueStart is -1 for lines that are not
// data fields; dataBefore is the event's data before this line, with one LF per line.
std::optional<SseParseError::Kind> SseParser::crossedLimit(qint64 lineLength, qint64 valueStart,
                                                           qint64 dataBefore) const
{
    const qint64 lineAt = lineLength > m_limits.maxLineLength ? m_limits.maxLineLength : -1;
    qint64 eventAt = -1;
    if (valueStart >= 0) {
        const qint64 room = m_limits.maxEventSize - dataBefore;
        if (lineLength - valueStart > room)
            eventAt = valueStart + qMax<qint64>(room, 0);
    }
    if (eventAt >= 0 && (lineAt < 0 || eventAt < lineAt))
        return SseParseError::Kind::EventTooLarge;
    if (lineAt >= 0)
        return SseParseError::Kind::LineTooLong;
    return std::nullopt;
}

qint64 SseParser::dataBefore() const
{
    return m_hasReadData ? m_readData.size() + 1 : m_data.size();
}

void SseParser::promotePartialToData()
{
    // A long data line is streamed into the data buffer instead of being copied there at its end, so a
    // huge event costs one copy of its bytes.
    if (m_partial.size() <= DataPrefix.size() || !m_partial.view().startsWith(DataPrefix))
        return;
    copyReadData();
    m_partialMode = Partial::Data;
    if (m_eventOffset < 0)
        m_eventOffset = m_partialOffset;
    m_dataLineStart = m_data.size();
    m_dataSpacePending = true;
    appendDataBytes(m_partial.data() + DataPrefix.size(), m_partial.size() - DataPrefix.size());
    empty(m_partial);
}

void SseParser::appendDataBytes(const char *begin, qsizetype length)
{
    if (m_dataSpacePending && length > 0) {
        m_dataSpacePending = false;
        if (*begin == ' ') {
            ++begin;
            --length;
        }
    }
    m_data.append(begin, length);
}

void SseParser::finishDataLine(qsizetype valueStart, qint64 lineOffset, bool ascii)
{
    m_dataSpacePending = false;
    const QByteArrayView value(m_data.data() + valueStart, m_data.size() - valueStart);
    if (!ascii && !Utf8::isValid(value)) {
        m_scratch.truncate(0);
        Utf8::appendSanitized(m_scratch, value);
        m_data.truncate(valueStart);
        m_data.append(m_scratch);
        empty(m_scratch);
        report(SseDiagnostic::Kind::InvalidUtf8, lineOffset);
    }
    m_data.append('\n');
    // The raw bytes were within the limit; U+FFFD replacements can still make the data larger.
    if (m_data.size() - 1 > m_limits.maxEventSize)
        overLimit(SseParseError::Kind::EventTooLarge, lineOffset);
}

void SseParser::processLine(const char *line, qsizetype length, qint64 offset, bool ascii)
{
    if (length == 0) {
        if (m_discarding) {
            m_discarding = false;
            m_eventOffset = -1;
            return;
        }
        dispatch(offset);
        return;
    }
    if (m_discarding)
        return;
    if (line[0] == ':') {
        if (length > m_limits.maxLineLength) {
            overLimit(SseParseError::Kind::LineTooLong, offset, false); // a comment is no part of an event
            return;
        }
        m_sink->commentReceived(sanitized(QByteArrayView(line + 1, length - 1), offset, ascii), offset);
        return;
    }
    // The three fields nearly every stream is made of are told by their first bytes, a compare each; other
    // names are short, and a plain loop finds their colon faster than a library call.
    const char *lineEnd = line + length;
    const char *colon;
    if (length >= 5 && sameAs(QByteArrayView(line, 5), "data:"))
        colon = line + 4;
    else if (length >= 3 && sameAs(QByteArrayView(line, 3), "id:"))
        colon = line + 2;
    else if (length >= 6 && sameAs(QByteArrayView(line, 6), "event:"))
        colon = line + 5;
    else
        colon = findColon(line, lineEnd);
    QByteArrayView name(line, length);
    QByteArrayView value;
    if (colon < lineEnd) {
        name = QByteArrayView(line, colon - line);
        value = QByteArrayView(colon + 1, line + length - colon - 1);
        if (!value.isEmpty() && value.front() == ' ')
            value = value.sliced(1);
    }
    const bool isData = name.size() == 4 && sameAs(name, "data");
    // Almost every line is far within both limits: only a line near one asks which it crossed first.
    if (length > m_limits.maxLineLength || (isData && length > m_limits.maxEventSize - dataBefore())) {
        const qint64 valueStart = !isData ? -1 : value.isEmpty() ? length : value.data() - line;
        if (const auto kind = crossedLimit(length, valueStart, dataBefore())) {
            overLimit(*kind, offset);
            return;
        }
    }
    if (m_eventOffset < 0)
        m_eventOffset = offset;
    processField(name, value, offset, ascii);
}

Q_ALWAYS_INLINE void SseParser::processField(QByteArrayView name, QByteArrayView value, qint64 offset, bool ascii)
{
    // Field names are case-sensitive and compared as bytes; switching on the length keeps this cheap.
    switch (name.size()) {
    case 4:
        if (sameAs(name, "data")) {
            // The first data line of an event is only pointed at where it lies; most events have one line
            // and are dispatched before the read ends, so their data is never copied.
            if (m_data.isEmpty() && !m_hasReadData && (ascii || Utf8::isValid(value))) {
                m_readData = value;
                m_hasReadData = true;
                return;
            }
            copyReadData();
            const qsizetype start = m_data.size();
            m_data.append(value);
            finishDataLine(start, offset, ascii);
            return;
        }
        break;
    case 5:
        if (sameAs(name, "event")) {
            m_type.assign(sanitized(value, offset, ascii));
            return;
        }
        if (sameAs(name, "retry")) {
            setRetry(value, offset);
            return;
        }
        break;
    case 2:
        if (sameAs(name, "id")) {
            if (!value.isEmpty() && std::memchr(value.data(), '\0', size_t(value.size()))) {
                report(SseDiagnostic::Kind::IdContainsNull, offset);
                return;
            }
            m_idBuffer.assign(sanitized(value, offset, ascii));
            m_idPending = true;
            return;
        }
        break;
    default:
        break;
    }
    report(SseDiagnostic::Kind::UnknownField, offset, name);
}

void SseParser::dispatch(qint64 offset)
{
    if (m_idPending) {
        // The buffer becomes the string; what the buffer holds afterwards is never read until an id field
        // sets it again, so the two trade places instead of copying.
        m_idPending = false;
        m_lastEventId.swap(m_idBuffer);
    }
    const qint64 start = std::exchange(m_eventOffset, -1);
    if (m_data.isEmpty() && !m_hasReadData) {
        empty(m_type);
        return;
    }
    SseEventView event;
    event.type = m_type.isEmpty() ? MessageType : m_type.view();
    event.data = m_hasReadData ? m_readData : QByteArrayView(m_data.data(), m_data.size() - 1);
    m_hasReadData = false;
    event.lastEventId = m_lastEventId.view();
    event.offset = start;
    event.endOffset = offset;
    m_sink->eventDispatched(event);
    empty(m_data);
    empty(m_type);
}

void SseParser::setRetry(QByteArrayView value, qint64 offset)
{
    if (!isAsciiDigits(value)) {
        report(SseDiagnostic::Kind::InvalidRetry, offset, value);
        return;
    }
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    qint64 milliseconds = 0;
    for (const char c : value) {
        const int digit = c - '0';
        if (milliseconds > (Max - digit) / 10) {
            milliseconds = Max;
            report(SseDiagnostic::Kind::RetryClamped, offset, value);
            break;
        }
        milliseconds = milliseconds * 10 + digit;
    }
    m_retry = milliseconds;
    m_sink->retryChanged(milliseconds, offset);
}

QByteArrayView SseParser::sanitized(QByteArrayView value, qint64 offset, bool ascii)
{
    if (ascii || Utf8::isValid(value))
        return value;
    m_scratch.truncate(0);
    Utf8::appendSanitized(m_scratch, value);
    report(SseDiagnostic::Kind::InvalidUtf8, offset);
    return m_scratch;
}

void SseParser::overLimit(SseParseError::Kind kind, qint64 offset, bool wholeEvent)
{
    if (m_limits.overflow == SseParserLimits::Overflow::Fail) {
        discardEvent();
        m_failed = true;
    } else if (wholeEvent) {
        discardEvent();
        m_discarding = true;
    }
    const qint64 limit = kind == SseParseError::Kind::LineTooLong ? m_limits.maxLineLength : m_limits.maxEventSize;
    m_sink->errorOccurred(SseParseError{kind, offset, limit});
}

void SseParser::discardEvent()
{
    m_hasReadData = false;
    empty(m_data);
    empty(m_type);
    m_idPending = false; // the event's id field, if any, never happened
    m_eventOffset = -1;
}

qint64 SseParser::pendingOffset() const
{
    if (m_eventOffset >= 0)
        return m_eventOffset;
    if (m_partialMode != Partial::None)
        return m_partialOffset;
    return m_offset;
}

bool SseParser::eventInProgress() const
{
    return !m_data.isEmpty() || m_hasReadData || !m_type.isEmpty() || m_idPending || m_partialMode == Partial::Buffer
        || m_partialMode == Partial::Data;
}

void SseParser::finish()
{
    if (!m_failed && !m_discarding && eventInProgress()) {
        const qint64 at = m_eventOffset >= 0 ? m_eventOffset : m_partialOffset;
        report(SseDiagnostic::Kind::UnterminatedEventDiscarded, at);
    }
    discardEvent();
    empty(m_partial);
    m_bomHeld.clear();
    m_offset = 0;
    m_partialOffset = 0;
    m_partialLength = 0;
    m_partialMode = Partial::None;
    m_bomPending = true;
    m_skipLeadingLf = false;
    m_dataSpacePending = false;
    m_discarding = false;
    m_failed = false;
}

void SseParser::reset(const QByteArray &lastEventId)
{
    m_lastEventId.assign(lastEventId);
    m_retry.reset();
    m_discarding = true; // no diagnostic for what a reset throws away
    finish();
}

void SseParser::report(SseDiagnostic::Kind kind, qint64 offset, QByteArrayView detail)
{
    SseDiagnostic diagnostic;
    diagnostic.kind = kind;
    diagnostic.offset = offset;
    if (!detail.isEmpty())
        Utf8::appendSanitized(diagnostic.detail, detail.first(qMin(detail.size(), DetailLimit)));
    m_sink->diagnosticReported(diagnostic);
}
