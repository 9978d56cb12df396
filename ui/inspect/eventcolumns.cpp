// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventcolumns.h"

#include "jsoncolumndialog.h"
#include "jsoncolumnstore.h"
#include "models/eventlistmodel.h"

#include <QHeaderView>
#include <QMenu>
#include <QStandardItemModel>
#include <QTableView>

using namespace Qt::Literals::StringLiterals;

namespace {

// Wide enough for a short delta or a finish reason.
constexpr int JsonColumnChars = 16;

} // namespace

EventColumns::EventColumns(QTableView *table, EventListModel *model, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_model(model)
{
    QHeaderView *header = table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &position) {
        QMenu *menu = createMenu(header->logicalIndexAt(position), header);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(header->mapToGlobal(position));
    });
    // The table's header has the new sections once it says so (the source model's signal comes too early).
    connect(header, &QHeaderView::sectionCountChanged, this, [this](int before, int now) {
        if (now > before)
            placeNewColumns(qMax(before, int(EventListModel::ColumnCount)), now - 1);
    });
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { lookForPreset(first, last); });
}

void EventColumns::setEndpoint(const QUrl &url)
{
    const QString key = JsonColumnStore::endpointKey(url);
    if (key == m_endpoint)
        return;
    const bool first = m_endpoint.isEmpty();
    m_endpoint = key;
    if (first && m_chosen) {
        // Chosen before the tab had an endpoint: they are this endpoint's.
        remember();
        return;
    }
    if (const std::optional<JsonColumns> saved = JsonColumnStore::load(key)) {
        m_chosen = true;
        m_model->setJsonColumns(*saved);
        return;
    }
    m_chosen = false;
    // The tab's first endpoint keeps what its rows so far called for (a recording's rows come before its
    // request is known); another endpoint looks again, at the rows there are.
    if (first)
        return;
    m_preset.reset();
    m_model->setJsonColumns({});
    if (m_model->rowCount() > 0)
        lookForPreset(0, m_model->rowCount() - 1);
}

void EventColumns::lookForPreset(int first, int last)
{
    if (m_chosen || m_preset.isDecided())
        return;
    const StreamLog &log = m_model->log();
    for (int row = first; row <= last && row < log.size() && !m_preset.isDecided(); ++row) {
        const StreamLog::Entry entry = log.at(row);
        if (entry.kind != StreamLog::Kind::Event || !m_preset.addEvent(entry.data))
            continue;
        // Not while the rows' insertion is still being told to the other views of the model.
        QMetaObject::invokeMethod(
            this,
            [this]() {
                if (!m_chosen && m_model->jsonColumns().isEmpty())
                    m_model->setJsonColumns(m_preset.columns());
            },
            Qt::QueuedConnection);
    }
}

void EventColumns::placeNewColumns(int first, int last)
{
    // Before the data column, which stays last and takes the room left.
    QHeaderView *header = m_table->horizontalHeader();
    const int width = m_table->fontMetrics().horizontalAdvance(u'M') * JsonColumnChars;
    for (int section = first; section <= last; ++section) {
        header->moveSection(header->visualIndex(section), header->visualIndex(EventListModel::PreviewColumn));
        header->resizeSection(section, width);
    }
}

QMenu *EventColumns::createMenu(int section, QWidget *parent)
{
    auto menu = new QMenu(parent);
    menu->setToolTipsVisible(true);
    for (int column = 0; column < EventListModel::ColumnCount; ++column) {
        QAction *toggle = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!m_table->isColumnHidden(column));
        toggle->setEnabled(column != EventListModel::PreviewColumn);
        connect(toggle, &QAction::toggled, m_table, [this, column](bool on) { m_table->setColumnHidden(column, !on); });
    }
    menu->addSeparator();
    const int index = section - EventListModel::ColumnCount;
    if (index >= 0 && index < m_model->jsonColumns().size()) {
        const QString heading = m_model->jsonColumns().at(index).heading();
        connect(menu->addAction(tr("Edit JSON Column “%1”…").arg(heading)), &QAction::triggered, this,
                [this, index]() { askToEdit(index); });
        connect(menu->addAction(tr("Remove JSON Column “%1”").arg(heading)), &QAction::triggered, this,
                [this, index]() { remove(index); });
    }
    QAction *add = menu->addAction(tr("Add JSON Column…"));
    add->setToolTip(tr("A column that shows what a JSON pointer names in each event's data"));
    connect(add, &QAction::triggered, this, [this]() { askToAdd(); });
    return menu;
}

JsonColumnDialog *EventColumns::askToAdd()
{
    auto dialog = new JsonColumnDialog({}, m_table);
    dialog->setWindowTitle(tr("Add JSON Column"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() { add(dialog->column()); });
    dialog->open();
    return dialog;
}

JsonColumnDialog *EventColumns::askToEdit(int index)
{
    if (index < 0 || index >= m_model->jsonColumns().size())
        return nullptr;
    auto dialog = new JsonColumnDialog(m_model->jsonColumns().at(index), m_table);
    dialog->setWindowTitle(tr("Edit JSON Column"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, index]() { change(index, dialog->column()); });
    dialog->open();
    return dialog;
}

bool EventColumns::add(const JsonColumn &column)
{
    if (!m_model->addJsonColumn(column))
        return false;
    remember();
    return true;
}

bool EventColumns::change(int index, const JsonColumn &column)
{
    if (!m_model->changeJsonColumn(index, column))
        return false;
    remember();
    return true;
}

void EventColumns::remove(int index)
{
    m_model->removeJsonColumn(index);
    remember();
}

void EventColumns::remember()
{
    m_chosen = true;
    JsonColumnStore::save(m_endpoint, m_model->jsonColumns());
}

QByteArray EventColumns::state() const
{
    // The same header without the JSON columns: QHeaderView takes a state of more sections than the table has
    // columns, and then counts sections that are not there.
    const QHeaderView *header = m_table->horizontalHeader();
    QStandardItemModel columns(0, header->count());
    QHeaderView fixed(Qt::Horizontal);
    fixed.setModel(&columns);
    fixed.restoreState(header->saveState());
    if (header->count() > EventListModel::ColumnCount)
        columns.removeColumns(EventListModel::ColumnCount, header->count() - EventListModel::ColumnCount);
    return fixed.saveState();
}

void EventColumns::restoreState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
    // The data column always shows, whatever a saved state says.
    m_table->setColumnHidden(EventListModel::PreviewColumn, false);
}
