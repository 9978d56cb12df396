// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessiondiff.h"

/**
 * Two recordings compared, as rows for reading side by side: each row an aligned pair of events (or an event
 * one side lacks) with its differences, and the way from one differing row to the next.
 */
class SessionComparison final
{
public:
    using Difference = SessionDiff::Difference;
    using Pair = EventAlignment::Pair;

    SessionComparison() = default;
    /** Aligns a and b and compares each pair with the options. */
    SessionComparison(QList<RecordedEvent> a, QList<RecordedEvent> b, const SessionDiff::Options &options);

    const QList<RecordedEvent> &eventsA() const { return m_a; }
    const QList<RecordedEvent> &eventsB() const { return m_b; }
    const SessionDiff::Options &options() const { return m_options; }
    EventAlignment::Mode alignment() const { return m_alignment; }
    const QList<Pair> &pairs() const { return m_pairs; }
    /** All differences, in row order. */
    const QList<Difference> &differences() const { return m_differences; }

    qsizetype rowCount() const { return m_pairs.size(); }
    /** The row's pair; both sides -1 for a row that does not exist. */
    Pair pair(qsizetype row) const { return row >= 0 && row < m_pairs.size() ? m_pairs.at(row) : Pair(); }
    /** The row's event of A (of B), or nullptr when that side has none. */
    const RecordedEvent *eventA(qsizetype row) const;
    const RecordedEvent *eventB(qsizetype row) const;
    /** Time of the row's event since its recording's first event, in ns; -1 when the side has none. */
    qint64 timeANs(qsizetype row) const;
    qint64 timeBNs(qsizetype row) const;
    /** Whether every event of A (of B) stands in a row before row: that recording ended before it. */
    bool endedBefore(qsizetype row, bool sideA) const;
    /** The row that holds event index of A (of B), or -1. */
    qsizetype rowOfA(qsizetype index) const;
    qsizetype rowOfB(qsizetype index) const;

    /** The differences of one row, in SessionDiff's order. */
    QList<Difference> differencesAt(qsizetype row) const;
    /** The row's kinds, bit (1 << int(Difference::Kind)) each; 0 when the row is equal. */
    int kindsAt(qsizetype row) const;
    bool rowDiffers(qsizetype row) const { return kindsAt(row) != 0; }

    /** Rows with a difference. */
    qsizetype differingRowCount() const { return m_differingRows.size(); }
    /** The first differing row after row (-1 for the first of all), or -1 when there is none. */
    qsizetype nextDifferingRow(qsizetype row) const;
    /** The last differing row before row (past the end for the last of all), or -1 when there is none. */
    qsizetype previousDifferingRow(qsizetype row) const;
    /** Where a differing row stands among them, from 0; -1 for an equal row. */
    qsizetype differingRowPosition(qsizetype row) const;

private:
    QList<RecordedEvent> m_a;
    QList<RecordedEvent> m_b;
    SessionDiff::Options m_options;
    EventAlignment::Mode m_alignment = EventAlignment::Mode::Position;
    QList<Pair> m_pairs;
    QList<Difference> m_differences;
    QList<qsizetype> m_rowOfA; // per event of A
    QList<qsizetype> m_rowOfB;
    QList<quint8> m_kinds; // per row
    QList<qsizetype> m_differingRows; // ascending
    QList<qsizetype> m_firstDifference; // per differing row: its first entry in m_differences
};
