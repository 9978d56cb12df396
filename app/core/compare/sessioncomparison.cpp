// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessioncomparison.h"

#include <algorithm>

SessionComparison::SessionComparison(QList<RecordedEvent> a, QList<RecordedEvent> b,
                                     const SessionDiff::Options &options)
    : m_a(std::move(a))
    , m_b(std::move(b))
    , m_options(options)
    , m_alignment(SessionDiff::alignment(m_a, m_b, options))
    , m_pairs(EventAlignment::align(m_a, m_b, m_alignment))
    , m_differences(SessionDiff::compare(m_a, m_b, m_pairs, options))
    , m_rowOfA(m_a.size(), -1)
    , m_rowOfB(m_b.size(), -1)
    , m_kinds(m_pairs.size(), 0)
{
    for (qsizetype row = 0; row < m_pairs.size(); ++row) {
        const Pair &pair = m_pairs.at(row);
        if (pair.a >= 0)
            m_rowOfA[pair.a] = row;
        if (pair.b >= 0)
            m_rowOfB[pair.b] = row;
    }
    // SessionDiff lists differences pair by pair, so each row's differences follow one another.
    for (qsizetype i = 0; i < m_differences.size(); ++i) {
        const Difference &difference = m_differences.at(i);
        const qsizetype row = difference.indexA >= 0 ? m_rowOfA.at(difference.indexA) : m_rowOfB.at(difference.indexB);
        if (m_differingRows.isEmpty() || m_differingRows.last() != row) {
            m_differingRows << row;
            m_firstDifference << i;
        }
        m_kinds[row] |= quint8(1 << int(difference.kind));
    }
}

const RecordedEvent *SessionComparison::eventA(qsizetype row) const
{
    const qsizetype index = pair(row).a;
    return index >= 0 ? &m_a.at(index) : nullptr;
}

const RecordedEvent *SessionComparison::eventB(qsizetype row) const
{
    const qsizetype index = pair(row).b;
    return index >= 0 ? &m_b.at(index) : nullptr;
}

qint64 SessionComparison::timeANs(qsizetype row) const
{
    const RecordedEvent *event = eventA(row);
    return event ? event->monotonicNs - m_a.first().monotonicNs : -1;
}

qint64 SessionComparison::timeBNs(qsizetype row) const
{
    const RecordedEvent *event = eventB(row);
    return event ? event->monotonicNs - m_b.first().monotonicNs : -1;
}

bool SessionComparison::endedBefore(qsizetype row, bool sideA) const
{
    const QList<RecordedEvent> &events = sideA ? m_a : m_b;
    return events.isEmpty() || (sideA ? rowOfA(events.size() - 1) : rowOfB(events.size() - 1)) < row;
}

qsizetype SessionComparison::rowOfA(qsizetype index) const
{
    return index >= 0 && index < m_rowOfA.size() ? m_rowOfA.at(index) : -1;
}

qsizetype SessionComparison::rowOfB(qsizetype index) const
{
    return index >= 0 && index < m_rowOfB.size() ? m_rowOfB.at(index) : -1;
}

QList<SessionComparison::Difference> SessionComparison::differencesAt(qsizetype row) const
{
    const qsizetype position = differingRowPosition(row);
    if (position < 0)
        return {};
    const qsizetype first = m_firstDifference.at(position);
    const qsizetype end
        = position + 1 < m_firstDifference.size() ? m_firstDifference.at(position + 1) : m_differences.size();
    return m_differences.mid(first, end - first);
}

int SessionComparison::kindsAt(qsizetype row) const
{
    return row >= 0 && row < m_kinds.size() ? m_kinds.at(row) : 0;
}

qsizetype SessionComparison::nextDifferingRow(qsizetype row) const
{
    const auto found = std::upper_bound(m_differingRows.cbegin(), m_differingRows.cend(), row);
    return found == m_differingRows.cend() ? -1 : *found;
}

qsizetype SessionComparison::previousDifferingRow(qsizetype row) const
{
    const auto found = std::lower_bound(m_differingRows.cbegin(), m_differingRows.cend(), row);
    return found == m_differingRows.cbegin() ? -1 : *(found - 1);
}

qsizetype SessionComparison::differingRowPosition(qsizetype row) const
{
    const auto found = std::lower_bound(m_differingRows.cbegin(), m_differingRows.cend(), row);
    return found == m_differingRows.cend() || *found != row ? -1 : found - m_differingRows.cbegin();
}
