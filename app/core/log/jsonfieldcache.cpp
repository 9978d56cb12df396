// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonfieldcache.h"

#include "util/jsonsniff.h"

void JsonFieldCache::setPointers(const QList<JsonPointer> &pointers)
{
    m_pointers = pointers;
    clear();
}

void JsonFieldCache::clear()
{
    std::deque<JsonField>().swap(m_fields);
}

const JsonField &JsonFieldCache::field(const StreamLog &log, const StreamLog::Entry &entry, qsizetype index) const
{
    Q_ASSERT(index >= 0 && index < m_pointers.size());
    const qint64 start = rowStart(log, entry);
    if (start < 0) {
        m_scratch.assign(size_t(m_pointers.size()), JsonField());
        evaluate(entry, [this](qsizetype i) -> JsonField & { return m_scratch[size_t(i)]; });
        return m_scratch[size_t(index)];
    }
    // The first value asked for in a row parses its data once and keeps every pointer's value.
    if (m_fields[size_t(start + index)].kind == JsonField::Kind::Unknown)
        evaluate(entry, [this, start](qsizetype i) -> JsonField & { return m_fields[size_t(start + i)]; });
    return m_fields[size_t(start + index)];
}

void JsonFieldCache::evaluate(const StreamLog::Entry &entry, const std::function<JsonField &(qsizetype)> &slot) const
{
    const QJsonValue root = entry.kind == StreamLog::Kind::Event ? JsonSniff::parseContainer(entry.data)
                                                                 : QJsonValue(QJsonValue::Undefined);
    for (qsizetype i = 0; i < m_pointers.size(); ++i) {
        JsonField &value = slot(i);
        if (root.isUndefined()) {
            value = JsonField();
            value.kind = JsonField::Kind::NotJson;
        } else {
            value = JsonField::of(m_pointers.at(i).evaluate(root), MaxChars);
        }
    }
}

qint64 JsonFieldCache::rowStart(const StreamLog &log, const StreamLog::Entry &entry) const
{
    const qint64 stride = m_pointers.size();
    const qint64 firstRetained = log.firstSequence();
    // After a reset the same numbers name other rows.
    if (m_fields.empty() || m_first > firstRetained || m_generation != log.generation()) {
        m_fields.clear();
        m_first = firstRetained;
        m_generation = log.generation();
    } else if (m_first < firstRetained) {
        // Rows were evicted since: their values go too.
        const qint64 gone = qMin<qint64>((firstRetained - m_first) * stride, qint64(m_fields.size()));
        m_fields.erase(m_fields.begin(), m_fields.begin() + gone);
        m_first = firstRetained;
    }
    const qint64 row = entry.sequence - m_first;
    if (row < 0 || row >= log.size())
        return -1;
    const size_t end = size_t((row + 1) * stride);
    if (end > m_fields.size())
        m_fields.resize(end);
    return row * stride;
}
