// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class DetailPane;
class EventColumns;
class EventFilterProxyModel;
class EventListModel;
class FilterBar;
class QLabel;
class QSpinBox;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

/** The rows of a stream: filter bar, table, detail pane, and follow, pause, clear and retention controls. */
class EventsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPage)

public:
    explicit EventsPage(QWidget *parent = nullptr);

    EventListModel *model() const { return m_model; }
    EventFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    FilterBar *filterBar() const { return m_filterBar; }
    /** The table's columns: shown or hidden, and the JSON columns. */
    EventColumns *columns() const { return m_columns; }
    DetailPane *detailPane() const { return m_detail; }
    QToolButton *pauseButton() const { return m_pause; }
    QToolButton *followButton() const { return m_follow; }
    QSpinBox *retentionBox() const { return m_retention; }
    QSplitter *splitter() const { return m_splitter; }

    void setPaused(bool paused);
    /** Restores column order, widths and visibility saved by columnsState(). */
    void restoreColumns(const QByteArray &state);
    /** Order, widths and visibility of the fixed columns, for every tab (the JSON columns are this tab's). */
    QByteArray columnsState() const;
    /** Removes the rows (the Clear button); numbering goes on. */
    void clear();
    /** Removes the rows and numbers from 1 again, for a session shown in place of another. */
    void reset();
    /** Selects the visible row (proxy row) and shows it in the detail pane. */
    void selectRow(int row);
    /** A line such as "1,204 of 2,000 rows shown · 3 waiting (paused) · 500 evicted". */
    QString rowsText() const;

Q_SIGNALS:
    void rowsTextChanged(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showCurrent();
    void updateRowsText();

    EventListModel *m_model;
    EventFilterProxyModel *m_proxy;
    FilterBar *m_filterBar;
    QTableView *m_table;
    EventColumns *m_columns;
    DetailPane *m_detail;
    QSplitter *m_splitter;
    QToolButton *m_follow;
    QToolButton *m_pause;
    QToolButton *m_clear;
    QSpinBox *m_retention;
    QLabel *m_rows;
    QTimer *m_waiting; // counts what waits while paused
    bool m_atBottom = true;
};
