// SPDX-License-Identifier: GPL-3.0-or-later
#include "headerstable.h"

#include "cellplaceholderdelegate.h"
#include "placeholders.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QShortcut>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <utility>

using namespace Qt::Literals::StringLiterals;

HeadersTable::HeadersTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QToolButton(this))
    , m_remove(new QToolButton(this))
{
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(NameColumn, fontMetrics().horizontalAdvance(u"Access-Control-Request-Method__"_s));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(ValueColumn, new CellPlaceholderDelegate(m_table));
    m_table->setToolTip(tr("Headers sent with the request, after the defaults (Accept: text/event-stream, "
                           "Cache-Control: no-cache), which they replace.\nClear a checkbox to keep a header "
                           "without sending it. Type in the last row to add one."));

    m_add->setText(tr("Add"));
    m_add->setIcon(QIcon::fromTheme(u"list-add"_s));
    m_add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_add->setToolTip(tr("Add a header row"));
    m_remove->setText(tr("Remove"));
    m_remove->setIcon(QIcon::fromTheme(u"list-remove"_s));
    m_remove->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_remove->setToolTip(tr("Remove the selected headers (Delete)"));
    m_remove->setEnabled(false);

    auto buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QToolButton::clicked, this, [this]() {
        ensureTrailingRow();
        const int row = m_table->rowCount() - 1;
        m_table->setCurrentCell(row, NameColumn);
        m_table->editItem(m_table->item(row, NameColumn));
    });
    connect(m_remove, &QToolButton::clicked, this, &HeadersTable::removeSelected);
    auto remove = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &HeadersTable::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this]() { m_remove->setEnabled(!m_table->selectionModel()->selectedRows().isEmpty()); });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_updating)
            return;
        markName(item->row());
        ensureTrailingRow();
        Q_EMIT headersChanged();
    });
    ensureTrailingRow();
}

void HeadersTable::setHeaders(const QList<Header> &headers)
{
    m_updating = true;
    m_table->setRowCount(0);
    for (const auto &[name, value] : headers)
        appendRow(name, value, true);
    m_updating = false;
    ensureTrailingRow();
    Q_EMIT headersChanged();
}

QList<HeadersTable::Header> HeadersTable::headers() const
{
    QList<Header> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        const QTableWidgetItem *value = m_table->item(row, ValueColumn);
        if (name && name->checkState() == Qt::Checked && !name->text().trimmed().isEmpty())
            result.append({name->text().trimmed().toUtf8(), value ? value->text().trimmed().toUtf8() : QByteArray()});
    }
    return result;
}

QByteArray HeadersTable::value(QByteArrayView name) const
{
    const QList<Header> list = headers();
    const auto found = std::find_if(list.begin(), list.end(), [name](const Header &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
    return found == list.end() ? QByteArray() : found->second;
}

void HeadersTable::setValue(const QByteArray &name, const QByteArray &value)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *nameItem = m_table->item(row, NameColumn);
        if (nameItem && nameItem->checkState() == Qt::Checked
            && nameItem->text().trimmed().compare(QString::fromUtf8(name), Qt::CaseInsensitive) == 0) {
            m_table->item(row, ValueColumn)->setText(QString::fromUtf8(value));
            return;
        }
    }
    // Into the empty last row, which itemChanged then replaces.
    const int row = m_table->rowCount() - 1;
    m_updating = true;
    m_table->item(row, ValueColumn)->setText(QString::fromUtf8(value));
    m_updating = false;
    m_table->item(row, NameColumn)->setText(QString::fromUtf8(name));
}

void HeadersTable::markMissingValue(int row, const QString &hint, const QString &toolTip)
{
    QTableWidgetItem *value = m_table->item(row, ValueColumn);
    if (!value)
        return;
    const bool updating = std::exchange(m_updating, true);
    value->setData(CellPlaceholderDelegate::PlaceholderRole, hint);
    value->setToolTip(toolTip);
    m_updating = updating;
}

QByteArrayList HeadersTable::missingValueNames() const
{
    QByteArrayList names;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        const QTableWidgetItem *value = m_table->item(row, ValueColumn);
        if (name && value && name->checkState() == Qt::Checked && !name->text().trimmed().isEmpty()
            && value->text().trimmed().isEmpty() && value->data(CellPlaceholderDelegate::PlaceholderRole).isValid())
            names << name->text().trimmed().toUtf8();
    }
    return names;
}

bool HeadersTable::fillMissingValue(QByteArrayView name, const QByteArray &value)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *nameItem = m_table->item(row, NameColumn);
        QTableWidgetItem *valueItem = m_table->item(row, ValueColumn);
        if (nameItem && valueItem && nameItem->checkState() == Qt::Checked
            && nameItem->text().trimmed().toUtf8().compare(name, Qt::CaseInsensitive) == 0
            && valueItem->text().isEmpty() && valueItem->data(CellPlaceholderDelegate::PlaceholderRole).isValid()) {
            const bool updating = std::exchange(m_updating, true);
            valueItem->setData(CellPlaceholderDelegate::PlaceholderRole, QVariant());
            valueItem->setToolTip(QString());
            m_updating = updating;
            valueItem->setText(QString::fromUtf8(value));
            return true;
        }
    }
    return false;
}

QString HeadersTable::problem() const
{
    const QList<Header> list = headers();
    for (const auto &[name, value] : list) {
        const QString nameText = QString::fromUtf8(name);
        if (!isValidName(name))
            return tr("The header name “%1” is not valid: use letters, digits and !#$%&'*+-.^_`|~ only, without "
                      "spaces or colons.")
                .arg(nameText);
        if (value.contains('\n') || value.contains('\r'))
            return tr("The value of the header %1 has a line break, which HTTP does not allow.").arg(nameText);
        QStringList missing;
        Placeholders::expand(value, &missing);
        if (!missing.isEmpty())
            return tr("The header %1 uses $%2, which is not set in the environment: replace it with the real value on "
                      "the Headers page, or set %2 before starting SSE Scope.")
                .arg(nameText, missing.first());
    }
    return {};
}

int HeadersTable::disabledCount() const
{
    int count = 0;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        if (name && name->checkState() != Qt::Checked && !name->text().trimmed().isEmpty())
            ++count;
    }
    return count;
}

bool HeadersTable::isValidName(QByteArrayView name)
{
    static constexpr QByteArrayView Symbols = "!#$%&'*+-.^_`|~";
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || Symbols.contains(c);
    });
}

void HeadersTable::appendRow(const QByteArray &name, const QByteArray &value, bool enabled)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto nameItem = new QTableWidgetItem(QString::fromUtf8(name));
    // The empty row for a new header gets its checkbox with its name.
    if (!name.isEmpty())
        nameItem->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, NameColumn, nameItem);
    m_table->setItem(row, ValueColumn, new QTableWidgetItem(QString::fromUtf8(value)));
    markName(row);
}

void HeadersTable::ensureTrailingRow()
{
    const int last = m_table->rowCount() - 1;
    const auto isEmpty = [this](int row) {
        const QTableWidgetItem *name = m_table->item(row, NameColumn);
        const QTableWidgetItem *value = m_table->item(row, ValueColumn);
        return (!name || name->text().isEmpty()) && (!value || value->text().isEmpty());
    };
    if (last >= 0 && isEmpty(last))
        return;
    const bool updating = m_updating;
    m_updating = true;
    appendRow({}, {}, true);
    m_updating = updating;
}

void HeadersTable::markName(int row)
{
    QTableWidgetItem *item = m_table->item(row, NameColumn);
    if (!item)
        return;
    const QString name = item->text().trimmed();
    const bool valid = name.isEmpty() || isValidName(name.toUtf8());
    const bool updating = m_updating;
    m_updating = true;
    if (!name.isEmpty() && !item->data(Qt::CheckStateRole).isValid())
        item->setCheckState(Qt::Checked);
    item->setForeground(valid ? palette().text() : QBrush(QColor(0xc6, 0x28, 0x28)));
    item->setToolTip(
        valid ? (name.isEmpty() ? tr("Type a name here to add a header") : QString())
              : tr("“%1” is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only.").arg(name));
    m_updating = updating;
}

void HeadersTable::removeSelected()
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        m_table->removeRow(row);
    ensureTrailingRow();
    Q_EMIT headersChanged();
}
