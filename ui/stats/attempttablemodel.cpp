// SPDX-License-Identifier: GPL-3.0-or-later
#include "attempttablemodel.h"

#include "statsformat.h"

using namespace Qt::Literals::StringLiterals;

AttemptTableModel::AttemptTableModel(const StreamStats *stats, QObject *parent)
    : QAbstractTableModel(parent)
    , m_stats(stats)
{
    m_rows = int(m_stats->attempts().size());
    m_dropped = m_stats->droppedAttempts();
}

void AttemptTableModel::reload(qint64 nowNs)
{
    beginResetModel();
    m_nowNs = nowNs;
    m_rows = int(m_stats->attempts().size());
    m_dropped = m_stats->droppedAttempts();
    endResetModel();
}

void AttemptTableModel::refresh(qint64 nowNs)
{
    const qint64 dropped = m_stats->droppedAttempts();
    const int size = int(m_stats->attempts().size());
    if (dropped < m_dropped || size + (dropped - m_dropped) < m_rows) {
        reload(nowNs); // the stats went back: they were reset
        return;
    }
    m_nowNs = nowNs;
    const int gone = int(qMin<qint64>(dropped - m_dropped, m_rows));
    if (gone > 0) {
        beginRemoveRows({}, 0, gone - 1);
        m_rows -= gone;
        m_dropped += gone;
        endRemoveRows();
    }
    m_dropped = dropped;
    // The last row shown may have ended since; rows after it are new.
    const int firstChanged = qMax(0, m_rows - 1);
    if (size > m_rows) {
        beginInsertRows({}, m_rows, size - 1);
        m_rows = size;
        endInsertRows();
    }
    if (m_rows > 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(m_rows - 1, ColumnCount - 1));
}

const StreamStats::Attempt *AttemptTableModel::attemptAt(int row) const
{
    // Rows follow the stats as of the last refresh: until the model catches up, the stats may have dropped
    // attempts that rows still show.
    const qint64 at = row + m_dropped - m_stats->droppedAttempts();
    if (row < 0 || row >= m_rows || at < 0 || at >= qint64(m_stats->attempts().size()))
        return nullptr;
    return &m_stats->attempts()[size_t(at)];
}

int AttemptTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int AttemptTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttemptTableModel::data(const QModelIndex &index, int role) const
{
    const StreamStats::Attempt *attempt = index.isValid() ? attemptAt(index.row()) : nullptr;
    if (!attempt)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*attempt, index.column());
    case Qt::ToolTipRole:
        return index.column() == EndColumn ? display(*attempt, index.column()) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn || index.column() == DurationColumn || index.column() == EventsColumn
            || index.column() == DelayColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawValueRole:
        return rawValue(*attempt, index.column());
    default:
        return {};
    }
}

QVariant AttemptTableModel::display(const StreamStats::Attempt &attempt, int column) const
{
    switch (column) {
    case NumberColumn:
        return attempt.number;
    case StartedColumn:
        return StatsFormat::timeOfDay(attempt.startedWallMs);
    case StatusColumn:
        if (attempt.status == 0)
            return attempt.isRunning() ? QString() : tr("no response");
        return attempt.reasonPhrase.isEmpty()
            ? QString::number(attempt.status)
            : QString::number(attempt.status) + u' ' + QString::fromLatin1(attempt.reasonPhrase);
    case DurationColumn:
        return StatsFormat::duration(attempt.durationNs(m_nowNs));
    case EventsColumn:
        return StatsFormat::count(attempt.events);
    case DelayColumn:
        return attempt.reconnectDelayMs < 0 ? QString() : StatsFormat::durationMs(attempt.reconnectDelayMs);
    case EndColumn:
        if (attempt.isRunning())
            return attempt.openedNs >= 0 ? tr("(open)") : tr("(connecting)");
        return attempt.endReason;
    default:
        return {};
    }
}

QVariant AttemptTableModel::rawValue(const StreamStats::Attempt &attempt, int column) const
{
    switch (column) {
    case NumberColumn:
        return attempt.number;
    case StartedColumn:
        return attempt.startedWallMs;
    case StatusColumn:
        return attempt.status;
    case DurationColumn:
        return attempt.durationNs(m_nowNs);
    case EventsColumn:
        return attempt.events;
    case DelayColumn:
        return attempt.reconnectDelayMs;
    case EndColumn:
        return attempt.endReason;
    default:
        return {};
    }
}

QVariant AttemptTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case StartedColumn:
            return tr("When the attempt started connecting (local time)");
        case StatusColumn:
            return tr("The HTTP status of the response, or \"no response\" when the connection failed before one");
        case DurationColumn:
            return tr("From the start of the attempt to its end, or until now while it runs");
        case EventsColumn:
            return tr("Events received in this attempt");
        case DelayColumn:
            return tr("The wait chosen before the next attempt (reconnection time, backoff or Retry-After)");
        case EndColumn:
            return tr("Why the attempt ended");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("#");
    case StartedColumn:
        return tr("Started");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case EventsColumn:
        return tr("Events");
    case DelayColumn:
        return tr("Reconnect after");
    case EndColumn:
        return tr("End");
    default:
        return {};
    }
}
