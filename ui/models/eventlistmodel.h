// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/jsoncolumn.h"
#include "log/jsonfieldcache.h"
#include "log/streamlog.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <map>

/**
 * The rows of a stream tab: an adapter over a StreamLog. Entries are appended to the log at once but reach
 * the view in batches on a timer, one insertion per batch; past the capacity the oldest rows are removed
 * before new ones are inserted. Paused, it keeps receiving and counts what waits.
 */
class EventListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventListModel)

public:
    enum Column { NumberColumn, TimeColumn, DeltaColumn, TypeColumn, IdColumn, SizeColumn, PreviewColumn, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole, // the column's value unformatted, for sorting and filtering
        KindRole, // StreamLog::Kind as int
        DataRole, // the whole data as QByteArray (UTF-8)
        DiagnosticRole, // a diagnostic row's SseDiagnostic::Kind as int; nothing on other rows
    };

    explicit EventListModel(QObject *parent = nullptr);

    /** The log behind the rows; append to it through the model so that batches are counted. */
    StreamLog &log() { return m_log; }
    const StreamLog &log() const { return m_log; }
    void appendEvent(const SseEvent &event, int attempt, qint64 monotonicNs, qint64 wallMs);
    void appendComment(const QByteArray &text, int attempt, qint64 monotonicNs, qint64 wallMs, qint64 streamOffset = 0);
    void appendState(const StreamStateChange &change);
    void appendChunk(const StreamChunk &chunk);
    void appendDiagnostic(const SseDiagnostic &diagnostic, int attempt, qint64 monotonicNs, qint64 wallMs);

    /** Rows kept at most (0: no limit); the oldest go first. */
    void setCapacity(qsizetype capacity);
    qsizetype capacity() const { return m_capacity; }
    /** Rows evicted so far to stay within the capacity. */
    qint64 evicted() const { return m_log.evicted(); }
    /** How often waiting entries are shown, in ms (16-50 keeps a view smooth). */
    void setFlushInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /** Entries received but not shown yet. */
    qsizetype pending() const { return m_log.size() - m_shown; }
    /** Shows the waiting entries now (the timer does it otherwise). */
    void flush();
    /** Removes every row; the # column numbers on (the user cleared the rows). */
    void clear();
    /** Removes every row and numbers from 1 again (a recording replaces what the tab showed). */
    void reset();

    /** False for the rows whose text explains rather than holds bytes the stream sent (states, diagnostics). */
    static bool hasSize(const StreamLog::Entry &entry);
    /** Nanoseconds since the previous row of the same kind (an event: since the previous event), or -1. */
    qint64 deltaNs(qsizetype row) const;

    /** The columns after ColumnCount, each showing what a JSON pointer names in every event's data. */
    const JsonColumns &jsonColumns() const { return m_jsonColumns; }
    /** Replaces the JSON columns; those with a pointer that is not one are left out. */
    void setJsonColumns(const JsonColumns &columns);
    /** Adds a JSON column after the others; false when its pointer is not one. */
    bool addJsonColumn(const JsonColumn &column);
    /** Changes JSON column index (0 for the first JSON column); false when the pointer is not one. */
    bool changeJsonColumn(int index, const JsonColumn &column);
    void removeJsonColumn(int index);
    /** What JSON column index shows in row: each row's data is parsed once for all JSON columns. */
    const JsonField &jsonField(int row, int index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /** Rows were evicted to stay within the capacity. */
    void rowsEvicted(qsizetype count);

private:
    void scheduleFlush();
    QVariant display(const StreamLog::Entry &entry, int row, int column) const;
    QVariant jsonData(const StreamLog::Entry &entry, int index, int role) const;
    void updateJsonPointers();

    const StreamStateChange *stateOf(const StreamLog::Entry &entry) const;
    StreamLog m_log;
    // The state changes of the retained state rows by sequence, so that they are worded in the user's language.
    std::map<qint64, StreamStateChange> m_states;
    QTimer m_timer;
    qsizetype m_shown = 0;
    qsizetype m_capacity = 0;
    bool m_paused = false;
    JsonColumns m_jsonColumns;
    JsonFieldCache m_jsonFields;
};
