// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/jsoncolumnpreset.h"

#include <QObject>
#include <QUrl>

class EventListModel;
class JsonColumnDialog;
class QMenu;
class QTableView;
class QWidget;

/**
 * The columns of a stream tab's event table, from the header's context menu: the fixed columns shown or
 * hidden, and JSON columns the user adds, edits and removes. JSON columns are remembered per endpoint; an
 * endpoint with none remembered gets, once, the columns its first events call for when they come from a known
 * LLM API (OpenAI's delta content and finish reason, Anthropic's type and delta text).
 */
class EventColumns final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventColumns)

public:
    EventColumns(QTableView *table, EventListModel *model, QObject *parent = nullptr);

    /** The endpoint the tab streams from: shows its remembered JSON columns, or else looks for a preset (the
     *  tab's first endpoint keeps one found already). Columns chosen before the tab had an endpoint are kept as
     *  that endpoint's. The same endpoint again changes nothing. */
    void setEndpoint(const QUrl &url);
    /** The key the columns are remembered under: the URL without query, fragment or credentials. */
    QString endpoint() const { return m_endpoint; }
    const JsonColumnPreset &preset() const { return m_preset; }

    /** The header's context menu for section (a logical index; -1 away from the sections). */
    QMenu *createMenu(int section, QWidget *parent);
    /** Opens the dialog that adds a JSON column, without waiting for it; it goes when closed. */
    JsonColumnDialog *askToAdd();
    /** Opens the dialog that changes JSON column index (0 for the first JSON column). */
    JsonColumnDialog *askToEdit(int index);
    /** Adds, changes or removes a JSON column for the user, who then has chosen the endpoint's columns. */
    bool add(const JsonColumn &column);
    bool change(int index, const JsonColumn &column);
    void remove(int index);

    /** Order, widths and visibility of the fixed columns as QHeaderView::saveState() has them; the JSON columns
     *  are the tab's own and are left out, so the state fits every tab. */
    QByteArray state() const;
    void restoreState(const QByteArray &state);

private:
    void lookForPreset(int first, int last);
    void placeNewColumns(int first, int last);
    void remember();

    QTableView *m_table;
    EventListModel *m_model;
    JsonColumnPreset m_preset;
    QString m_endpoint;
    bool m_chosen = false; // the JSON columns were chosen (by the user, or remembered): no preset
};
