// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamlog.h"

#include <cstring>
#include <limits>

namespace {

constexpr qint64 BlockSize = qint64(1) << 20;
// Past this many distinct types, further ones share the last slot's name: a stream with 65,000 event types
// is already broken, and this keeps the record small.
constexpr quint16 MaxTypes = 65535;

} // namespace

StreamLog::StreamLog(qsizetype capacity)
    : m_capacity(capacity)
{
}

StreamLog::~StreamLog() = default;

quint16 StreamLog::typeIndex(QByteArrayView type)
{
    // Streams repeat one type over and over: the last one is checked before any lookup.
    if (m_lastType < m_types.size() && m_types[m_lastType] == type)
        return m_lastType;
    const QByteArray key = type.toByteArray();
    const auto found = m_typeIndex.constFind(key);
    if (found != m_typeIndex.constEnd())
        return m_lastType = *found;
    if (m_types.size() >= MaxTypes)
        return MaxTypes - 1;
    m_lastType = quint16(m_types.size());
    m_types.append(key);
    m_typeIndex.insert(key, m_lastType);
    return m_lastType;
}

qint64 StreamLog::store(QByteArrayView id, QByteArrayView data)
{
    const qint64 size = id.size() + data.size();
    if (m_blocks.empty() || m_blocks.back().size - m_blocks.back().used < size) {
        // An entry never straddles blocks: one larger than a block gets a block of its own.
        const qint64 blockSize = qMax(BlockSize, size);
        m_blocks.push_back(Block{std::make_unique<char[]>(size_t(blockSize)), m_nextOffset, blockSize, 0});
    }
    Block &block = m_blocks.back();
    const qint64 offset = block.start + block.used;
    if (!id.isEmpty())
        std::memcpy(block.bytes.get() + block.used, id.data(), size_t(id.size()));
    if (!data.isEmpty())
        std::memcpy(block.bytes.get() + block.used + id.size(), data.data(), size_t(data.size()));
    block.used += size;
    m_nextOffset = block.start + block.used;
    return offset;
}

const char *StreamLog::bytesAt(qint64 offset) const
{
    // Blocks are in offset order; a binary search finds the one holding the offset.
    auto block = std::upper_bound(m_blocks.begin(), m_blocks.end(), offset,
                                  [](qint64 value, const Block &b) { return value < b.start; });
    --block;
    return block->bytes.get() + (offset - block->start);
}

void StreamLog::append(Kind kind, QByteArrayView type, QByteArrayView id, QByteArrayView data, int attempt,
                       qint64 monotonicNs, qint64 wallMs, qint64 streamOffset, qint64 streamEndOffset,
                       SseDiagnostic::Kind diagnostic)
{
    if (m_capacity > 0 && size() >= m_capacity)
        evictOldest(size() - m_capacity + 1);
    Record record;
    record.monotonicNs = monotonicNs;
    record.wallMs = wallMs;
    const qint64 shared = kind == Kind::Event ? findInLastChunk(data, attempt, streamOffset, streamEndOffset) : -1;
    if (shared >= 0) {
        record.offset = store(id, {});
        record.dataOffset = shared;
    } else {
        record.offset = store(id, data);
        record.dataOffset = record.offset + id.size();
    }
    record.idSize = quint32(id.size());
    record.dataSize = quint32(data.size());
    record.attempt = attempt;
    record.streamOffset = streamOffset;
    record.streamSpan = quint32(qBound<qint64>(0, streamEndOffset - streamOffset, std::numeric_limits<quint32>::max()));
    record.type = typeIndex(type);
    record.kind = kind;
    record.diagnostic = diagnostic;
    m_records.push_back(record);
    if (kind == Kind::Chunk)
        m_lastChunk = LastChunk{attempt, streamOffset, record.offset, data.size()};
}

qint64 StreamLog::findInLastChunk(QByteArrayView data, int attempt, qint64 streamOffset, qint64 streamEndOffset) const
{
    // A one-line event's data is a run of the chunk it arrived in: the entry points there instead of holding a
    // copy, so keeping the raw chunks costs little more than the events alone. Only bytes still held qualify.
    const LastChunk &chunk = m_lastChunk;
    if (data.isEmpty() || chunk.attempt != attempt || m_blocks.empty() || chunk.storageOffset < m_blocks.front().start
        || streamOffset < chunk.streamOffset || streamEndOffset > chunk.streamOffset + chunk.size)
        return -1;
    const QByteArrayView event(bytesAt(chunk.storageOffset) + (streamOffset - chunk.streamOffset),
                               streamEndOffset - streamOffset);
    const qsizetype found = event.indexOf(data);
    return found < 0 ? -1 : chunk.storageOffset + (streamOffset - chunk.streamOffset) + found;
}

void StreamLog::appendEvent(const SseEventView &event, int attempt, qint64 monotonicNs, qint64 wallMs)
{
    append(Kind::Event, event.type, event.lastEventId, event.data, attempt, monotonicNs, wallMs, event.offset,
           event.endOffset);
}

void StreamLog::appendComment(QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs, qint64 streamOffset)
{
    // The comment's line: ':' and the text; its terminator is not counted.
    append(Kind::Comment, {}, {}, text, attempt, monotonicNs, wallMs, streamOffset, streamOffset + 1 + text.size());
}

void StreamLog::appendState(const StreamStateChange &change)
{
    append(Kind::State, streamStateName(change.state).toUtf8(), {}, change.reason.toUtf8(), change.attempt,
           change.monotonicNs, change.wallMs);
}

void StreamLog::appendChunk(const StreamChunk &chunk)
{
    append(Kind::Chunk, {}, {}, chunk.bytes, chunk.attempt, chunk.monotonicNs, chunk.wallMs, chunk.offset,
           chunk.offset + chunk.bytes.size());
}

qint64 StreamLog::lineEndInLastChunk(int attempt, qint64 streamOffset) const
{
    // The parser reports a line by its start; its end is the next line break in the chunk just parsed, or that
    // chunk's end when the line goes on (or the chunk is gone).
    const LastChunk &chunk = m_lastChunk;
    const qint64 chunkEnd = chunk.streamOffset + chunk.size;
    if (chunk.attempt != attempt || m_blocks.empty() || chunk.storageOffset < m_blocks.front().start
        || streamOffset >= chunkEnd)
        return streamOffset;
    const qint64 from = qMax(streamOffset, chunk.streamOffset);
    const QByteArrayView rest(bytesAt(chunk.storageOffset) + (from - chunk.streamOffset), chunkEnd - from);
    for (qsizetype i = 0; i < rest.size(); ++i) {
        if (rest[i] == '\n' || rest[i] == '\r')
            return from + i;
    }
    return chunkEnd;
}

void StreamLog::appendDiagnostic(const SseDiagnostic &diagnostic, int attempt, qint64 monotonicNs, qint64 wallMs)
{
    append(Kind::Diagnostic, SseDiagnostic::kindName(diagnostic.kind).toUtf8(), {}, diagnostic.detail, attempt,
           monotonicNs, wallMs, diagnostic.offset, lineEndInLastChunk(attempt, diagnostic.offset), diagnostic.kind);
}

StreamLog::Entry StreamLog::at(qsizetype row) const
{
    const Record &record = m_records[size_t(row)];
    const char *bytes = bytesAt(record.offset);
    Entry entry;
    entry.kind = record.kind;
    entry.attempt = record.attempt;
    entry.sequence = firstSequence() + row;
    entry.monotonicNs = record.monotonicNs;
    entry.wallMs = record.wallMs;
    entry.type = m_types[record.type];
    entry.id = QByteArrayView(bytes, record.idSize);
    entry.data = QByteArrayView(bytesAt(record.dataOffset), record.dataSize);
    entry.streamOffset = record.streamOffset;
    entry.streamEndOffset = record.streamOffset + record.streamSpan;
    entry.diagnostic = record.diagnostic;
    return entry;
}

QList<qsizetype> StreamLog::chunkRowsFor(qsizetype row) const
{
    QList<qsizetype> rows;
    if (row < 0 || row >= size())
        return rows;
    const Record &target = m_records[size_t(row)];
    if (target.kind != Kind::Event && target.kind != Kind::Comment && target.kind != Kind::Diagnostic)
        return rows;
    // An event's bytes end at its blank line; that line's terminator is in the chunk holding that offset.
    const qint64 first = target.streamOffset;
    const qint64 last = target.streamOffset + target.streamSpan;
    // Chunks are logged before the entries parsed from them, so the walk goes back from the row until it passes
    // the event's first byte or leaves its connection attempt.
    for (qsizetype i = row - 1; i >= 0; --i) {
        const Record &record = m_records[size_t(i)];
        if (record.attempt != target.attempt)
            break;
        if (record.kind != Kind::Chunk)
            continue;
        const qint64 chunkEnd = record.streamOffset + record.streamSpan;
        if (chunkEnd <= first && record.streamOffset < first)
            break;
        if (record.streamOffset <= last && chunkEnd > first)
            rows.prepend(i);
    }
    return rows;
}

void StreamLog::evictOldest(qsizetype count)
{
    count = qMin(count, size());
    for (qsizetype i = 0; i < count; ++i)
        m_records.pop_front();
    m_evicted += count;
    // A block goes once every entry in it has gone: it then lies wholly before the oldest retained entry.
    // An event's data may lie in its chunk's bytes, stored before its own.
    const qint64 oldest
        = m_records.empty() ? m_nextOffset : qMin(m_records.front().offset, m_records.front().dataOffset);
    while (m_blocks.size() > 1 && m_blocks.front().start + m_blocks.front().used <= oldest)
        m_blocks.pop_front();
}

void StreamLog::setCapacity(qsizetype capacity)
{
    m_capacity = capacity;
    if (m_capacity > 0 && size() > m_capacity)
        evictOldest(size() - m_capacity);
}

qint64 StreamLog::memoryBytes() const
{
    qint64 bytes = qint64(m_records.size()) * qint64(sizeof(Record));
    for (const Block &block : m_blocks)
        bytes += block.size;
    for (const QByteArray &type : m_types)
        bytes += type.capacity();
    return bytes;
}

void StreamLog::clear()
{
    m_cleared += size();
    m_records.clear();
    m_blocks.clear();
    m_lastChunk = {};
}

void StreamLog::reset()
{
    clear();
    m_evicted = 0;
    m_cleared = 0;
    ++m_generation;
}
