// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/sessioncomparison.h"
#include "difftext.h"

#include <QAbstractTableModel>

#include <optional>

/**
 * Two recordings side by side, as rows of a SessionComparison: each row an event of A beside the event of B
 * it pairs with, and the differences found mark the cells they concern. A side without an event is empty.
 */
class DiffModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffModel)

public:
    using Mark = DiffText::Mark;

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

    explicit DiffModel(QObject *parent = nullptr);

    /** Shows a comparison: the rows anew, or only their marks when the rows pair the same events. */
    void setComparison(SessionComparison comparison);
    /** No recordings: no rows. */
    void clear();
    const SessionComparison &comparison() const { return m_comparison; }

    bool rowDiffers(int row) const { return m_comparison.rowDiffers(row); }
    /** How a cell of the row is marked, or nothing when it is not. */
    std::optional<Mark> cellMark(int row, int column) const;
    static QColor markColor(Mark mark) { return DiffText::markColor(mark); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(int row, int column) const;
    QVariant rawValue(int row, int column) const;
    /** Where the data of a pair that differs in data starts to differ; 0 for other rows. */
    qsizetype dataDifferenceAt(int row) const;

    SessionComparison m_comparison;
};
