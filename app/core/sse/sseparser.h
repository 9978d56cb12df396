// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytebuffer.h"
#include "sseevent.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

class SseParserSink;

/** Size limits of one stream, and what the parser does when a stream goes over them. */
struct SseParserLimits
{
    enum class Overflow {
        Fail, // report the error and stop parsing this stream
        SkipEvent, // report the error, drop the offending event and go on at the next blank line
    };

    qint64 maxLineLength = qint64(32) << 20; // bytes in one line, terminator excluded
    qint64 maxEventSize = qint64(64) << 20; // bytes of data in one event
    Overflow overflow = Overflow::Fail;
};

/**
 * An incremental text/event-stream parser that follows the WHATWG rules exactly.
 *
 * Bytes go in through feed() in any chunking; events, comments, retry values, diagnostics and limit errors
 * come out through an SseParserSink, the same whatever the chunking. It does no I/O and allocates nothing
 * per byte or per event once its buffers have grown to the stream's sizes.
 */
class SseParser final
{
public:
    /** The sink must outlive the parser. */
    explicit SseParser(SseParserSink *sink, SseParserLimits limits = {});

    /** Parses the next bytes of the stream; false once the stream has failed a limit (Fail policy). */
    bool feed(QByteArrayView bytes);
    /** Ends the stream: an unfinished event is discarded and the next feed() starts a new stream. */
    void finish();
    /** Forgets everything and sets the last event ID (as a client does for a new session). */
    void reset(const QByteArray &lastEventId = {});

    /** The last event ID as the standard defines it: what a reconnect sends as Last-Event-ID. */
    QByteArray lastEventId() const { return m_lastEventId.view().toByteArray(); }
    /** The last valid retry value of this session, if any. */
    std::optional<qint64> retry() const { return m_retry; }
    /** Bytes of the current stream consumed so far. */
    qint64 offset() const { return m_offset; }
    /** Where what the parser holds begins: the first field line of an event not yet dispatched, or an unfinished
     *  line; offset() when it holds neither. A fresh parser fed the stream from there (between feed() calls)
     *  dispatches the events this one has still to dispatch (unless this one is skipping an event over a limit). */
    qint64 pendingOffset() const;
    /** True after a limit error under the Fail policy, until finish() or reset(). */
    bool hasFailed() const { return m_failed; }
    const SseParserLimits &limits() const { return m_limits; }

private:
    enum class Partial : quint8 {
        None, // no unfinished line
        Buffer, // the unfinished line is in m_partial
        Data, // the unfinished line is a data field whose value is going straight into m_data
        Skip, // the unfinished line went over the line limit and is being skipped
    };

    void consume(const char *begin, const char *end);
    void extendPartial(const char *begin, qsizetype length, qint64 offset);
    void completePartial(const char *begin, qsizetype length);
    void promotePartialToData();
    void appendDataBytes(const char *begin, qsizetype length);
    void copyReadData();
    void finishDataLine(qsizetype valueStart, qint64 lineOffset, bool ascii);
    void processLine(const char *line, qsizetype length, qint64 offset, bool ascii);
    void processField(QByteArrayView name, QByteArrayView value, qint64 offset, bool ascii);
    void dispatch(qint64 offset);
    void setRetry(QByteArrayView value, qint64 offset);
    QByteArrayView sanitized(QByteArrayView value, qint64 offset, bool ascii);
    std::optional<SseParseError::Kind> crossedLimit(qint64 lineLength, qint64 valueStart, qint64 dataBefore) const;
    qint64 dataBefore() const;
    bool checkPartialLimits(bool dataLine);
    void overLimit(SseParseError::Kind kind, qint64 offset, bool wholeEvent = true);
    void discardEvent();
    void report(SseDiagnostic::Kind kind, qint64 offset, QByteArrayView detail = {});
    bool eventInProgress() const;

    SseParserSink *m_sink;
    SseParserLimits m_limits;

    ByteBuffer m_data; // data buffer: each value followed by LF
    QByteArrayView m_readData; // with m_hasReadData: a lone data value still in the caller's read
    ByteBuffer m_type; // event type buffer
    ByteBuffer m_idBuffer; // last event ID buffer, while m_idPending (else it equals m_lastEventId)
    ByteBuffer m_lastEventId; // last event ID string, set at dispatch
    ByteBuffer m_partial; // an unfinished line (Partial::Buffer)
    QByteArray m_scratch; // sanitized copy of a value with invalid UTF-8
    QByteArray m_bomHeld; // bytes at the start of the stream that may still be a BOM
    std::optional<qint64> m_retry;

    qint64 m_offset = 0; // stream offset of the next byte to consume
    qint64 m_eventOffset = -1; // offset of the first field line of the event being built
    qint64 m_partialOffset = 0; // offset of the unfinished line
    qint64 m_partialLength = 0; // its bytes so far
    qsizetype m_dataLineStart = 0; // where the streamed data value starts in m_data (Partial::Data)

    Partial m_partialMode = Partial::None;
    bool m_chunkAscii = false; // the bytes being consumed are all ASCII: nothing to validate
    bool m_partialAscii = true; // every byte of the unfinished line so far is ASCII
    bool m_partialComment = false; // the unfinished line is a comment
    bool m_bomPending = true; // nothing consumed yet: a BOM may still come
    bool m_skipLeadingLf = false; // the last chunk ended with CR: an LF next belongs to it
    bool m_dataSpacePending = false; // a streamed data line ended at its colon: one space may follow
    bool m_hasReadData = false; // the data buffer is m_readData + LF, not copied yet
    bool m_idPending = false; // the id buffer changed since the last dispatch
    bool m_discarding = false; // dropping an event that went over a limit, until its blank line
    bool m_failed = false;
};
