// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"
#include "sse/sseevent.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>

#include <deque>
#include <memory>

/**
 * What one stream did, kept for display: events, comments, diagnostics, state changes and raw chunks in arrival
 * order,
 * up to a capacity past which the oldest entries go first. An entry costs a 64-byte record plus its bytes,
 * packed into large blocks, so a million small events fit in little more than their data.
 */
class StreamLog final
{
public:
    enum class Kind : quint8 { Event, Comment, State, Chunk, Diagnostic };

    /** One entry; its views stay valid until entries are evicted or the log is cleared. */
    struct Entry
    {
        Kind kind = Kind::Event;
        int attempt = 0;
        qint64 sequence = 0; // 1 for the first entry since the last reset, kept across evictions and clears
        qint64 monotonicNs = 0; // arrival
        qint64 wallMs = 0;
        QByteArrayView type; // event type, the state's name, or the diagnostic's kind name
        QByteArrayView id; // the event's last event ID
        QByteArrayView data; // event data, comment text, state reason, chunk bytes, or the diagnostic's detail
        qint64 streamOffset = 0; // in the attempt's body: where the event, comment, chunk or diagnostic starts
        // Where it ends (an event: its dispatching blank line; a chunk: past its end; a diagnostic: the end of its
        // line as far as the chunk it was found in holds it).
        qint64 streamEndOffset = 0;
        SseDiagnostic::Kind diagnostic = SseDiagnostic::Kind::UnknownField; // Kind::Diagnostic only

        /** The diagnostic of a Kind::Diagnostic entry. */
        SseDiagnostic toDiagnostic() const { return SseDiagnostic{diagnostic, streamOffset, data.toByteArray()}; }
    };

    /** capacity 0 keeps everything. */
    explicit StreamLog(qsizetype capacity = 0);
    ~StreamLog();
    StreamLog(const StreamLog &) = delete;
    StreamLog &operator=(const StreamLog &) = delete;

    void appendEvent(const SseEventView &event, int attempt, qint64 monotonicNs, qint64 wallMs);
    void appendComment(QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs, qint64 streamOffset = 0);
    void appendState(const StreamStateChange &change);
    void appendChunk(const StreamChunk &chunk);
    /** A diagnostic of the parser (or a limit error made into one) found while parsing the last chunk. */
    void appendDiagnostic(const SseDiagnostic &diagnostic, int attempt, qint64 monotonicNs, qint64 wallMs);

    /** Entries retained now. */
    qsizetype size() const { return qsizetype(m_records.size()); }
    /** Entries evicted to stay within the capacity since the last reset; entries cleared are not counted. */
    qint64 evicted() const { return m_evicted; }
    /** The sequence number of the oldest entry retained, or of the next one when none is. */
    qint64 firstSequence() const { return m_evicted + m_cleared + 1; }
    /** Changes at each reset: what is kept by sequence number must be dropped when it does. */
    quint64 generation() const { return m_generation; }
    qsizetype capacity() const { return m_capacity; }
    /** Changes the capacity, evicting the oldest entries when it shrinks. */
    void setCapacity(qsizetype capacity);
    /** Drops the count oldest entries. */
    void evictOldest(qsizetype count);
    Entry at(qsizetype row) const;
    /** The retained chunk entries whose bytes overlap the event, comment or diagnostic at row, oldest first. */
    QList<qsizetype> chunkRowsFor(qsizetype row) const;
    /** Bytes held: records, blocks and the type table. */
    qint64 memoryBytes() const;
    /** Drops every entry; numbering goes on (the user cleared the rows). */
    void clear();
    /** Drops every entry and numbers from 1 again (something else is shown in the same place). */
    void reset();

private:
    struct Record
    {
        qint64 monotonicNs;
        qint64 wallMs;
        qint64 offset; // of the id, then the data, in the byte stream the blocks hold
        qint64 dataOffset; // offset + idSize, or inside the chunk the event arrived in
        qint64 streamOffset;
        quint32 idSize;
        quint32 dataSize;
        qint32 attempt;
        quint32 streamSpan; // streamEndOffset - streamOffset
        quint16 type;
        Kind kind;
        SseDiagnostic::Kind diagnostic;
    };
    static_assert(sizeof(Record) <= 64, "a record is meant to fit in 64 bytes");
    struct Block
    {
        std::unique_ptr<char[]> bytes;
        qint64 start; // offset of its first byte
        qint64 size;
        qint64 used;
    };

    void append(Kind kind, QByteArrayView type, QByteArrayView id, QByteArrayView data, int attempt, qint64 monotonicNs,
                qint64 wallMs, qint64 streamOffset = 0, qint64 streamEndOffset = 0,
                SseDiagnostic::Kind diagnostic = SseDiagnostic::Kind::UnknownField);
    qint64 lineEndInLastChunk(int attempt, qint64 streamOffset) const;
    qint64 store(QByteArrayView id, QByteArrayView data);
    qint64 findInLastChunk(QByteArrayView data, int attempt, qint64 streamOffset, qint64 streamEndOffset) const;
    const char *bytesAt(qint64 offset) const;
    quint16 typeIndex(QByteArrayView type);

    struct LastChunk
    {
        int attempt = -1;
        qint64 streamOffset = 0;
        qint64 storageOffset = 0;
        qint64 size = 0;
    };

    std::deque<Record> m_records;
    std::deque<Block> m_blocks;
    QList<QByteArray> m_types;
    QHash<QByteArray, quint16> m_typeIndex;
    qsizetype m_capacity;
    qint64 m_evicted = 0;
    qint64 m_cleared = 0;
    quint64 m_generation = 0;
    qint64 m_nextOffset = 0;
    quint16 m_lastType = 0;
    LastChunk m_lastChunk;
};
