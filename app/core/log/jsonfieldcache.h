// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "streamlog.h"
#include "util/jsonfield.h"
#include "util/jsonpointer.h"

#include <deque>
#include <functional>
#include <vector>

/**
 * The values some JSON pointers find in the events of a StreamLog, remembered per row: each row's data is
 * parsed once, when one of its values is first asked for, and gives the values of every pointer at once.
 * Rows are found by their sequence number, so rows evicted from the log's front take their values with them.
 */
class JsonFieldCache final
{
public:
    /** Values longer than this keep only their start here (JsonField::cut). */
    static constexpr qsizetype MaxChars = 300;

    /** Sets the pointers, forgetting every value found so far. */
    void setPointers(const QList<JsonPointer> &pointers);
    const QList<JsonPointer> &pointers() const { return m_pointers; }
    /** The value pointer index names in the data of entry, a row of log; NotJson for rows that are not events. */
    const JsonField &field(const StreamLog &log, const StreamLog::Entry &entry, qsizetype index) const;
    /** Forgets every value found (the pointers stay). */
    void clear();

private:
    // Where the row's values start in m_fields, or -1 for an entry that is not (or no longer) in the log.
    qint64 rowStart(const StreamLog &log, const StreamLog::Entry &entry) const;
    void evaluate(const StreamLog::Entry &entry, const std::function<JsonField &(qsizetype)> &slot) const;

    QList<JsonPointer> m_pointers;
    // Row r's values are m_fields[r * m_pointers.size() ...], for the row whose sequence is m_first + r.
    mutable std::deque<JsonField> m_fields;
    mutable qint64 m_first = 1;
    mutable quint64 m_generation = 0; // the log's numbering the values belong to
    mutable std::vector<JsonField> m_scratch; // the values of a row the cache cannot hold
};
