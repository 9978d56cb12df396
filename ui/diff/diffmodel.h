// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session/sessiondiff.h"

#include <QAbstractTableModel>
#include <QColor>

#include <optional>

/**
 * Two recordings side by side: row i holds event i of A beside event i of B, and the differences SessionDiff
 * found mark the cells they concern. A row past the end of one recording has that side empty.
 */
class DiffModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffModel)

public:
    using Difference = SessionDiff::Difference;

    enum Column {
        NumberColumn,
        TypeAColumn,
        IdAColumn,
        DataAColumn,
        TypeBColumn,
        IdBColumn,
        DataBColumn,
        DeltaColumn, // B's time since its first event minus A's
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole, // the cell's value unformatted: event number, field bytes, Δt in ns
        CellDiffersRole, // bool: the difference concerns this cell
        RowDiffersRole, // bool: the row has any difference
        KindsRole, // int: the row's difference kinds, bit (1 << int(Difference::Kind)) each
    };
    enum class Mark { Changed, OnlyInA, OnlyInB };

    /** One side of a pair in full, for reading: its fields, its data (JSON indented), and the lines to mark. */
    struct SideDetail
    {
        QString text; // empty when the side has no such event
        QList<std::pair<int, int>> markedLines; // first and last line (from 0) of each run of marked lines
        Mark mark = Mark::Changed;
    };

    explicit DiffModel(QObject *parent = nullptr);

    /** Shows two recordings' events with no differences marked; resets the model. */
    void setRecordings(QList<RecordedEvent> a, QList<RecordedEvent> b);
    /** Marks what SessionDiff::compare found for the events shown, with the options it ran with. */
    void setDifferences(QList<Difference> differences, const SessionDiff::Options &options);
    /** No recordings: no rows. */
    void clear();

    const QList<RecordedEvent> &eventsA() const { return m_a; }
    const QList<RecordedEvent> &eventsB() const { return m_b; }
    const QList<Difference> &differences() const { return m_differences; }
    const SessionDiff::Options &options() const { return m_options; }

    /** The differences of one row, in SessionDiff's order. */
    QList<Difference> differencesAt(int row) const;
    /** The row's kinds, bit (1 << int(Difference::Kind)) each; 0 when the row is equal. */
    int kindsAt(int row) const;
    bool rowDiffers(int row) const { return kindsAt(row) != 0; }
    /** How a cell of the row is marked, or nothing when it is not. */
    std::optional<Mark> cellMark(int row, int column) const;
    /** Both sides of a row in full; of data that differs, the lines that differ are marked. */
    std::pair<SideDetail, SideDetail> detail(int row) const;
    /** The row's differences in words, as `ssescope diff` says them. */
    QString describe(int row) const;
    /** Time of the event since its recording's first event, in ns; -1 when the side has no such event. */
    qint64 timeANs(int row) const;
    qint64 timeBNs(int row) const;

    /** Rows with a difference. */
    int differingRowCount() const { return int(m_differingRows.size()); }
    /** The first differing row after row (-1 for the first of all), or -1 when there is none. */
    int nextDifferingRow(int row) const;
    /** The last differing row before row (past the end for the last of all), or -1 when there is none. */
    int previousDifferingRow(int row) const;
    /** Where a differing row stands among them, from 0; -1 for an equal row. */
    int differingRowPosition(int row) const;

    /** A translucent background for a mark: it reads on light and dark palettes alike. */
    static QColor markColor(Mark mark);
    /** The kind's name for people: "type", "data", "id", "timing", "only in A", "only in B". */
    static QString kindText(Difference::Kind kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(int row, int column) const;
    QVariant rawValue(int row, int column) const;
    /** Where the data of a pair that differs in data starts to differ; 0 for other rows. */
    qsizetype dataDifferenceAt(int row) const;

    QList<RecordedEvent> m_a;
    QList<RecordedEvent> m_b;
    QList<Difference> m_differences;
    SessionDiff::Options m_options;
    QList<quint8> m_kinds; // one per row
    QList<int> m_differingRows; // ascending
    QList<qsizetype> m_firstDifference; // per differing row: its first entry in m_differences
};
