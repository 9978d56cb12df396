// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QPair>
#include <QWidget>

class QTableWidget;
class QToolButton;

/** The request headers as a table of name and value, each row with a checkbox that sends it or not. */
class HeadersTable final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadersTable)

public:
    using Header = QPair<QByteArray, QByteArray>;

    explicit HeadersTable(QWidget *parent = nullptr);

    /** Replaces the rows; every header starts enabled. */
    void setHeaders(const QList<Header> &headers);
    /** The enabled headers with a name, in row order. */
    QList<Header> headers() const;
    /** The value of the first enabled header called name (any case), or a null array. */
    QByteArray value(QByteArrayView name) const;
    /** Sets the first enabled header called name, or adds one. */
    void setValue(const QByteArray &name, const QByteArray &value);
    /** Marks the value of row (the index in setHeaders()) as one to type again: hint shows while it is empty. */
    void markMissingValue(int row, const QString &hint, const QString &toolTip);
    /** The names of the enabled rows marked by markMissingValue() whose value is still empty. */
    QByteArrayList missingValueNames() const;
    /** Fills the first enabled row called name that is marked and still empty; false if there is none. */
    bool fillMissingValue(QByteArrayView name, const QByteArray &value);
    /** Why the enabled headers cannot be sent (a bad name, a line break, an unset $NAME), or nothing. */
    QString problem() const;
    /** Rows with a name that are not sent. */
    int disabledCount() const;
    QTableWidget *table() const { return m_table; }

    /** True for an HTTP token (RFC 9110): letters, digits and !#$%&'*+-.^_`|~. */
    static bool isValidName(QByteArrayView name);

Q_SIGNALS:
    void headersChanged();

private:
    enum Column { NameColumn, ValueColumn };

    void appendRow(const QByteArray &name, const QByteArray &value, bool enabled);
    void ensureTrailingRow();
    void markName(int row);
    void removeSelected();

    QTableWidget *m_table;
    QToolButton *m_add;
    QToolButton *m_remove;
    bool m_updating = false;
};
