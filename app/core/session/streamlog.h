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
 * What one stream did, kept for display: events, comments, state changes and raw chunks in arrival order,
 * up to a capacity past which the oldest entries go first. An entry costs a 64-byte record plus its bytes,
 * packed into large blocks, so a million small events fit in little more than their data.
 */
class StreamLog final
{
public:
    enum class Kind : quint8 { Event, Comment, State, Chunk };

    /** One entry; its views stay valid until entries are evicted or the log is cleared. */
    struct Entry
    {
        Kind kind = Kind::Event;
        int attempt = 0;
        qint64 sequence = 0; // 1 for the first entry ever appended, kept across evictions
        qint64 monotonicNs = 0; // arrival
        qint64 wallMs = 0;
        QByteArrayView type; // event type, or the state's name
        QByteArrayView id; // the event's last event ID
        QByteArrayView data; // event data, comment text, state reason, or chunk bytes
        qint64 streamOffset = 0; // in the attempt's body: where the event, comment or chunk starts
        qint64 streamEndOffset = 0; // where it ends (an event: its dispatching blank line; a chunk: past its end)
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

    /** Entries retained now. */
    qsizetype size() const { return qsizetype(m_records.size()); }
    /** Entries evicted so far to stay within the capacity. */
    qint64 evicted() const { return m_evicted; }
    qsizetype capacity() const { return m_capacity; }
    /** Changes the capacity, evicting the oldest entries when it shrinks. */
    void setCapacity(qsizetype capacity);
    /** Drops the count oldest entries. */
    void evictOldest(qsizetype count);
    Entry at(qsizetype row) const;
    /** The retained chunk entries whose bytes overlap the event or comment at row, oldest first. */
    QList<qsizetype> chunkRowsFor(qsizetype row) const;
    /** Bytes held: records, blocks and the type table. */
    qint64 memoryBytes() const;
    void clear();

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
    };
    struct Block
    {
        std::unique_ptr<char[]> bytes;
        qint64 start; // offset of its first byte
        qint64 size;
        qint64 used;
    };

    void append(Kind kind, QByteArrayView type, QByteArrayView id, QByteArrayView data, int attempt, qint64 monotonicNs,
                qint64 wallMs, qint64 streamOffset = 0, qint64 streamEndOffset = 0);
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
    qint64 m_nextOffset = 0;
    quint16 m_lastType = 0;
    LastChunk m_lastChunk;
};
