// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/streamstats.h"

#include <QAbstractTableModel>

/**
 * The connection attempts of a StreamStats as rows, oldest first: an adapter that reads the attempts in place.
 * It changes only when refresh() is called, with one removal for attempts the stats dropped, one insertion for
 * new ones and one ranged dataChanged for those that may still change.
 */
class AttemptTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptTableModel)

public:
    enum Column {
        NumberColumn,
        StartedColumn,
        StatusColumn,
        DurationColumn,
        EventsColumn,
        DelayColumn,
        EndColumn,
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole, // the column's value unformatted, for sorting
    };

    /** stats must outlive the model. */
    explicit AttemptTableModel(const StreamStats *stats, QObject *parent = nullptr);

    /** Catches up with the stats; nowNs is the time running attempts are measured to. */
    void refresh(qint64 nowNs);
    /** Rebuilds every row, for when the stats were reset. */
    void reload(qint64 nowNs);
    /** The attempt shown in a row, or nullptr. */
    const StreamStats::Attempt *attemptAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const StreamStats::Attempt &attempt, int column) const;
    QVariant rawValue(const StreamStats::Attempt &attempt, int column) const;

    const StreamStats *m_stats;
    qint64 m_nowNs = 0;
    qint64 m_dropped = 0; // the stats' dropped count the rows were last synced with
    int m_rows = 0;
};
